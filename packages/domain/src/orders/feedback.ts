import { complaints, elders, orderRatings, providers, returnVisits, selectRows, serviceOrders, workers } from "@carecircle/db";
import { ComplaintInput, RatingInput, ResolveComplaintInput, ReturnVisitInput } from "@carecircle/shared";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { rulesFor } from "../regions/rules.ts";
import { orderForActor } from "./access.ts";

const FINISHED = ["confirmed", "settled"];

/** The elder, family or operator rates a finished order once: 1–5 stars; the worker's and provider's averages follow. */
export async function rateOrder({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof RatingInput> }) {
  const v = RatingInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { order, parties } = await orderForActor(ctx, id, tx);
    if (!parties.includes("client")) throw new ForbiddenError("只有老人、家属或代下单的工作人员可以评价");
    if (!FINISHED.includes(order.status)) throw new InvalidStateError("服务确认后才能评价");
    const [done] = await tx.insert(orderRatings).values({ orderId: id, stars: v.stars, comment: v.comment ?? null, byUserId: ctx.actor.id, byRole: ctx.actor.role }).onConflictDoNothing().returning();
    if (!done) throw new ConflictError("该订单已评价");
    await tx.update(providers).set({ ratingSum: sql`${providers.ratingSum} + ${v.stars}`, ratingCount: sql`${providers.ratingCount} + 1` }).where(eq(providers.id, order.providerId));
    if (order.workerId) await tx.update(workers).set({ ratingSum: sql`${workers.ratingSum} + ${v.stars}`, ratingCount: sql`${workers.ratingCount} + 1` }).where(eq(workers.id, order.workerId));
    await recordAudit(tx, ctx, { action: "order.rate", targetType: "service_order", targetId: id, regionCode: order.regionCode, detail: { stars: v.stars } });
    return { orderId: id, stars: v.stars, comment: v.comment ?? null };
  });
}

export async function fileComplaint({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof ComplaintInput> }) {
  const v = ComplaintInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { order, parties } = await orderForActor(ctx, id, tx);
    if (!parties.includes("client")) throw new ForbiddenError("只有老人、家属或工作人员可以投诉");
    const [row] = await tx.insert(complaints).values({ orderId: id, regionCode: order.regionCode, providerId: order.providerId, content: v.content, byUserId: ctx.actor.id, byRole: ctx.actor.role }).returning();
    await recordAudit(tx, ctx, { action: "complaint.file", targetType: "complaint", targetId: row!.id, regionCode: order.regionCode, detail: { orderId: id } });
    return complaintView(row!, { orderNo: order.orderNo });
  });
}

/** Complaints the actor may see: the bureau's region, a provider's own. */
export async function listComplaints({ ctx, status }: { ctx: Ctx; status?: string }) {
  const conds: SQL[] = [];
  if (ctx.actor.role === "provider_admin" && ctx.actor.providerId) conds.push(eq(complaints.providerId, ctx.actor.providerId));
  else if (ctx.actor.permissions.has("order:read")) conds.push(sql`${complaints.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`);
  else if (ctx.actor.id) conds.push(eq(complaints.byUserId, ctx.actor.id));
  else conds.push(sql`false`);
  if (status) conds.push(eq(complaints.status, status));
  const rows = await ctx.database.db
    .select({ c: complaints, orderNo: serviceOrders.orderNo, providerName: providers.name, elderName: elders.name })
    .from(complaints)
    .innerJoin(serviceOrders, eq(serviceOrders.id, complaints.orderId))
    .leftJoin(providers, eq(providers.id, complaints.providerId))
    .leftJoin(elders, eq(elders.id, serviceOrders.elderId))
    .where(and(...conds))
    .orderBy(desc(complaints.createdAt))
    .limit(500);
  return { items: rows.map((r) => complaintView(r.c, r)) };
}

