ALTER TABLE "service_orders" ADD COLUMN "timebank_account_id" uuid;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "timebank_minutes" integer;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "timebank_op_id" uuid;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "timebank_refund_op_id" uuid;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "timebank_fen" integer;--> statement-breakpoint
ALTER TABLE "service_products" ADD COLUMN "timebank_minutes" integer;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "service_products" ADD CONSTRAINT "service_products_timebank_minutes_ck" CHECK ("timebank_minutes" IS NULL OR "timebank_minutes" > 0);
