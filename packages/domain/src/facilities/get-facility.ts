import { facilities, staff } from "@carecircle/db";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { regionNames } from "../regions/regions.ts";
import { type FacilityRow, facilityInScope, facilityScope, facilityView } from "./internal.ts";

/** Views of facilities with their region's and their center's names, in two lookups. */
export async function facilityViews(ctx: Ctx, rows: FacilityRow[]) {
  const parentIds = [...new Set(rows.map((r) => r.parentId).filter((x): x is string => Boolean(x)))];
  const parents = parentIds.length ? await ctx.database.db.select({ id: facilities.id, name: facilities.name }).from(facilities).where(inArray(facilities.id, parentIds)) : [];
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  const names = await regionNames(ctx, [...new Set(rows.map((r) => r.regionCode))]);
  return rows.map((r) => facilityView(r, { regionName: names.get(r.regionCode) ?? null, parentName: r.parentId ? (parentName.get(r.parentId) ?? null) : null }));
}

/** One facility: its particulars, the stations it leads, its staff on record, and its latest confirmed stars. */
export async function getFacility({ ctx, id }: { ctx: Ctx; id: string }) {
  const f = await facilityInScope(ctx, id);
  const db = ctx.database.db;
  const [[view], led, [staffRow], [caregivers]] = await Promise.all([
    facilityViews(ctx, [f]),
    db.select().from(facilities).where(and(eq(facilities.parentId, f.id), facilityScope(ctx))).orderBy(asc(facilities.name)),
    db.select({ n: count() }).from(staff).where(and(eq(staff.facilityId, f.id), eq(staff.active, true))),
    db.select({ n: count() }).from(staff).where(and(eq(staff.facilityId, f.id), eq(staff.active, true), eq(staff.post, "caregiver"))),
  ]);
  return {
    ...view!,
    ledStations: (await facilityViews(ctx, led)).map((s) => ({ id: s.id, name: s.name, tier: s.tier, regionCode: s.regionCode, regionName: s.regionName, status: s.status })),
    staffOnRecord: staffRow?.n ?? 0,
    caregiversOnRecord: caregivers?.n ?? 0,
  };
}
