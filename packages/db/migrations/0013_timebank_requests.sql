CREATE TABLE "timebank_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"description" text NOT NULL,
	"day" date NOT NULL,
	"start_time" text,
	"minutes" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"volunteer_id" uuid,
	"taken_at" timestamp with time zone,
	"check_in_at" timestamp with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_out_at" timestamp with time zone,
	"served_minutes" integer,
	"confirmed_by" text,
	"op_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "timebank_requests" ADD CONSTRAINT "timebank_requests_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timebank_requests" ADD CONSTRAINT "timebank_requests_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timebank_requests" ADD CONSTRAINT "timebank_requests_op_id_timebank_ops_id_fk" FOREIGN KEY ("op_id") REFERENCES "public"."timebank_ops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timebank_requests_region_idx" ON "timebank_requests" USING btree ("region_code" text_pattern_ops,"status","day");--> statement-breakpoint
CREATE INDEX "timebank_requests_volunteer_idx" ON "timebank_requests" USING btree ("volunteer_id");