import { orderEvents, orderPhotos, serviceOrders, type Tx, wallets, workers } from "@carecircle/db";
import { billable, billableFound, distanceMeters, type OrderProduct, toGcj02, nextOrderStatus, type OrderAction, type OrderParty, type OrderStatus, shanghaiDate, splitPayment, TransitionInput } from "@carecircle/shared";
import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, ValidationError } from "../core/errors.ts";
import { SYSTEM_ACTOR } from "../core/permissions.ts";
import { type Certificate, certificatesValid } from "../marketplace/workers.ts";
import { rulesFor } from "../regions/rules.ts";
import { debitWallet, walletBalances } from "../subsidies/wallet.ts";
import { type OrderRow, orderForActor, recordOrderEvent } from "./access.ts";
import { chooseWorker } from "./dispatch.ts";
import { refundOrderHours } from "../timebank/ledger.ts";

type Input = z.output<typeof TransitionInput>;
type Changes = Partial<typeof serviceOrders.$inferInsert>;


const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.ceil((b.getTime() - a.getTime()) / 60_000));

function photoRow(orderId: string, kind: string, dataUrl: string) {
  const [head, b64] = dataUrl.split(",", 2) as [string, string];
  return { orderId, kind, mime: head.slice(5, head.indexOf(";")), data: Buffer.from(b64, "base64") };
}

/** Fraud signals at check-in: unqualified on the day, another visit still open, too fast from the last check-out. */
async function checkInFlags(ctx: Ctx, tx: Tx, o: OrderRow, at: Date, pos: { lat: number; lng: number }): Promise<string[]> {
  const flags: string[] = [];
  const [w] = await tx.select().from(workers).where(eq(workers.id, o.workerId!));
  const product = o.product as OrderProduct;
  if (w && (!product.requiredSkills.every((s) => w.skills.includes(s)) || !certificatesValid(w.certificates as Certificate[], product.requiredCertificates, shanghaiDate(at)))) flags.push("unqualified");
  const [open] = await tx
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.workerId, o.workerId!), eq(serviceOrders.status, "checked_in"), ne(serviceOrders.id, o.id)))
    .limit(1);
  if (open) flags.push("overlap");
  const [prev] = await tx
    .select({ at: serviceOrders.checkedOutAt, lat: serviceOrders.checkOutLat, lng: serviceOrders.checkOutLng, homeLat: serviceOrders.lat, homeLng: serviceOrders.lng })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.workerId, o.workerId!), isNotNull(serviceOrders.checkedOutAt), ne(serviceOrders.id, o.id)))
    .orderBy(desc(serviceOrders.checkedOutAt))
    .limit(1);
  if (prev?.at && prev.at.getTime() <= at.getTime()) {
    const from = prev.lat != null && prev.lng != null ? { lat: prev.lat, lng: prev.lng } : prev.homeLat != null && prev.homeLng != null ? { lat: prev.homeLat, lng: prev.homeLng } : null;
    if (from) {
      const km = distanceMeters(from, pos) / 1000;
      const hours = Math.max((at.getTime() - prev.at.getTime()) / 3_600_000, 1 / 60);
      const { "orders.maxTravelKmh": max } = await rulesFor(ctx, o.regionCode, ["orders.maxTravelKmh"], tx);
      if (km > 1 && km / hours > max) flags.push("impossible_travel");
    }
  }
  return flags;
}

/** The price from the actual time, split over the wallet (free minutes, then money) and the co-pay; debits the wallet. */
async function settlePrice(ctx: Ctx, tx: Tx, o: OrderRow, minutes: number, found = false): Promise<Changes> {
  const product = o.product as OrderProduct;
  const { units, billableMinutes } = (found ? billableFound : billable)(product.unit, product.durationMinutes, minutes);
  const priceFen = o.unitPriceFen * units;
  if (o.timebankOpId) return settleWithHours(ctx, tx, o, { minutes, billableMinutes, priceFen });
  await tx.insert(wallets).values({ elderId: o.elderId }).onConflictDoNothing();
  await tx.select().from(wallets).where(eq(wallets.elderId, o.elderId)).for("update");
  const balance = await walletBalances(tx, o.elderId);
  const split = splitPayment({
    priceFen,
    billableMinutes,
    minutesBalance: balance.minutes,
    fenBalance: balance.fen,
    minutesAllowed: product.walletEligible && product.unit !== "day",
    fenAllowed: product.walletEligible,
  });
  const note = `${product.name}（订单 ${o.orderNo}）`;
  if (split.walletMinutes > 0) await debitWallet(tx, { elderId: o.elderId, unit: "minute", amount: split.walletMinutes, orderId: o.id, actorId: ctx.actor.id, note });
  if (split.walletFen > 0) await debitWallet(tx, { elderId: o.elderId, unit: "fen", amount: split.walletFen, orderId: o.id, actorId: ctx.actor.id, note });
  return { actualMinutes: minutes, billableMinutes, priceFen, walletMinutes: split.walletMinutes, minutesFen: split.minutesFen, walletFen: split.walletFen, copayFen: split.copayFen };
}

