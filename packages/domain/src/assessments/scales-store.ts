import { assessmentScales } from "@carecircle/db";
import { asc, eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import type { ScaleDefinition } from "./scale-types.ts";
import { SCALES } from "./scales/index.ts";

/** Stores the shipped scale definitions (GB/T 42195-2022, Barthel, LTC 2021) if they are not there yet; run at start. */
export async function ensureScales(ctx: Ctx): Promise<void> {
  await ctx.database.db
    .insert(assessmentScales)
    .values(SCALES.map((s) => ({ code: s.code, version: s.version, name: s.name, kind: s.kind, definition: s })))
    .onConflictDoNothing();
}

/** The active scale definitions with item codes, score descriptions, bands and adjustments. */
export async function listScales({ ctx }: { ctx: Ctx }): Promise<{ items: ScaleDefinition[] }> {
  requirePermission(ctx.actor, "assessment:read");
  const rows = await ctx.database.db.select().from(assessmentScales).where(eq(assessmentScales.active, true)).orderBy(asc(assessmentScales.code), asc(assessmentScales.version));
  return { items: rows.map((r) => r.definition as ScaleDefinition) };
}
