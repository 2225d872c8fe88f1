import { elders, orderRatings, providers, regions, serviceOrders, workers } from "@carecircle/db";
import { ORDER_ACTIONS, ORDER_STATUS_NAMES, ORDER_TRANSITIONS, type OrderDetailView, type OrderEventView, type OrderParty, type OrderStatus, type OrderView } from "@carecircle/shared";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { isUuid } from "../core/ids.ts";
import { BadRequestError } from "../core/errors.ts";
import { type OrderRow, orderForActor, partiesOf, visibleOrdersWhere } from "./access.ts";
import type { OrderProduct } from "./transition.ts";

export const FLAG_NAMES: Record<string, string> = {
  overlap: "同一服务人员服务时间重叠",
  impossible_travel: "两次服务间的移动速度不可能",
  far_check_out: "签退位置远离老人住址",
  unqualified: "服务人员不具备资格",
  not_accepted: "派单后超时未接",
  late_start: "超过预约时间未开始服务",
  early_check_in: "远早于预约时间签到",
  no_position: "服务地址无定位，签到未核验位置",
};

/** What the actor can do next: the UIs show exactly these buttons. */
export function actionsFor(o: Pick<OrderRow, "status" | "workerAcceptedAt">, parties: readonly OrderParty[]) {
  return ORDER_ACTIONS.filter(
    (a) =>
      a !== "lapse" &&
      !(a === "worker_accept" && o.workerAcceptedAt) &&
      ORDER_TRANSITIONS[a].from.includes(o.status as OrderStatus) &&
      ORDER_TRANSITIONS[a].by.some((p) => parties.includes(p)),
  );
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

export function orderView(j: Joined, parties?: readonly OrderParty[]): OrderView {
  const o = j.o;
  const product = o.product as OrderProduct;
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status as OrderStatus,
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
    copayMethod: o.copayMethod as OrderView["copayMethod"],
    timebankMinutes: o.timebankMinutes,
    timebankFen: o.timebankFen,
    timebankRefunded: o.timebankRefundOpId !== null,
    settledAt: o.settledAt?.toISOString() ?? null,
    closedReason: o.closedReason,
    flags: o.flags.map((f) => ({ code: f, text: FLAG_NAMES[f] ?? f })),
    stars: j.stars,
    createdAt: o.createdAt.toISOString(),
    ...(parties ? { actions: actionsFor(o, parties) } : {}),
  };
}

const JOINED = {
  o: serviceOrders,
  elderName: elders.name,
  elderPhone: elders.phoneMasked,
  regionName: regions.name,
  providerName: providers.name,
  workerName: workers.name,
  workerPhone: workers.phoneMasked,
  stars: orderRatings.stars,
};

const EVENTS_JSON = sql<unknown>`(SELECT COALESCE(json_agg(json_build_object('id', e.id, 'action', e.action, 'from', e.from_status, 'to', e.to_status,
  'actorName', e.actor_name, 'actorRole', e.actor_role, 'at', e.at, 'detail', e.detail) ORDER BY e.id), '[]'::json) FROM order_events e WHERE e.order_id = service_orders.id)`;

/** Orders with the names a view shows; with `events`, also the timeline as a JSON array (one query for a detail). */
function joined(ctx: Ctx, withEvents = false) {
  return ctx.database.db
    .select({ ...JOINED, events: withEvents ? EVENTS_JSON : sql<unknown>`NULL` })
    .from(serviceOrders)
    .leftJoin(elders, eq(elders.id, serviceOrders.elderId))
    .leftJoin(regions, eq(regions.code, serviceOrders.regionCode))
    .leftJoin(providers, eq(providers.id, serviceOrders.providerId))
    .leftJoin(workers, eq(workers.id, serviceOrders.workerId))
    .leftJoin(orderRatings, eq(orderRatings.orderId, serviceOrders.id));
}

/** The order, its names and its timeline in one query (the timeline as a JSON array). */
async function detailOf(ctx: Ctx, o: OrderRow, parties: OrderParty[]): Promise<OrderDetailView> {
  const [j] = await joined(ctx, true).where(eq(serviceOrders.id, o.id));
  const events = (typeof j!.events === "string" ? JSON.parse(j!.events) : j!.events) as OrderEventView[];
  return { ...orderView(j!, parties), actions: actionsFor(o, parties), parties, events: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
}

/** One order with its timeline and the actions open to the actor. */
export async function getOrder({ ctx, id }: { ctx: Ctx; id: string }) {
  const { order, parties } = await orderForActor(ctx, id);
  return detailOf(ctx, order, parties);
}

/** The detail of an order the actor has just written, or null when it is no longer theirs to see (a job handed back). */
export async function orderDetail(ctx: Ctx, order: OrderRow) {
  const parties = await partiesOf(ctx, order);
  return parties.length ? detailOf(ctx, order, parties) : null;
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
    const [at, id] = decodeCursor(q.cursor, 2);
    if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isUuid(id)) throw new BadRequestError("分页游标无效");
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
