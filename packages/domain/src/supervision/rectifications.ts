import { facilities, inspections, providers, rectifications, regions, type Tx } from "@carecircle/db";
import {
  addDays,
  type FindingSeverity,
  nextRectificationStatus,
  overdueStages,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  type RectificationAction,
  RectificationActionInput,
  type RectificationDeadlines,
  type RectificationParty,
  type RectificationStage,
  type RectificationStatus,
  shanghaiDate,
} from "@carecircle/shared";
import { and, desc, eq, inArray, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor, Ctx } from "../core/context.ts";
import { withTransaction } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { inScope } from "../core/permissions.ts";

type Row = typeof rectifications.$inferSelect;
type Joined = { r: Row; facilityName: string | null; operatorProviderId: string | null; providerName: string | null; inspectionKind: string | null };

/** A major finding's written plan, with its date, stands in for solving within the month: the later of the two counts. */
export function effectiveDeadlines(r: Pick<Row, "acknowledgeBy" | "feedbackBy" | "resolveBy" | "severity" | "plan" | "planDate">): RectificationDeadlines {
  const planned = r.severity === "major" && r.plan && r.planDate && r.planDate > r.resolveBy ? r.planDate : r.resolveBy;
  return { acknowledgeBy: r.acknowledgeBy, feedbackBy: r.feedbackBy, resolveBy: planned };
}

/** The task's overdue stages on a Beijing date (a closed task: the stages it completed late). */
export function stagesOf(r: Row, today: string): RectificationStage[] {
  return overdueStages(effectiveDeadlines(r), { acknowledgedOn: r.acknowledgedOn, feedbackOn: r.feedbackOn, resolvedOn: r.resolvedOn }, today);
}

/** The next deadline the facility has to meet, or null when nothing is left to it (resolved or closed). */
export function nextDeadline(r: Row): string | null {
  if (r.status === "resolved" || r.status === "closed") return null;
  const d = effectiveDeadlines(r);
  if (!r.acknowledgedOn) return d.acknowledgeBy;
  if (!r.feedbackOn) return d.feedbackBy;
  return d.resolveBy;
}

/** The level a late task is shown to: a street's (or community's) goes to its district, a district's to its city. */
export function escalationTarget(regionCode: string): string {
  return regionCode.length > 6 ? regionCode.slice(0, 6) : regionCode.slice(0, 4);
}

/** Which sides of the task the actor is on: the facility's (its operating provider's admin) and/or the supervising bureau. */
export function partiesOf(actor: Actor, j: Pick<Joined, "r" | "operatorProviderId">): RectificationParty[] {
  const out: RectificationParty[] = [];
  if (actor.role === "provider_admin" && actor.providerId && (j.operatorProviderId === actor.providerId || j.r.providerId === actor.providerId)) out.push("facility");
  if (actor.permissions.has("supervision:manage") && inScope(actor, j.r.regionCode)) out.push("bureau");
  return out;
}

function visible(actor: Actor, j: Joined): boolean {
  return partiesOf(actor, j).length > 0 || (actor.permissions.has("facility:read") && inScope(actor, j.r.regionCode));
}

export function rectificationView(j: Joined, actor: Actor, today: string, names: Map<string, string>) {
  const r = j.r;
  const stages = stagesOf(r, today);
  const d = effectiveDeadlines(r);
  const next = nextDeadline(r);
  const overdue = r.status !== "closed" && stages.length > 0;
  const to = escalationTarget(r.regionCode);
  const parties = partiesOf(actor, j);
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? null,
    source: r.inspectionId ? "inspection" : r.evaluationId ? "evaluation" : "other",
    inspectionId: r.inspectionId,
    inspectionKind: j.inspectionKind,
    evaluationId: r.evaluationId,
    facilityId: r.facilityId,
    providerId: r.providerId,
    targetName: j.facilityName ?? j.providerName,
    description: r.description,
    severity: r.severity as FindingSeverity,
    foundOn: r.foundOn,
    acknowledgeBy: d.acknowledgeBy,
    feedbackBy: d.feedbackBy,
    resolveBy: r.resolveBy,
    /** The resolve deadline in force (a major finding's plan date when later). */
    effectiveResolveBy: d.resolveBy,
    status: r.status as RectificationStatus,
    acknowledgedOn: r.acknowledgedOn,
    feedbackOn: r.feedbackOn,
    feedback: r.feedback,
    plan: r.plan,
    planDate: r.planDate,
    resolvedOn: r.resolvedOn,
    evidence: r.evidence as { note: string; photo?: string }[],
    closedOn: r.closedOn,
    recheckNote: r.recheckNote,
    overdueStages: stages,
    overdue,
    nextDeadline: next,
    dueSoon: !overdue && next !== null && next <= addDays(today, 3),
    closedOnTime: r.status === "closed" ? stages.length === 0 : null,
    escalated: overdue,
    escalatedTo: overdue ? { regionCode: to, regionName: names.get(to) ?? null } : null,
    actions: RECTIFICATION_ACTIONS.filter((a) => typeof nextRectificationStatus(r.status as RectificationStatus, a, parties) === "string"),
  };
}
export type RectificationView = ReturnType<typeof rectificationView>;

