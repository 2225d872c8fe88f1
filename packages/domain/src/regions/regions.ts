import { regions } from "@carecircle/db";
import { asc, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { inScope } from "../core/permissions.ts";

export interface RegionView {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
  hasChildren: boolean;
}

async function withChildFlag(ctx: Ctx, rows: (typeof regions.$inferSelect)[]): Promise<RegionView[]> {
  if (rows.length === 0) return [];
  const parents = await ctx.database.db
    .selectDistinct({ code: regions.parentCode })
    .from(regions)
    .where(inArray(regions.parentCode, rows.map((r) => r.code)));
  const withKids = new Set(parents.map((p) => p.code));
  return rows.map((r) => ({ ...r, hasChildren: withKids.has(r.code) }));
}

/** Children of `parent`, or the actor's own root region; regions outside the scope are absent. */
export async function listRegions({ ctx, parent }: { ctx: Ctx; parent?: string }): Promise<RegionView[]> {
  const db = ctx.database.db;
  if (!parent) {
    const where = ctx.actor.regionCode ? eq(regions.code, ctx.actor.regionCode) : eq(regions.level, 1);
    return withChildFlag(ctx, await db.select().from(regions).where(where).orderBy(asc(regions.code)));
  }
  if (!inScope(ctx.actor, parent)) throw new NotFoundError("区划不存在");
  const [exists] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, parent));
  if (!exists) throw new NotFoundError("区划不存在");
  const rows = await db.select().from(regions).where(eq(regions.parentCode, parent)).orderBy(asc(regions.code));
  return withChildFlag(ctx, rows);
}

export async function getRegion(ctx: Ctx, code: string) {
  const [row] = await ctx.database.db.select().from(regions).where(eq(regions.code, code));
  return row ?? null;
}

/** Names of many regions at once (for list views). */
export async function regionNames(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.database.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, unique));
  return new Map(rows.map((r) => [r.code, r.name]));
}
