CREATE TABLE "alarm_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alarm_id" uuid NOT NULL,
	"action" text NOT NULL,
	"result" text,
	"notes" text,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"elder_id" uuid,
	"region_code" text NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message_id" bigint,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"group_count" integer DEFAULT 1 NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "device_bindings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"elder_id" uuid,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" text NOT NULL,
	"type" text NOT NULL,
	"vendor" text NOT NULL,
	"model" text NOT NULL,
	"sim_phone" text,
	"firmware" text,
	"secret_hash" text NOT NULL,
	"heartbeat_seconds" integer NOT NULL,
	"elder_id" uuid,
	"region_code" text NOT NULL,
	"last_seen_at" timestamp with time zone,
	"battery" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alarm_actions" ADD CONSTRAINT "alarm_actions_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_bindings" ADD CONSTRAINT "device_bindings_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_elder_id_elders_id_fk" FOREIGN KEY ("elder_id") REFERENCES "public"."elders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarm_actions_alarm_idx" ON "alarm_actions" USING btree ("alarm_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_message_uq" ON "alarms" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "alarms_region_idx" ON "alarms" USING btree ("region_code" text_pattern_ops,"raised_at");--> statement-breakpoint
CREATE INDEX "alarms_open_idx" ON "alarms" USING btree ("device_id","type") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "device_bindings_device_idx" ON "device_bindings" USING btree ("device_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "device_messages_uq" ON "device_messages" USING btree ("device_id","kind","event_id");--> statement-breakpoint
CREATE INDEX "device_messages_device_idx" ON "device_messages" USING btree ("device_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_serial_uq" ON "devices" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "devices_elder_idx" ON "devices" USING btree ("elder_id");--> statement-breakpoint
CREATE INDEX "devices_region_idx" ON "devices" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
-- bindings and an alarm's actions are history: append-only
CREATE TRIGGER device_bindings_no_update BEFORE UPDATE OR DELETE ON device_bindings FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER alarm_actions_no_update BEFORE UPDATE OR DELETE ON alarm_actions FOR EACH ROW EXECUTE FUNCTION append_only();
