import { facilities, inspections, providers, rectifications, regions } from "@carecircle/db";
import { FINDING_SEVERITIES, shanghaiDate } from "@carecircle/shared";
import { and, asc, eq, like } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { ForbiddenError, NotFoundError } from "../core/errors.ts";
import { inScope } from "../core/permissions.ts";
import { type RectificationView, viewsOf } from "./rectifications.ts";

export interface BoardCounts {
  total: number;
  /** Not yet closed. */
  open: number;
  /** Not closed, not late, with a deadline within 3 days. */
  dueSoon: number;
  /** Not closed, late on some stage. */
  overdue: number;
  closedOnTime: number;
  closedLate: number;
}

const zero = (): BoardCounts => ({ total: 0, open: 0, dueSoon: 0, overdue: 0, closedOnTime: 0, closedLate: 0 });
function add(c: BoardCounts, t: RectificationView) {
  c.total++;
  if (t.status !== "closed") c.open++;
  if (t.dueSoon) c.dueSoon++;
  if (t.overdue) c.overdue++;
  if (t.closedOnTime === true) c.closedOnTime++;
  if (t.closedOnTime === false) c.closedLate++;
}

/**
 * The "13710" board of a region: counts of open, due within 3 days, overdue, closed on time and closed late, by
 * severity and — for a district — by street; and the late tasks escalated to this level from the ones below it.
 * The region's tasks are read in one query and counted here, with the same rules as the list.
 */
export async function rectificationBoard({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  const actor = ctx.actor;
  if (!actor.permissions.has("supervision:manage") && !actor.permissions.has("facility:read")) throw new ForbiddenError("您没有查看整改看板的权限");
  const code = regionCode ?? actor.regionCode;
  if (!/^\d{2,12}$/.test(code) || !inScope(actor, code)) throw new NotFoundError("区划不存在");
  const db = ctx.database.db;
  const [region] = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, code));
  if (!region) throw new NotFoundError("区划不存在");
  const today = shanghaiDate();
  const rows = await db
    .select({ r: rectifications, facilityName: facilities.name, operatorProviderId: facilities.operatorProviderId, providerName: providers.name, inspectionKind: inspections.kind })
    .from(rectifications)
    .leftJoin(facilities, eq(facilities.id, rectifications.facilityId))
    .leftJoin(providers, eq(providers.id, rectifications.providerId))
    .leftJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .where(like(rectifications.regionCode, `${code}%`))
    .orderBy(asc(rectifications.foundOn));
  const tasks = await viewsOf(db, actor, rows, today);
  const counts = zero();
  const bySeverity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, zero()])) as Record<(typeof FINDING_SEVERITIES)[number], BoardCounts>;
  for (const t of tasks) {
    add(counts, t);
    add(bySeverity[t.severity] ?? (bySeverity[t.severity] = zero()), t);
  }
  // a district's board breaks its tasks down by street (every street listed, those without tasks too)
  let byStreet: { regionCode: string; regionName: string; counts: BoardCounts }[] = [];
  if (code.length === 6) {
    const streets = await db.select({ code: regions.code, name: regions.name }).from(regions).where(and(eq(regions.parentCode, code), eq(regions.level, 4))).orderBy(asc(regions.code));
    byStreet = streets.map((s) => ({ regionCode: s.code, regionName: s.name, counts: zero() }));
    for (const t of tasks) {
      const s = byStreet.find((x) => t.regionCode.startsWith(x.regionCode));
      if (s) add(s.counts, t);
    }
  }
  return {
    regionCode: region.code,
    regionName: region.name,
    today,
    counts,
    bySeverity,
    byStreet,
    /** Late tasks of the levels below, shown here (a street's late tasks on its district's board). */
    escalated: tasks.filter((t) => t.escalated && t.escalatedTo?.regionCode === code),
  };
}
