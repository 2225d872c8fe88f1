import { type Database, migrateDatabase } from "@carecircle/db";
import { type Ctx, ensureDemoFacilities, ensureDemoMarketplace, ensureScales, Secrets, SYSTEM_ACTOR, seedDemo } from "@carecircle/domain";

/** Every test server uses these, so that the template's encrypted fields decrypt. */
export const TEST_SECRET = "carecircle-test-secret-not-for-production";
export const TEST_PASSWORD = "Test-pass-2026";
/** Elders in the template: enough for lists and paging, small enough to seed in seconds. */
export const TEMPLATE_ELDERS = 400;

/** Migrates and seeds a template: the demo regions, one user per role, a few hundred elders. */
export async function buildTemplate(database: Database): Promise<void> {
  await migrateDatabase(database);
  const ctx: Ctx = { database, secrets: new Secrets(TEST_SECRET), actor: SYSTEM_ACTOR };
  await seedDemo(ctx, { password: TEST_PASSWORD, elderCount: TEMPLATE_ELDERS, seed: 7 });
  await ensureScales(ctx);
  await ensureDemoMarketplace(ctx);
  await ensureDemoFacilities(ctx);
}

declare module "vitest" {
  export interface ProvidedContext {
    engine: "pglite" | "postgres";
    pgliteTemplate: string;
    pgAdminUrl: string;
    e2eUrl: string;
  }
}
