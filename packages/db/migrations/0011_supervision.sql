CREATE TABLE "credit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid,
	"subject_name" text NOT NULL,
	"kind" text NOT NULL,
	"prohibition" text,
	"reason" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"status" text DEFAULT 'approved' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"scheme_id" uuid NOT NULL,
	"appeal_days" smallint DEFAULT 7 NOT NULL,
	"recheck" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"assessor_id" uuid,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"remarks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"score_centi" integer,
	"stars" smallint,
	"unqualified" boolean,
	"result" jsonb,
	"submitted_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appeal_answer" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tier" text NOT NULL,
	"parent_id" uuid,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"operator_name" text NOT NULL,
	"operator_provider_id" uuid,
	"operating_model" text NOT NULL,
	"area_m2" integer DEFAULT 0 NOT NULL,
	"beds" integer DEFAULT 0 NOT NULL,
	"nursing_beds" integer DEFAULT 0 NOT NULL,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"opening_hours" text,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"video_url" text,
	"kitchen_camera_url" text,
	"filing_no" text,
	"filed_at" date,
	"filing_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"residents" jsonb DEFAULT '{"disabled":0,"semiDisabled":0,"selfCare":0}'::jsonb NOT NULL,
	"status" text DEFAULT 'operating' NOT NULL,
	"status_reason" text,
	"status_at" timestamp with time zone,
	"stars" smallint,
	"unqualified" boolean DEFAULT false NOT NULL,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"facility_id" uuid,
	"provider_id" uuid,
	"kind" text NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector_id" uuid,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"scheme" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"inspection_id" uuid,
	"evaluation_id" uuid,
	"facility_id" uuid,
	"provider_id" uuid,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"found_on" date NOT NULL,
	"acknowledge_by" date NOT NULL,
	"feedback_by" date NOT NULL,
	"resolve_by" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"acknowledged_on" date,
	"feedback_on" date,
	"feedback" text,
	"plan" text,
	"plan_date" date,
	"resolved_on" date,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"closed_by" uuid,
	"recheck_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"facility_id" uuid,
	"provider_id" uuid,
	"worker_id" uuid,
	"name" text NOT NULL,
	"id_number_enc" "bytea" NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"post" text NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"education" text,
	"graduated_on" date,
	"hired_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"course" text NOT NULL,
	"hours" integer NOT NULL,
	"result" text NOT NULL,
	"trained_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_products" ADD COLUMN "facility_id" uuid;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_scheme_id_rating_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."rating_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_round_id_evaluation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."evaluation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_operator_provider_id_providers_id_fk" FOREIGN KEY ("operator_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_records_subject_idx" ON "credit_records" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "credit_records_region_idx" ON "credit_records" USING btree ("region_code" text_pattern_ops,"kind");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_round_facility_uq" ON "evaluations" USING btree ("round_id","facility_id");--> statement-breakpoint
CREATE INDEX "evaluations_facility_idx" ON "evaluations" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "evaluations_assessor_idx" ON "evaluations" USING btree ("assessor_id");--> statement-breakpoint
CREATE INDEX "facilities_region_idx" ON "facilities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "facilities_operator_idx" ON "facilities" USING btree ("operator_provider_id");--> statement-breakpoint
CREATE INDEX "inspections_region_idx" ON "inspections" USING btree ("region_code" text_pattern_ops,"inspected_on");--> statement-breakpoint
CREATE INDEX "rectifications_region_idx" ON "rectifications" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "rectifications_facility_idx" ON "rectifications" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "staff_region_idx" ON "staff" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "staff_facility_idx" ON "staff" USING btree ("facility_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_id_number_uq" ON "staff" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "trainings_staff_idx" ON "trainings" USING btree ("staff_id");