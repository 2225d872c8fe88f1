CREATE TABLE "visit_plans" (
	"elder_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"every_days" smallint NOT NULL,
	"kind" text NOT NULL,
	"reasons" text[] NOT NULL,
	"rule_keys" text[] NOT NULL,
	"assignee_user_id" uuid,
	"assignee_volunteer_id" uuid,
	"next_due" date NOT NULL,
	"last_done_on" date,
	"unanswered_calls" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"outcome" text NOT NULL,
	"by_user_id" uuid,
	"by_volunteer_id" uuid,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"findings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"worrying" boolean DEFAULT false NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_assignee_volunteer_id_volunteers_id_fk" FOREIGN KEY ("assignee_volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_plans_region_idx" ON "visit_plans" USING btree ("region_code" text_pattern_ops,"next_due");--> statement-breakpoint
CREATE INDEX "visit_plans_assignee_idx" ON "visit_plans" USING btree ("assignee_user_id","next_due");--> statement-breakpoint
CREATE INDEX "visits_elder_idx" ON "visits" USING btree ("elder_id","at");--> statement-breakpoint
CREATE INDEX "visits_region_idx" ON "visits" USING btree ("region_code" text_pattern_ops,"at");--> statement-breakpoint
-- what a visit found is on record: corrections are new visits
CREATE TRIGGER visits_no_update BEFORE UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION append_only();