function baseQuery(db: Pick<Tx, "select">) {
  return db
    .select({ r: rectifications, facilityName: facilities.name, operatorProviderId: facilities.operatorProviderId, providerName: providers.name, inspectionKind: inspections.kind })
    .from(rectifications)
    .leftJoin(facilities, eq(facilities.id, rectifications.facilityId))
    .leftJoin(providers, eq(providers.id, rectifications.providerId))
    .leftJoin(inspections, eq(inspections.id, rectifications.inspectionId));
}

/** The rows the actor may see: the bureau's region, or a provider admin's own facilities and provider. */
function scopeCondition(actor: Actor): SQL {
  if (actor.role === "provider_admin") {
    if (!actor.providerId) return sql`false`;
    return or(eq(facilities.operatorProviderId, actor.providerId), eq(rectifications.providerId, actor.providerId))!;
  }
  if (!actor.permissions.has("supervision:manage") && !actor.permissions.has("facility:read")) throw new ForbiddenError("您没有查看整改任务的权限");
  return like(rectifications.regionCode, `${actor.regionCode}%`);
}

/** Not closed, and late on some stage (the SQL twin of `overdueStages`, for filtering before paging). */
function overdueSql(today: string): SQL {
  const resolveBy = sql`(CASE WHEN ${rectifications.severity} = 'major' AND ${rectifications.plan} IS NOT NULL AND ${rectifications.planDate} > ${rectifications.resolveBy} THEN ${rectifications.planDate} ELSE ${rectifications.resolveBy} END)`;
  const late = (by: SQL | AnyPgColumn, on: AnyPgColumn) => sql`(CASE WHEN ${on} IS NULL THEN ${today}::date > ${by} ELSE ${on} > ${by} END)`;
  return sql`(${rectifications.status} <> 'closed' AND (${late(rectifications.acknowledgeBy, rectifications.acknowledgedOn)} OR ${late(rectifications.feedbackBy, rectifications.feedbackOn)} OR ${late(resolveBy, rectifications.resolvedOn)}))`;
}

async function regionNames(db: Pick<Tx, "select">, codes: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, list));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function viewsOf(db: Pick<Tx, "select">, actor: Actor, rows: Joined[], today: string) {
  const names = await regionNames(
    db,
    rows.flatMap((j) => [j.r.regionCode, escalationTarget(j.r.regionCode)]),
  );
  return rows.map((j) => rectificationView(j, actor, today, names));
}

export interface ListRectificationsQuery {
  status?: string;
  overdue?: boolean;
  facilityId?: string;
  providerId?: string;
  severity?: string;
  regionCode?: string;
  limit?: number;
  cursor?: string;
}

