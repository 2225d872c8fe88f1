import { facilities, inspections, providers, rectifications, regions, type Tx } from "@carecircle/db";
import { CreateInspectionInput, DEFAULT_CHECKLISTS, type FindingSeverity, type InspectionKind, INSPECTION_KINDS, RULE_13710, type RectificationRule, rectificationDeadlines, shanghaiDate } from "@carecircle/shared";
import { and, desc, eq, inArray, like, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { rulesFor } from "../regions/rules.ts";

/** The "13710" rule in force for a region (a region may count working days, or allow other periods). */
export async function rectificationRule(ctx: Ctx, regionCode: string, tx?: Tx): Promise<RectificationRule> {
  const r = await rulesFor(ctx, regionCode, ["rectification.feedbackDays", "rectification.ordinaryDays", "rectification.majorMonths", "rectification.workingDays"], tx);
  return {
    ...RULE_13710,
    feedbackDays: r["rectification.feedbackDays"],
    ordinaryDays: r["rectification.ordinaryDays"],
    majorMonths: r["rectification.majorMonths"],
    dayKind: r["rectification.workingDays"] === 1 ? "working" : "calendar",
  };
}

/**
 * Opens a "13710" rectification task for a finding inside the caller's transaction: deadlines from the region's rule.
 * Inspections call it for each finding; an evaluation's unqualified result may call it too.
 */
export async function openRectification(
  ctx: Ctx,
  tx: Tx,
  task: { regionCode: string; facilityId?: string | null; providerId?: string | null; inspectionId?: string | null; evaluationId?: string | null; description: string; severity: FindingSeverity; foundOn: string },
) {
  const rule = await rectificationRule(ctx, task.regionCode, tx);
  const d = rectificationDeadlines(task.foundOn, task.severity, rule);
  const [row] = await tx
    .insert(rectifications)
    .values({ ...task, acknowledgeBy: d.acknowledgeBy, feedbackBy: d.feedbackBy, resolveBy: d.resolveBy })
    .returning();
  return row!;
}

/** The inspected facility or provider, in the actor's region (another region's is reported absent). */
async function target(ctx: Ctx, tx: Tx, v: { facilityId?: string; providerId?: string }) {
  if (v.facilityId) {
    const [f] = await tx.select({ id: facilities.id, name: facilities.name, regionCode: facilities.regionCode }).from(facilities).where(eq(facilities.id, v.facilityId));
    if (!f || !inScope(ctx.actor, f.regionCode)) throw new NotFoundError("设施不存在");
    return { facilityId: f.id, providerId: null, name: f.name, regionCode: f.regionCode };
  }
  const [p] = await tx.select({ id: providers.id, name: providers.name, regionCode: providers.regionCode }).from(providers).where(eq(providers.id, v.providerId!));
  if (!p || !inScope(ctx.actor, p.regionCode)) throw new NotFoundError("服务商不存在");
  return { facilityId: null, providerId: p.id, name: p.name, regionCode: p.regionCode };
}

/**
 * Records an inspection with its checklist; each finding becomes a rectification task with its "13710" deadlines,
 * in the same transaction.
 */
export async function createInspection({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateInspectionInput> }) {
  requirePermission(ctx.actor, "supervision:manage");
  const v = CreateInspectionInput.parse(input);
  const today = shanghaiDate();
  const on = v.inspectedOn ?? today;
  if (on > today) throw new ValidationError("检查日期不能晚于今天", [{ path: "inspectedOn", message: "检查日期不能晚于今天" }]);
  const names = new Map(DEFAULT_CHECKLISTS[v.kind].map((i) => [i.key, i.name]));
  const checklist = DEFAULT_CHECKLISTS[v.kind].map((item) => {
    const a = v.checklist.find((x) => x.key === item.key)!;
    return { key: item.key, name: names.get(item.key)!, ok: a.ok, note: a.note ?? "" };
  });
  return withTransaction(ctx, async (tx) => {
    const t = await target(ctx, tx, v);
    const [row] = await tx
      .insert(inspections)
      .values({ regionCode: t.regionCode, facilityId: t.facilityId, providerId: t.providerId, kind: v.kind, checklist, inspectedOn: on, inspectorId: ctx.actor.id, notes: v.notes ?? null })
      .returning();
    const tasks = [];
    for (const f of v.findings) {
      tasks.push(await openRectification(ctx, tx, { regionCode: t.regionCode, facilityId: t.facilityId, providerId: t.providerId, inspectionId: row!.id, description: f.description, severity: f.severity, foundOn: on }));
    }
    await recordAudit(tx, ctx, {
      action: "inspection.create",
      targetType: "inspection",
      targetId: row!.id,
      regionCode: t.regionCode,
      detail: { kind: v.kind, target: t.name, failed: checklist.filter((c) => !c.ok).map((c) => c.key), findings: tasks.map((x) => ({ id: x.id, severity: x.severity })) },
    });
    return { ...inspectionView(row!, t.name), rectifications: tasks.map((x) => ({ id: x.id, description: x.description, severity: x.severity, acknowledgeBy: x.acknowledgeBy, feedbackBy: x.feedbackBy, resolveBy: x.resolveBy, status: x.status })) };
  });
}

function inspectionView(r: typeof inspections.$inferSelect, targetName: string | null, regionName?: string | null) {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: regionName ?? null,
    facilityId: r.facilityId,
    providerId: r.providerId,
    targetName,
    kind: r.kind as InspectionKind,
    checklist: r.checklist as { key: string; name: string; ok: boolean; note: string }[],
    inspectedOn: r.inspectedOn,
    notes: r.notes,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Inspections of the actor's region, newest first (keyset by date and id), by kind or by facility. */
export async function listInspections({ ctx, query }: { ctx: Ctx; query: { kind?: string; facilityId?: string; providerId?: string; limit?: number; cursor?: string } }) {
  if (!ctx.actor.permissions.has("supervision:manage") && !ctx.actor.permissions.has("facility:read")) requirePermission(ctx.actor, "supervision:manage");
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const conds = [like(inspections.regionCode, `${ctx.actor.regionCode}%`)];
  if (query.kind) {
    if (!(INSPECTION_KINDS as readonly string[]).includes(query.kind)) throw new ValidationError("检查类型无效", [{ path: "kind", message: "检查类型无效" }]);
    conds.push(eq(inspections.kind, query.kind));
  }
  if (query.facilityId) conds.push(isUuid(query.facilityId) ? eq(inspections.facilityId, query.facilityId) : sql`false`);
  if (query.providerId) conds.push(isUuid(query.providerId) ? eq(inspections.providerId, query.providerId) : sql`false`);
  if (query.cursor) {
    const [on, id] = decodeCursor(query.cursor, 2) as [string, string];
    if (typeof on !== "string" || !isUuid(String(id))) throw new ValidationError("分页游标无效");
    conds.push(or(lt(inspections.inspectedOn, on), and(eq(inspections.inspectedOn, on), lt(inspections.id, id)))!);
  }
  const rows = await ctx.database.db
    .select({ i: inspections, facilityName: facilities.name, providerName: providers.name, regionName: regions.name })
    .from(inspections)
    .leftJoin(facilities, eq(facilities.id, inspections.facilityId))
    .leftJoin(providers, eq(providers.id, inspections.providerId))
    .leftJoin(regions, eq(regions.code, inspections.regionCode))
    .where(and(...conds))
    .orderBy(desc(inspections.inspectedOn), desc(inspections.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.i.id);
  const counts = ids.length
    ? await ctx.database.db
        .select({ inspectionId: rectifications.inspectionId, n: sql<number>`count(*)::int` })
        .from(rectifications)
        .where(inArray(rectifications.inspectionId, ids))
        .groupBy(rectifications.inspectionId)
    : [];
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...inspectionView(r.i, r.facilityName ?? r.providerName, r.regionName), findings: counts.find((c) => c.inspectionId === r.i.id)?.n ?? 0 })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.i.inspectedOn, last.i.id]) : null,
  };
}
