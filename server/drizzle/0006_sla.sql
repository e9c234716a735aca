CREATE TABLE "case_sla" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"policy_id" uuid,
	"first_response_warn_at" timestamp with time zone NOT NULL,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolution_warn_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"paused_since" timestamp with time zone,
	"case_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"priority" text,
	"category" text,
	"tier" text,
	"first_response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	"position" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sweep_ticks" (
	"sweep" text NOT NULL,
	"tick" timestamp with time zone NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sweep_ticks_sweep_tick_pk" PRIMARY KEY("sweep","tick")
);
--> statement-breakpoint
CREATE TABLE "team_calendars" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"calendar" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tier" text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_sla" ADD CONSTRAINT "case_sla_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_calendars" ADD CONSTRAINT "team_calendars_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_calendars" ADD CONSTRAINT "team_calendars_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_sla_resolution_due_idx" ON "case_sla" USING btree ("resolution_due_at") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_selector_key" ON "sla_policies" USING btree (coalesce("priority", '*'),coalesce("category", '*'),coalesce("tier", '*'));--> statement-breakpoint
CREATE INDEX "cases_similar_idx" ON "cases" USING btree ("category","channel","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "messages_case_reply_idx" ON "messages" USING btree ("case_id","created_at") WHERE direction = 'outbound' AND visibility = 'public';--> statement-breakpoint
CREATE INDEX "commitments_state_due_idx" ON "commitments" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "commitments_missed_pending_idx" ON "commitments" USING btree ("closed_at") WHERE state = 'missed' AND followed_up_at IS NULL;