CREATE INDEX "elders_updated_idx" ON "elders" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "elders_deceased_idx" ON "elders" USING btree ("id") WHERE status = 'deceased';