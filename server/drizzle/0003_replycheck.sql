CREATE TABLE "message_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"agent_id" uuid,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	"message" text NOT NULL,
	"suggestion" text NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" uuid,
	"dismiss_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_scores" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid,
	"score" integer NOT NULL,
	"findings" integer NOT NULL,
	"by_category" jsonb NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_packs" (
	"language" text PRIMARY KEY NOT NULL,
	"pack" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_findings" ADD CONSTRAINT "message_findings_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_findings" ADD CONSTRAINT "message_findings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_findings" ADD CONSTRAINT "message_findings_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_findings" ADD CONSTRAINT "message_findings_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scores" ADD CONSTRAINT "qa_scores_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scores" ADD CONSTRAINT "qa_scores_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_packs" ADD CONSTRAINT "reply_packs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_findings_case_idx" ON "message_findings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "message_findings_dismissed_idx" ON "message_findings" USING btree ("language","dismissed_at") WHERE dismissed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "qa_scores_worst_idx" ON "qa_scores" USING btree ("score","last_sent_at" DESC NULLS LAST,"case_id");