/** Tasks the actor may see, newest finding first; by status, overdue, facility, severity or region. */
export async function listRectifications({ ctx, query }: { ctx: Ctx; query: ListRectificationsQuery }) {
  const today = shanghaiDate();
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const conds: SQL[] = [scopeCondition(ctx.actor)];
  if (query.status) {
    if (!(RECTIFICATION_STATUSES as readonly string[]).includes(query.status)) throw new ValidationError("整改状态无效", [{ path: "status", message: "整改状态无效" }]);
    conds.push(eq(rectifications.status, query.status));
  }
  if (query.severity) conds.push(eq(rectifications.severity, query.severity));
  if (query.facilityId) conds.push(isUuid(query.facilityId) ? eq(rectifications.facilityId, query.facilityId) : sql`false`);
  if (query.providerId) conds.push(isUuid(query.providerId) ? eq(rectifications.providerId, query.providerId) : sql`false`);
  if (query.regionCode) conds.push(like(rectifications.regionCode, `${query.regionCode}%`));
  if (query.overdue !== undefined) conds.push(query.overdue ? overdueSql(today) : sql`NOT ${overdueSql(today)}`);
  if (query.cursor) {
    const [on, id] = decodeCursor(query.cursor, 2) as [string, string];
    if (typeof on !== "string" || !isUuid(String(id))) throw new ValidationError("分页游标无效");
    conds.push(or(lt(rectifications.foundOn, on), and(eq(rectifications.foundOn, on), lt(rectifications.id, id)))!);
  }
  const rows = await baseQuery(ctx.database.db)
    .where(and(...conds))
    .orderBy(desc(rectifications.foundOn), desc(rectifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await viewsOf(ctx.database.db, ctx.actor, page, today), nextCursor: rows.length > limit && last ? encodeCursor([last.r.foundOn, last.r.id]) : null };
}

async function loadVisible(ctx: Ctx, db: Pick<Tx, "select">, id: string, lock = false): Promise<Joined> {
  if (!isUuid(id)) throw new NotFoundError("整改任务不存在");
  if (lock && "execute" in db) await (db as Tx).execute(sql`SELECT id FROM rectifications WHERE id = ${id}::uuid FOR UPDATE`);
  const [j] = await baseQuery(db).where(eq(rectifications.id, id));
  if (!j || !visible(ctx.actor, j)) throw new NotFoundError("整改任务不存在");
  return j;
}

export async function getRectification({ ctx, id }: { ctx: Ctx; id: string }) {
  const j = await loadVisible(ctx, ctx.database.db, id);
  return (await viewsOf(ctx.database.db, ctx.actor, [j], shanghaiDate()))[0]!;
}

/**
 * One step of a task, by the side whose turn it is: the facility acknowledges, answers (a major finding may answer with
 * a written plan and its date) and resolves with evidence; the bureau re-checks and closes it, or sends it back open.
 * Every step is dated (Beijing) and audited. Wrong side 403; wrong state 409.
 */
export async function actOnRectification({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof RectificationActionInput> }) {
  const v = RectificationActionInput.parse(input);
  const today = shanghaiDate();
  return withTransaction(ctx, async (tx) => {
    const j = await loadVisible(ctx, tx, id, true);
    const r = j.r;
    const next = nextRectificationStatus(r.status as RectificationStatus, v.action as RectificationAction, partiesOf(ctx.actor, j));
    if (typeof next !== "string") {
      if (next.kind === "party") throw new ForbiddenError(next.message);
      throw new InvalidStateError(next.message);
    }
    const set: Partial<typeof rectifications.$inferInsert> = { status: next };
    switch (v.action) {
      case "acknowledge":
        // a task sent back keeps the date it was first acknowledged: the "1" was met then
        set.acknowledgedOn = r.acknowledgedOn ?? today;
        break;
      case "feedback":
        if (v.plan && r.severity !== "major") throw new ValidationError("只有重大问题可以提交整改方案代替限期整改", [{ path: "plan", message: "一般问题应在期限内整改完毕" }]);
        if (v.planDate && v.planDate < today) throw new ValidationError("计划完成日期不能早于今天", [{ path: "planDate", message: "计划完成日期不能早于今天" }]);
        set.feedback = v.feedback;
        set.feedbackOn = r.feedbackOn ?? today;
        if (v.plan) {
          set.plan = v.plan;
          set.planDate = v.planDate!;
        }
        break;
      case "resolve":
        // solving it is the answer too, when it came without a separate one
        set.feedbackOn = r.feedbackOn ?? today;
        set.resolvedOn = today;
        set.evidence = v.evidence;
        break;
      case "close":
        set.closedOn = today;
        set.closedBy = ctx.actor.id;
        set.recheckNote = v.note ?? null;
        break;
      case "reopen":
        // failed the re-check: open again until it is solved; the late resolution counts against it
        set.resolvedOn = null;
        set.recheckNote = v.note;
        break;
    }
    const [row] = await tx.update(rectifications).set(set).where(eq(rectifications.id, r.id)).returning();
    // the photos stay on the task, not in the audit log
    const detail = v.action === "resolve" ? { action: v.action, evidence: v.evidence.length } : v;
    await recordAudit(tx, ctx, { action: `rectification.${v.action}`, targetType: "rectification", targetId: r.id, regionCode: r.regionCode, detail: { ...detail, from: r.status, to: next, on: today } });
    return (await viewsOf(tx, ctx.actor, [{ ...j, r: row! }], today))[0]!;
  });
}
