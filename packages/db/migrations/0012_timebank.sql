CREATE TABLE "timebank_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"holder_kind" text NOT NULL,
	"volunteer_id" uuid,
	"elder_id" uuid,
	"region_code" text NOT NULL,
	"balance_minutes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timebank_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"op_id" uuid NOT NULL,
	"account_id" uuid,
	"system_account" text,
	"minutes" integer NOT NULL,
	"reason" text NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timebank_ops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"id_number_enc" "bytea" NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone_enc" "bytea",
	"phone_masked" text,
	"team" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "timebank_accounts" ADD CONSTRAINT "timebank_accounts_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timebank_accounts" ADD CONSTRAINT "timebank_accounts_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timebank_entries" ADD CONSTRAINT "timebank_entries_op_id_timebank_ops_id_fk" FOREIGN KEY ("op_id") REFERENCES "public"."timebank_ops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timebank_entries" ADD CONSTRAINT "timebank_entries_account_id_timebank_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."timebank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "timebank_accounts_volunteer_uq" ON "timebank_accounts" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timebank_accounts_elder_uq" ON "timebank_accounts" USING btree ("elder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timebank_accounts_pool_uq" ON "timebank_accounts" USING btree ("region_code") WHERE holder_kind = 'pool';--> statement-breakpoint
CREATE INDEX "timebank_entries_account_idx" ON "timebank_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "timebank_entries_op_idx" ON "timebank_entries" USING btree ("op_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timebank_ops_key_uq" ON "timebank_ops" USING btree ("actor_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "timebank_ops_region_idx" ON "timebank_ops" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_id_number_uq" ON "volunteers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "volunteers_region_idx" ON "volunteers" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_user_uq" ON "volunteers" USING btree ("user_id");--> statement-breakpoint
-- the time bank's ledger is append-only: a correction is a new operation
CREATE TRIGGER timebank_entries_no_update BEFORE UPDATE OR DELETE ON timebank_entries
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER timebank_entries_no_truncate BEFORE TRUNCATE ON timebank_entries
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER timebank_ops_no_update BEFORE UPDATE OR DELETE ON timebank_ops
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
-- no account below zero, whatever the code does
ALTER TABLE timebank_accounts ADD CONSTRAINT timebank_accounts_nonnegative CHECK (balance_minutes >= 0);
