import { facilities, providers, staff, trainings } from "@carecircle/db";
import { addDays, addMonths, EDUCATION_LEVELS, shanghaiDate, STAFF_POSTS } from "@carecircle/shared";
import { and, asc, count, desc, eq, ilike, inArray, max, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { parseInput } from "../elders/parse-input.ts";
import { ruleResolver } from "../regions/rules.ts";
import { EXPIRY_WARNING_DAYS, type StaffRow, staffInScope, staffScope, staffView } from "./internal.ts";

export const StaffListQuery = z.object({
  regionCode: z.string().regex(/^\d{6,12}$/, "区划代码应为6–12位数字").optional(),
  facilityId: z.uuid().optional(),
  providerId: z.uuid().optional(),
  post: z.enum(STAFF_POSTS).optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  /** Only those with a certificate expired or expiring within this many days. */
  expiring: z.coerce.number().int().min(0).max(365).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
});

/** A certificate whose last valid day is on or before `date` (expired, or expiring by then). */
const certificateDueBy = (date: string) => sql`exists (select 1 from jsonb_array_elements(${staff.certificates}) c where c->>'validTo' <= ${date})`;

async function decorate(ctx: Ctx, rows: StaffRow[], today: string) {
  const db = ctx.database.db;
  const fids = [...new Set(rows.map((r) => r.facilityId).filter((x): x is string => Boolean(x)))];
  const pids = [...new Set(rows.map((r) => r.providerId).filter((x): x is string => Boolean(x)))];
  const ids = rows.map((r) => r.id);
  const [fs, ps, passed] = await Promise.all([
    fids.length ? db.select({ id: facilities.id, name: facilities.name }).from(facilities).where(inArray(facilities.id, fids)) : [],
    pids.length ? db.select({ id: providers.id, name: providers.name }).from(providers).where(inArray(providers.id, pids)) : [],
    ids.length ? db.select({ staffId: trainings.staffId, on: max(trainings.trainedOn) }).from(trainings).where(and(inArray(trainings.staffId, ids), eq(trainings.result, "pass"))).groupBy(trainings.staffId) : [],
  ]);
  const name = new Map([...fs, ...ps].map((x) => [x.id, x.name]));
  const last = new Map(passed.map((p) => [p.staffId, p.on]));
  // the bonus rule of each staff member's own region, from two queries whatever the page holds
  const [years, educations] = await Promise.all([ruleResolver(ctx, "workforce.bonusYearsAfterGraduation"), ruleResolver(ctx, "workforce.bonusEducations")]);
  return rows.map((r) =>
    staffView(r, today, { years: years(r.regionCode), educations: educations(r.regionCode) }, { employerName: (r.facilityId && name.get(r.facilityId)) || (r.providerId && name.get(r.providerId)) || null, lastPassedOn: last.get(r.id) ?? null }),
  );
}

/** Staff in the actor's scope by name; `expiring=30` lists those whose certificates expire within 30 days or have expired. */
export async function listStaff({ ctx, query }: { ctx: Ctx; query: unknown }) {
  const q = parseInput(StaffListQuery, query);
  const today = shanghaiDate();
  const limit = q.limit ?? 50;
  const where: (SQL | undefined)[] = [staffScope(ctx, q.regionCode)];
  if (q.facilityId) where.push(eq(staff.facilityId, q.facilityId));
  if (q.providerId) where.push(eq(staff.providerId, q.providerId));
  if (q.post) where.push(eq(staff.post, q.post));
  if (q.education) where.push(eq(staff.education, q.education));
  if (q.expiring !== undefined) where.push(eq(staff.active, true), certificateDueBy(addDays(today, q.expiring)));
  if (q.q) where.push(ilike(staff.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.cursor) {
    const [n, id] = decodeCursor(q.cursor, 2).map(String) as [string, string];
    if (!isUuid(id)) throw new BadRequestError("分页游标无效");
    where.push(sql`(${staff.name}, ${staff.id}) > (${n}, ${id}::uuid)`);
  }
  const rows = await ctx.database.db.select().from(staff).where(and(...where)).orderBy(asc(staff.name), asc(staff.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: await decorate(ctx, page, today), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null };
}

/** One staff member with the training record (newest first). */
export async function getStaff({ ctx, id }: { ctx: Ctx; id: string }) {
  const s = await staffInScope(ctx, id);
  const today = shanghaiDate();
  const [[view], history] = await Promise.all([
    decorate(ctx, [s], today),
    ctx.database.db.select().from(trainings).where(eq(trainings.staffId, s.id)).orderBy(desc(trainings.trainedOn), desc(trainings.createdAt)),
  ]);
  return { ...view!, trainings: history.map((t) => ({ id: t.id, course: t.course, hours: t.hours, result: t.result, trainedOn: t.trainedOn, createdAt: t.createdAt.toISOString() })) };
}

/**
 * The region's workforce figures: active staff, the training rate (the share of active staff with a passed training
 * in the last 12 months), and certificates expired or expiring within the warning window.
 */
export async function workforceSummary({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  const today = shanghaiDate();
  const since = addMonths(today, -12);
  const scope = and(staffScope(ctx, regionCode), eq(staff.active, true));
  const trained = sql`exists (select 1 from ${trainings} t where t.staff_id = ${staff.id} and t.result = 'pass' and t.trained_on > ${since})`;
  const db = ctx.database.db;
  const [[all], [withTraining], [expiring], [expired], [caregivers]] = await Promise.all([
    db.select({ n: count() }).from(staff).where(scope),
    db.select({ n: count() }).from(staff).where(and(scope, trained)),
    db.select({ n: count() }).from(staff).where(and(scope, certificateDueBy(addDays(today, EXPIRY_WARNING_DAYS)))),
    db.select({ n: count() }).from(staff).where(and(scope, certificateDueBy(addDays(today, -1)))),
    db.select({ n: count() }).from(staff).where(and(scope, eq(staff.post, "caregiver"))),
  ]);
  const active = all?.n ?? 0;
  const trainedCount = withTraining?.n ?? 0;
  return {
    activeStaff: active,
    caregivers: caregivers?.n ?? 0,
    trainedLast12Months: trainedCount,
    trainingRate: active > 0 ? trainedCount / active : null,
    trainingSince: since,
    certificatesDue: expiring?.n ?? 0,
    certificatesExpired: expired?.n ?? 0,
    warningDays: EXPIRY_WARNING_DAYS,
  };
}
