ALTER TABLE "inbound_mail" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
-- Ingestion no longer goes through the outbox and pg-boss: the inbound rows waiting are its queue.
DELETE FROM "outbox" WHERE "queue" = 'email.ingest';--> statement-breakpoint
DO $$ BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    DELETE FROM pgboss.job WHERE name = 'email.ingest';
  END IF;
END $$;
