import { elders, orderEvents, orderRatings, providers, regions, serviceOrders, workers } from "@carecircle/db";
import { ORDER_ACTIONS, ORDER_STATUS_NAMES, ORDER_TRANSITIONS, type OrderParty, type OrderStatus } from "@carecircle/shared";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { isUuid } from "../core/ids.ts";
import { type OrderRow, orderForActor, visibleOrdersWhere } from "./access.ts";
import type { OrderProduct } from "./transition.ts";

export const FLAG_NAMES: Record<string, string> = {
  overlap: "同一服务人员服务时间重叠",
  impossible_travel: "两次服务间的移动速度不可能",
  far_check_in: "签到位置远离老人住址",
  unqualified: "服务人员不具备资格",
  not_accepted: "派单后超时未接",
  late_start: "超过预约时间未开始服务",
};

/** What the actor can do next: the UIs show exactly these buttons. */
export function actionsFor(status: string, parties: readonly OrderParty[]) {
  return ORDER_ACTIONS.filter((a) => a !== "lapse" && ORDER_TRANSITIONS[a].from.includes(status as OrderStatus) && ORDER_TRANSITIONS[a].by.some((p) => parties.includes(p)));
}

interface Joined {
  o: OrderRow;
  elderName: string | null;
  elderPhone: string | null;
  regionName: string | null;
  providerName: string | null;
  workerName: string | null;
  workerPhone: string | null;
  stars: number | null;
}

export function orderView(j: Joined, parties?: readonly OrderParty[]) {
  const o = j.o;
  const product = o.product as OrderProduct;
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    statusName: ORDER_STATUS_NAMES[o.status as OrderStatus] ?? o.status,
    elderId: o.elderId,
    elderName: j.elderName,
    elderPhone: j.elderPhone,
    regionCode: o.regionCode,
    regionName: j.regionName,
    providerId: o.providerId,
    providerName: j.providerName,
    productId: o.productId,
    product,
    unitPriceFen: o.unitPriceFen,
    priceTier: o.priceTier,
    slotStart: o.slotStart.toISOString(),
    slotEnd: o.slotEnd.toISOString(),
    address: o.address,
    lat: o.lat,
    lng: o.lng,
    notes: o.notes,
    channel: o.channel,
    workerId: o.workerId,
    workerName: j.workerName,
    workerPhone: j.workerPhone,
    workerAcceptedAt: o.workerAcceptedAt?.toISOString() ?? null,
    checkedInAt: o.checkedInAt?.toISOString() ?? null,
    checkInDistanceM: o.checkInDistanceM,
    checkedOutAt: o.checkedOutAt?.toISOString() ?? null,
    tasksDone: o.tasksDone,
    serviceNotes: o.serviceNotes,
    confirmedAt: o.confirmedAt?.toISOString() ?? null,
    confirmedBy: o.confirmedBy,
    actualMinutes: o.actualMinutes,
    billableMinutes: o.billableMinutes,
    priceFen: o.priceFen,
    walletMinutes: o.walletMinutes,
    minutesFen: o.minutesFen,
    walletFen: o.walletFen,
    copayFen: o.copayFen,
    copayMethod: o.copayMethod,
    settledAt: o.settledAt?.toISOString() ?? null,
    closedReason: o.closedReason,
    flags: o.flags.map((f) => ({ code: f, text: FLAG_NAMES[f] ?? f })),
    stars: j.stars,
    createdAt: o.createdAt.toISOString(),
    ...(parties ? { actions: actionsFor(o.status, parties) } : {}),
  };
}

function joined(ctx: Ctx) {
  return ctx.database.db
    .select({
      o: serviceOrders,
      elderName: elders.name,
      elderPhone: elders.phoneMasked,
      regionName: regions.name,
      providerName: providers.name,
      workerName: workers.name,
      workerPhone: workers.phoneMasked,
      stars: orderRatings.stars,
    })
    .from(serviceOrders)
    .leftJoin(elders, eq(elders.id, serviceOrders.elderId))
    .leftJoin(regions, eq(regions.code, serviceOrders.regionCode))
    .leftJoin(providers, eq(providers.id, serviceOrders.providerId))
    .leftJoin(workers, eq(workers.id, serviceOrders.workerId))
    .leftJoin(orderRatings, eq(orderRatings.orderId, serviceOrders.id));
}

/** One order with its timeline and the actions open to the actor. */
export async function getOrder({ ctx, id }: { ctx: Ctx; id: string }) {
  const { parties } = await orderForActor(ctx, id);
  const [j] = await joined(ctx).where(eq(serviceOrders.id, id));
  const events = await ctx.database.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id));
  return {
    ...orderView(j!, parties),
    parties,
    events: events.map((e) => ({ id: e.id, action: e.action, from: e.fromStatus, to: e.toStatus, actorName: e.actorName, actorRole: e.actorRole, at: e.at.toISOString(), detail: e.detail })),
  };
}

export const ListOrdersQuery = z.object({
  status: z.string().regex(/^[a-z_,]+$/).optional(),
  providerId: z.string().optional(),
  workerId: z.string().optional(),
  elderId: z.string().optional(),
  regionCode: z.string().regex(/^\d{2,12}$/).optional(),
  /** Orders whose slot falls on this Beijing day. */
  day: z.iso.date().optional(),
  flagged: z.enum(["true", "false"]).optional(),
  /** created (newest first, default) or slot (earliest first: a worker's day). */
  sort: z.enum(["created", "slot"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

/** Orders the actor may see, filtered; keyset paging on (created_at, id) or (slot_start, id). */
export async function listOrders({ ctx, query }: { ctx: Ctx; query: z.input<typeof ListOrdersQuery> }) {
  const q = ListOrdersQuery.parse(query);
  const conds: SQL[] = [visibleOrdersWhere(ctx)];
  if (q.status) conds.push(inArray(serviceOrders.status, q.status.split(",")));
  for (const [col, v] of [
    [serviceOrders.providerId, q.providerId],
    [serviceOrders.workerId, q.workerId],
    [serviceOrders.elderId, q.elderId],
  ] as const) {
    if (v !== undefined) conds.push(isUuid(v) ? eq(col, v) : sql`false`);
  }
  if (q.regionCode) conds.push(sql`${serviceOrders.regionCode} LIKE ${`${q.regionCode}%`}`);
  if (q.day) conds.push(sql`${serviceOrders.slotStart} >= (${q.day}::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND ${serviceOrders.slotStart} < (${q.day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.flagged === "true") conds.push(sql`cardinality(${serviceOrders.flags}) > 0`);
  const bySlot = q.sort === "slot";
  const keyCol = bySlot ? serviceOrders.slotStart : serviceOrders.createdAt;
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 2) as [string, string];
    conds.push(bySlot ? sql`(${keyCol}, ${serviceOrders.id}) > (${at}::timestamptz, ${id}::uuid)` : sql`(${keyCol}, ${serviceOrders.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const limit = q.limit ?? 50;
  const rows = await joined(ctx)
    .where(and(...conds))
    .orderBy(...(bySlot ? [asc(keyCol), asc(serviceOrders.id)] : [desc(keyCol), desc(serviceOrders.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((j) => orderView(j)),
    nextCursor: rows.length > limit && last ? encodeCursor([(bySlot ? last.o.slotStart : last.o.createdAt).toISOString(), last.o.id]) : null,
  };
}
