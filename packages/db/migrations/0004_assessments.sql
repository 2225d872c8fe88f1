CREATE TABLE "assessment_scales" (
	"code" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"scale_code" text NOT NULL,
	"scale_version" text NOT NULL,
	"reason" text NOT NULL,
	"reason_note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assessors" text[] DEFAULT '{}'::text[] NOT NULL,
	"informant" text,
	"assessed_at" date NOT NULL,
	"subtotals" jsonb,
	"total" integer,
	"preliminary_level" smallint,
	"final_level" smallint,
	"reasons" jsonb,
	"supersedes_id" uuid,
	"correction_reason" text,
	"superseded_by_id" uuid,
	"created_by" uuid,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "ability_assessed_at" date;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "ability_assessment_id" uuid;--> statement-breakpoint
ALTER TABLE "elders" ADD COLUMN "ability_due_at" date;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scales_pk" ON "assessment_scales" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "assessments_elder_idx" ON "assessments" USING btree ("elder_id","assessed_at");--> statement-breakpoint
CREATE INDEX "assessments_region_idx" ON "assessments" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_supersedes_uq" ON "assessments" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "elders_ability_due_idx" ON "elders" USING btree ("ability_due_at");