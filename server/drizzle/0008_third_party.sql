ALTER TABLE "messages" ADD COLUMN "third_party_email" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "third_party_name" text;--> statement-breakpoint
CREATE INDEX "messages_third_party_idx" ON "messages" USING btree ("case_id","third_party_email","created_at") WHERE visibility = 'third-party';