ALTER TABLE "elders" ADD COLUMN "name_grams" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "elders_name_grams_idx" ON "elders" USING gin ("name_grams");--> statement-breakpoint
-- backfill: every substring of up to 4 characters
UPDATE "elders" SET "name_grams" = ARRAY(
  SELECT DISTINCT substr("name", i, l) FROM generate_series(1, char_length("name")) AS i, generate_series(1, 4) AS l
  WHERE i + l - 1 <= char_length("name")
);
--> statement-breakpoint
-- trigrams do not index Chinese under every locale (PGlite's is C) and slow bulk writes: name_grams replaces them
DROP INDEX IF EXISTS "elders_name_trgm_idx";
