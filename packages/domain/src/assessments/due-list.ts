import { elders } from "@carecircle/db";
import { DueListQuery, shanghaiDate } from "@carecircle/shared";
import { and, asc, eq, gt, isNotNull, like, lte, or } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError, NotFoundError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { regionNames } from "../regions/regions.ts";
import { isUuid } from "../core/ids.ts";


/** Elders whose routine re-assessment is overdue or due within `withinDays`, earliest first, in the actor's region. */
export async function listDueAssessments({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "assessment:read");
  const q = parseInput(DueListQuery, input);
  let prefix = ctx.actor.regionCode;
  if (q.region) {
    if (q.region.startsWith(prefix)) prefix = q.region;
    else if (!prefix.startsWith(q.region)) throw new NotFoundError("区划不存在");
  }
  const today = shanghaiDate();
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + q.withinDays * 86_400_000).toISOString().slice(0, 10);
  const where = [like(elders.regionCode, `${prefix}%`), eq(elders.status, "active"), isNotNull(elders.abilityDueAt), lte(elders.abilityDueAt, horizon)];
  if (q.cursor) {
    const [due, id] = decodeCursor(q.cursor, 2);
    if (typeof due !== "string" || !isUuid(id)) throw new BadRequestError("分页游标无效");
    where.push(or(gt(elders.abilityDueAt, due), and(eq(elders.abilityDueAt, due), gt(elders.id, id)))!);
  }
  const rows = await ctx.database.db
    .select()
    .from(elders)
    .where(and(...where))
    .orderBy(asc(elders.abilityDueAt), asc(elders.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const names = await regionNames(ctx, page.map((r) => r.regionCode));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? null,
      abilityLevel: r.abilityLevel,
      abilityAssessedAt: r.abilityAssessedAt,
      abilityDueAt: r.abilityDueAt,
      overdue: r.abilityDueAt! < today,
      daysLeft: Math.round((Date.parse(`${r.abilityDueAt}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.abilityDueAt, last.id]) : null,
  };
}

