-- order numbers: the Beijing day and a sequence, at least six digits (never truncated)
CREATE SEQUENCE IF NOT EXISTS service_order_no_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION next_order_no() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END
  FROM (SELECT nextval('service_order_no_seq') AS n) s
$$;
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"content" text NOT NULL,
	"by_user_id" uuid,
	"by_role" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" text NOT NULL,
	"from_masked" text NOT NULL,
	"from_hash" text NOT NULL,
	"to_number" text,
	"elder_id" uuid,
	"matched_by" text,
	"region_code" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taken_by" uuid,
	"taken_at" timestamp with time zone,
	"order_id" uuid,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_ratings" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"by_user_id" uuid,
	"by_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_person" text NOT NULL,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"service_regions" text[] NOT NULL,
	"qualifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"auto_accept" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_reason" text,
	"status_at" timestamp with time zone,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"reached" boolean NOT NULL,
	"satisfaction" text,
	"service_happened" boolean,
	"notes" text,
	"by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text DEFAULT next_order_no() NOT NULL,
	"elder_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"product" jsonb NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"price_tier" text,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"address" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"notes" text,
	"channel" text NOT NULL,
	"call_id" text,
	"placed_by" uuid,
	"placed_by_role" text NOT NULL,
	"idempotency_key" text,
	"status" text DEFAULT 'placed' NOT NULL,
	"worker_id" uuid,
	"declined_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"accepted_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"worker_accepted_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_distance_m" integer,
	"checked_out_at" timestamp with time zone,
	"check_out_lat" double precision,
	"check_out_lng" double precision,
	"tasks_done" text[],
	"service_notes" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" text,
	"actual_minutes" integer,
	"billable_minutes" integer,
	"price_fen" integer,
	"wallet_minutes" integer,
	"minutes_fen" integer,
	"wallet_fen" integer,
	"copay_fen" integer,
	"copay_method" text,
	"copay_reference" text,
	"settled_at" timestamp with time zone,
	"closed_reason" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"unit" text NOT NULL,
	"price_fen" integer NOT NULL,
	"subsidy_prices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_minutes" integer NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_certificates" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_regions" text[] NOT NULL,
	"tasks" text[] DEFAULT '{}'::text[] NOT NULL,
	"wallet_eligible" boolean DEFAULT true NOT NULL,
	"on_sale" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"phone_enc" "bytea" NOT NULL,
	"phone_masked" text NOT NULL,
	"skills" text[] NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"work_days" smallint[] NOT NULL,
	"work_start" text NOT NULL,
	"work_end" text NOT NULL,
	"base_lat" double precision NOT NULL,
	"base_lng" double precision NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_calls" ADD CONSTRAINT "inbound_calls_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_photos" ADD CONSTRAINT "order_photos_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_ratings" ADD CONSTRAINT "order_ratings_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_visits" ADD CONSTRAINT "return_visits_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_product_id_service_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."service_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_products" ADD CONSTRAINT "service_products_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_calls_call_uq" ON "inbound_calls" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "inbound_calls_received_idx" ON "inbound_calls" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_credit_code_uq" ON "providers" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "providers_region_idx" ON "providers" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "return_visits_order_uq" ON "return_visits" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "return_visits_region_idx" ON "return_visits" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "orders_no_uq" ON "service_orders" USING btree ("order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idem_uq" ON "service_orders" USING btree ("placed_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_region_idx" ON "service_orders" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "orders_elder_idx" ON "service_orders" USING btree ("elder_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_provider_idx" ON "service_orders" USING btree ("provider_id","status","slot_start");--> statement-breakpoint
CREATE INDEX "orders_worker_idx" ON "service_orders" USING btree ("worker_id","slot_start");--> statement-breakpoint
CREATE INDEX "orders_open_idx" ON "service_orders" USING btree ("status","slot_start") WHERE status IN ('placed','accepted','assigned','on_the_way');--> statement-breakpoint
CREATE INDEX "orders_flags_idx" ON "service_orders" USING btree ("region_code") WHERE cardinality(flags) > 0;--> statement-breakpoint
CREATE INDEX "products_provider_idx" ON "service_products" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "service_products" USING btree ("category");--> statement-breakpoint
CREATE INDEX "products_regions_idx" ON "service_products" USING gin ("service_regions");--> statement-breakpoint
CREATE INDEX "workers_provider_idx" ON "workers" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workers_user_uq" ON "workers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "elder_contacts_phone_idx" ON "elder_contacts" USING btree ("phone_hash");
--> statement-breakpoint
-- an order's timeline is append-only: corrections are new events
CREATE TRIGGER order_events_no_update BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
