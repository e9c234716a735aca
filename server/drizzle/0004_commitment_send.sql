ALTER TABLE "cases" ADD COLUMN "escalation_level" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "footer" jsonb;