/**
 * An order paid with hours: they cover the booked units' price (the time bank pays the provider that part); anything
 * over the booked time is the elder's to pay, from the wallet's money where the product allows it, else in person. A
 * service found to be worth nothing gives the hours back.
 */
async function settleWithHours(ctx: Ctx, tx: Tx, o: OrderRow, d: { minutes: number; billableMinutes: number; priceFen: number }): Promise<Changes> {
  const product = o.product as OrderProduct;
  const booked = o.unitPriceFen * billable(product.unit, product.durationMinutes, product.durationMinutes).units;
  const timebankFen = Math.min(d.priceFen, booked);
  const refund = d.priceFen === 0 ? await refundOnce(ctx, tx, o, "核定服务费为零") : {};
  const over = d.priceFen - timebankFen;
  let walletFen = 0;
  if (over > 0 && product.walletEligible) {
    await tx.insert(wallets).values({ elderId: o.elderId }).onConflictDoNothing();
    await tx.select().from(wallets).where(eq(wallets.elderId, o.elderId)).for("update");
    walletFen = Math.min(over, (await walletBalances(tx, o.elderId)).fen);
    if (walletFen > 0) await debitWallet(tx, { elderId: o.elderId, unit: "fen", amount: walletFen, orderId: o.id, actorId: ctx.actor.id, note: `${product.name}（订单 ${o.orderNo}）超时部分` });
  }
  return { ...refund, actualMinutes: d.minutes, billableMinutes: d.billableMinutes, priceFen: d.priceFen, timebankFen: d.priceFen === 0 ? 0 : timebankFen, walletMinutes: 0, minutesFen: 0, walletFen, copayFen: over - walletFen };
}

/** The hours an order was paid with go back to the account, once (an order called off before it was served). */
async function refundOnce(ctx: Ctx, tx: Tx, o: OrderRow, reason: string): Promise<Changes> {
  if (!o.timebankOpId || o.timebankRefundOpId || !o.timebankAccountId || !o.timebankMinutes) return {};
  return { timebankRefundOpId: await refundOrderHours(ctx, tx, { id: o.id, orderNo: o.orderNo, timebankAccountId: o.timebankAccountId, timebankMinutes: o.timebankMinutes, reason }) };
}

function confirmer(ctx: Ctx, parties: OrderParty[], v: Extract<Input, { action: "confirm" }>): string {
  if (parties.includes("client")) return ctx.actor.role === "elder" ? "elder" : ctx.actor.role === "family" ? "family" : "operator";
  if (!v.confirmedBy) throw new ValidationError("请记录由谁确认", [{ path: "confirmedBy", message: "服务人员代为记录时须注明由谁确认（elder、family 或 operator）" }]);
  return `worker_recorded:${v.confirmedBy}${v.confirmerName ? `:${v.confirmerName}` : ""}`;
}

/**
 * Applies one action to a locked order: checks the state machine and the party, does the action's work (dispatch,
 * geofence, pricing, wallet), writes the new state with its timeline event and audit event. Follow-ups the system
 * takes at once (dispatch after acceptance, settlement when nothing is left to collect) run in the same transaction.
 */