/** What a complaint shows: no user ids. */
function complaintView(c: typeof complaints.$inferSelect, names: { orderNo?: string | null; providerName?: string | null; elderName?: string | null } = {}) {
  return {
    id: c.id,
    orderId: c.orderId,
    orderNo: names.orderNo ?? null,
    providerId: c.providerId,
    providerName: names.providerName ?? null,
    elderName: names.elderName ?? null,
    regionCode: c.regionCode,
    content: c.content,
    byRole: c.byRole,
    status: c.status,
    resolution: c.resolution,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function resolveComplaint({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof ResolveComplaintInput> }) {
  requirePermission(ctx.actor, "order:supervise");
  const v = ResolveComplaintInput.parse(input);
  if (!isUuid(id)) throw new NotFoundError("投诉不存在");
  return withTransaction(ctx, async (tx) => {
    const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for("update");
    if (!c || !c.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("投诉不存在");
    if (c.status !== "open") throw new InvalidStateError("该投诉已处理");
    const [row] = await tx.update(complaints).set({ status: "resolved", resolution: v.resolution, resolvedBy: ctx.actor.id, resolvedAt: new Date() }).where(eq(complaints.id, id)).returning();
    await recordAudit(tx, ctx, { action: "complaint.resolve", targetType: "complaint", targetId: id, regionCode: c.regionCode });
    return complaintView(row!);
  });
}

/**
 * The return-visit list (回访): a deterministic sample — the rule's share, by a hash of the order id — of orders
 * finished in the month in the actor's region and not yet called back, oldest first.
 */
export async function returnVisitSample({ ctx, month }: { ctx: Ctx; month: string }) {
  requirePermission(ctx.actor, "order:supervise");
  const { "orders.returnVisitRate": rate } = await rulesFor(ctx, ctx.actor.regionCode, ["orders.returnVisitRate"]);
  const buckets = Math.max(0, Math.min(1000, Math.round(rate * 1000)));
  const rows = await selectRows<{ id: string; order_no: string; elder_name: string; phone_masked: string; provider_name: string; product: { name: string }; confirmed_at: string; region_name: string }>(
    ctx.database.db,
    sql`SELECT o.id, o.order_no, e.name AS elder_name, e.phone_masked, p.name AS provider_name, o.product, o.confirmed_at, r.name AS region_name
        FROM service_orders o JOIN elders e ON e.id = o.elder_id JOIN providers p ON p.id = o.provider_id LEFT JOIN regions r ON r.code = o.region_code
        WHERE o.region_code LIKE ${`${ctx.actor.regionCode}%`} AND o.status IN ('confirmed','settled')
          AND to_char(o.confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
          AND abs(hashtext(o.id::text)) % 1000 < ${buckets}
          AND NOT EXISTS (SELECT 1 FROM return_visits v WHERE v.order_id = o.id)
        ORDER BY o.confirmed_at LIMIT 500`,
  );
  return {
    rate,
    items: rows.map((r) => ({ orderId: r.id, orderNo: r.order_no, elderName: r.elder_name, elderPhone: r.phone_masked, providerName: r.provider_name, productName: r.product.name, confirmedAt: new Date(r.confirmed_at).toISOString(), regionName: r.region_name })),
  };
}

export async function recordReturnVisit({ ctx, input }: { ctx: Ctx; input: z.input<typeof ReturnVisitInput> }) {
  requirePermission(ctx.actor, "order:supervise");
  const v = ReturnVisitInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { order } = await orderForActor(ctx, v.orderId, tx);
    if (!order.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("订单不存在");
    if (!FINISHED.includes(order.status)) throw new InvalidStateError("只能回访已完成的订单");
    const [row] = await tx
      .insert(returnVisits)
      .values({ orderId: order.id, regionCode: order.regionCode, providerId: order.providerId, reached: v.reached, satisfaction: v.reached ? v.satisfaction! : null, serviceHappened: v.serviceHappened ?? null, notes: v.notes ?? null, byUserId: ctx.actor.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError("该订单已回访");
    await recordAudit(tx, ctx, { action: "order.return_visit", targetType: "service_order", targetId: order.id, regionCode: order.regionCode, detail: { reached: v.reached, satisfaction: v.satisfaction ?? null } });
    return row;
  });
}

/**
 * Satisfaction from return visits, per provider or per street: satisfied + basically satisfied over those reached
 * (the documents' "满意率"), with the count of calls that found no service happened.
 */
export async function satisfactionStats({ ctx, groupBy, month }: { ctx: Ctx; groupBy: "provider" | "street"; month?: string }) {
  requirePermission(ctx.actor, "order:read");
  const monthCond = month ? sql`AND to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}` : sql``;
  const key = groupBy === "provider" ? sql`v.provider_id::text` : sql`left(v.region_code, 9)`;
  const name = groupBy === "provider" ? sql`(SELECT name FROM providers WHERE id = v.provider_id)` : sql`(SELECT name FROM regions WHERE code = left(v.region_code, 9))`;
  const rows = await selectRows<{ key: string; name: string | null; visits: string; reached: string; satisfied: string; not_happened: string }>(
    ctx.database.db,
    sql`SELECT ${key} AS key, min(${name}) AS name, count(*) AS visits, count(*) FILTER (WHERE v.reached) AS reached,
          count(*) FILTER (WHERE v.satisfaction IN ('satisfied','basically_satisfied')) AS satisfied,
          count(*) FILTER (WHERE v.service_happened = false) AS not_happened
        FROM return_visits v WHERE v.region_code LIKE ${`${ctx.actor.regionCode}%`} ${monthCond}
        GROUP BY 1 ORDER BY 2`,
  );
  const items = rows.map((r) => {
    const reached = Number(r.reached);
    return { key: r.key, name: r.name, visits: Number(r.visits), reached, satisfied: Number(r.satisfied), notHappened: Number(r.not_happened), rate: reached ? Math.round((Number(r.satisfied) / reached) * 1000) / 10 : null };
  });
  const reached = items.reduce((s, i) => s + i.reached, 0);
  const satisfied = items.reduce((s, i) => s + i.satisfied, 0);
  return { items, overall: { visits: items.reduce((s, i) => s + i.visits, 0), reached, satisfied, rate: reached ? Math.round((satisfied / reached) * 1000) / 10 : null } };
}