async function apply(ctx: Ctx, tx: Tx, o: OrderRow, parties: OrderParty[], v: Input): Promise<OrderRow> {
  const to = nextOrderStatus(o.status as OrderStatus, v.action, parties);
  if (typeof to !== "string") {
    if (to.kind === "party") throw new ForbiddenError(to.message);
    throw new InvalidStateError(to.message);
  }
  const now = new Date();
  const set: Changes = {};
  const detail: Record<string, unknown> = {};
  let follow: Input | null = null;
  switch (v.action) {
    case "accept":
      set.acceptedAt = now;
      follow = { action: "assign" };
      break;
    case "reject":
    case "cancel":
    case "void":
      set.closedReason = v.reason;
      detail.reason = v.reason;
      Object.assign(set, await refundOnce(ctx, tx, o, v.reason));
      if (set.timebankRefundOpId) detail.timebankRefundedMinutes = o.timebankMinutes;
      break;
    case "assign": {
      const chosen = await chooseWorker(ctx, tx, o, v.workerId);
      if (!chosen) {
        if (v.workerId === undefined && parties.includes("system")) {
          // nobody free now: stays accepted, and the sweep tries again (noted once in the timeline, not every half minute)
          const [last] = await tx.select({ action: orderEvents.action }).from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(desc(orderEvents.id)).limit(1);
          if (last?.action !== "dispatch_none") await recordOrderEvent(tx, ctx, { order: o, action: "dispatch_none", from: o.status, to: o.status, detail: { message: "服务圈内暂无可派的服务人员" } });
          return o;
        }
        throw new InvalidStateError("服务圈内暂无可派的服务人员，请手动指派");
      }
      Object.assign(set, { workerId: chosen.workerId, assignedAt: now, workerAcceptedAt: null });
      Object.assign(detail, { workerId: chosen.workerId, previous: o.workerId, travelMinutes: chosen.travelMinutes, manual: Boolean(v.workerId), note: chosen.note ?? v.reason });
      break;
    }
    case "worker_accept":
      if (o.workerAcceptedAt) throw new InvalidStateError("已确认接受该工单");
      set.workerAcceptedAt = now;
      break;
    case "refuse":
      Object.assign(set, { workerId: null, workerAcceptedAt: null, declinedBy: [...o.declinedBy, o.workerId!] });
      detail.reason = v.reason;
      follow = { action: "assign" };
      break;
    case "lapse":
      Object.assign(set, { workerId: null, workerAcceptedAt: null, declinedBy: [...o.declinedBy, o.workerId!], flags: [...new Set([...o.flags, "not_accepted"])] });
      detail.workerId = o.workerId;
      follow = { action: "assign" };
      break;
    case "depart":
      set.departedAt = now;
      break;
    case "check_in": {
      const { "orders.geofenceMeters": fence, "orders.earlyCheckInMinutes": early } = await rulesFor(ctx, o.regionCode, ["orders.geofenceMeters", "orders.earlyCheckInMinutes"], tx);
      const at = toGcj02(v, v.datum);
      const distance = o.lat != null && o.lng != null ? Math.round(distanceMeters({ lat: o.lat, lng: o.lng }, at)) : null;
      if (distance !== null && distance > fence) {
        throw new ValidationError(`签到位置距老人住址 ${distance} 米，超出 ${fence} 米范围`, [{ path: "lat", message: `距住址 ${distance} 米` }], { distanceMeters: distance, geofenceMeters: fence });
      }
      const flags = await checkInFlags(ctx, tx, o, now, at);
      if (now.getTime() < o.slotStart.getTime() - early * 60_000) flags.push("early_check_in");
      // no position for the address (an address typed at ordering): the visit cannot be checked against the home
      if (distance === null) flags.push("no_position");
      Object.assign(set, { checkedInAt: now, checkInLat: at.lat, checkInLng: at.lng, checkInDistanceM: distance, flags: [...new Set([...o.flags, ...flags])] });
      Object.assign(detail, { distanceMeters: distance, accuracy: v.accuracy ?? null, flags });
      if (v.photo) await tx.insert(orderPhotos).values(photoRow(o.id, "check_in", v.photo));
      break;
    }
    case "check_out": {
      // checking out far from the home (the visit cut short, or closed from elsewhere) is for the bureau to see
      const { "orders.geofenceMeters": fence } = await rulesFor(ctx, o.regionCode, ["orders.geofenceMeters"], tx);
      const out = v.lat !== undefined && v.lng !== undefined ? toGcj02({ lat: v.lat, lng: v.lng }, v.datum) : null;
      const away = out && o.lat != null && o.lng != null ? Math.round(distanceMeters({ lat: o.lat, lng: o.lng }, out)) : null;
      if (away !== null && away > fence) {
        set.flags = [...new Set([...o.flags, "far_check_out"])];
        detail.distanceMeters = away;
      }
      Object.assign(set, { checkedOutAt: now, checkOutLat: out?.lat ?? null, checkOutLng: out?.lng ?? null, tasksDone: v.tasksDone, serviceNotes: v.notes ?? null, actualMinutes: minutesBetween(o.checkedInAt!, now) });
      Object.assign(detail, { minutes: set.actualMinutes, tasksDone: v.tasksDone });
      if (v.photo) await tx.insert(orderPhotos).values(photoRow(o.id, "check_out", v.photo));
      break;
    }
    case "confirm":
    case "resolve": {
      const product = o.product as OrderProduct;
      const by = v.action === "confirm" ? confirmer(ctx, parties, v) : "bureau";
      const found = v.action === "resolve" && v.billableMinutes !== undefined;
      let minutes = found ? v.billableMinutes! : (o.actualMinutes ?? 0);
      // a confirmation the worker records bills at most the booked time: overtime needs the client's own confirmation
      if (by.startsWith("worker_recorded") && minutes > product.durationMinutes) {
        detail.overtimeNotBilled = minutes - product.durationMinutes;
        minutes = product.durationMinutes;
      }
      Object.assign(set, await settlePrice(ctx, tx, o, minutes, found), { confirmedAt: now, confirmedBy: by });
      Object.assign(detail, { ...(o.timebankOpId ? { timebankFen: set.timebankFen } : {}), priceFen: set.priceFen, walletFen: set.walletFen, minutesFen: set.minutesFen, walletMinutes: set.walletMinutes, copayFen: set.copayFen, confirmedBy: set.confirmedBy, ...(v.action === "resolve" ? { reason: v.reason } : {}) });
      if (set.copayFen === 0) follow = { action: "settle", method: "none" };
      break;
    }
    case "dispute":
      set.closedReason = v.reason;
      detail.reason = v.reason;
      break;
    case "settle":
      if ((o.copayFen ?? 0) > 0 && v.method === "none") throw new ValidationError("有自付部分，请选择收款方式（现金或转账）", [{ path: "method", message: "请选择现金或转账" }]);
      Object.assign(set, { settledAt: now, copayMethod: (o.copayFen ?? 0) > 0 ? v.method : "none", copayReference: v.reference ?? null });
      Object.assign(detail, { copayFen: o.copayFen, method: set.copayMethod, reference: v.reference ?? null });
      break;
    case "no_show":
      const at = v.lat !== undefined && v.lng !== undefined ? toGcj02({ lat: v.lat, lng: v.lng }, v.datum) : null;
      Object.assign(set, { closedReason: v.notes ?? "上门未遇", checkInLat: at?.lat ?? null, checkInLng: at?.lng ?? null }, await refundOnce(ctx, tx, o, v.notes ?? "上门未遇"));
      detail.notes = v.notes ?? null;
      if (set.timebankRefundOpId) detail.timebankRefundedMinutes = o.timebankMinutes;
      break;
  }
  const [row] = await tx
    .update(serviceOrders)
    .set({ ...set, status: to, version: sql`${serviceOrders.version} + 1`, updatedAt: now })
    .where(eq(serviceOrders.id, o.id))
    .returning();
  await recordOrderEvent(tx, ctx, { order: o, action: v.action, from: o.status, to, detail });
  if (follow) {
    const sys: Ctx = { ...ctx, actor: SYSTEM_ACTOR };
    return apply(sys, tx, row!, ["system"], follow);
  }
  return row!;
}

/** Runs an action on an order for the signed-in actor. */
export async function transitionOrder({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof TransitionInput> }): Promise<OrderRow> {
  const v = TransitionInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { order, parties } = await orderForActor(ctx, id, tx);
    return apply(ctx, tx, order, parties, v);
  });
}

/** The system's own moves inside a caller's transaction (placement's automatic acceptance, the sweep's re-dispatch). */
export async function systemTransition(ctx: Ctx, tx: Tx, order: OrderRow, input: z.input<typeof TransitionInput>): Promise<OrderRow> {
  return apply({ ...ctx, actor: SYSTEM_ACTOR }, tx, order, ["system"], TransitionInput.parse(input));
}

export type { OrderAction, OrderProduct };
