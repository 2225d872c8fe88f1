import { randomUUID } from "node:crypto";
import { type Db, elders, facilities, providers, regions, selectRows, serviceOrders, serviceProducts, type Tx } from "@carecircle/db";
import { billable, PlaceOrderInput, type QuoteView, shanghaiDate, splitPayment } from "@carecircle/shared";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { priceForElder } from "../marketplace/products.ts";
import { covers } from "../marketplace/providers.ts";
import { walletBalances } from "../subsidies/wallet.ts";
import type { OrderRow } from "./access.ts";
import { orderView } from "./queries.ts";
import { systemTransition, type OrderProduct } from "./transition.ts";
import { assertNotBlacklisted } from "../supervision/credit.ts";
import { ruleFor } from "../regions/rules.ts";
import { redeemForOrder } from "../timebank/ledger.ts";

type Input = z.output<typeof PlaceOrderInput>;
const MAX_DAYS_AHEAD = 60;

const ELDER = {
  id: elders.id,
  name: elders.name,
  phoneMasked: elders.phoneMasked,
  regionCode: elders.regionCode,
  address: elders.address,
  lat: elders.lat,
  lng: elders.lng,
  birthDate: elders.birthDate,
  abilityLevel: elders.abilityLevel,
  economicStatus: elders.economicStatus,
  livingSituation: elders.livingSituation,
  hukouType: elders.hukouType,
  tags: elders.tags,
  disabilityKind: elders.disabilityKind,
  status: elders.status,
};

/**
 * Everything an order needs in ONE query (the elder the actor may order for, the product, its provider, the
 * community's name), then checked: an active elder, an approved provider, a product on sale covering the home, a
 * sensible slot, the price tier.
 */
// the placement's read, prepared once per database (it runs on every order; outside the write transaction)
const preparedReads = new WeakMap<object, ReturnType<typeof buildRead>>();
function buildRead(ctx: Ctx) {
  return ctx.database.db
    .select({ elder: ELDER, product: serviceProducts, providerStatus: providers.status, providerName: providers.name, autoAccept: providers.autoAccept, regionName: regions.name, facilityName: facilities.name, facilityStatus: facilities.status })
    .from(elders)
    .leftJoin(serviceProducts, eq(serviceProducts.id, sql.placeholder("productId")))
    .leftJoin(providers, eq(providers.id, serviceProducts.providerId))
    .leftJoin(facilities, eq(facilities.id, serviceProducts.facilityId))
    .leftJoin(regions, eq(regions.code, elders.regionCode))
    .where(
      and(
        eq(elders.id, sql.placeholder("elderId")),
        // the elders the actor may order for: their own record, bound elders, or (staff) the region's
        sql`CASE ${sql.placeholder("mode")}::text
          WHEN 'self' THEN ${elders.id} = ${sql.placeholder("selfId")}::uuid
          WHEN 'family' THEN EXISTS (SELECT 1 FROM elder_contacts c WHERE c.elder_id = ${elders.id} AND c.family_user_id = ${sql.placeholder("userId")}::uuid)
          WHEN 'region' THEN ${elders.regionCode} LIKE ${sql.placeholder("prefix")}::text
          ELSE false END`,
      ),
    )
    .prepare("place_order_read");
}

async function prepare(ctx: Ctx, v: Input) {
  let read = preparedReads.get(ctx.database);
  if (!read) preparedReads.set(ctx.database, (read = buildRead(ctx)));
  const a = ctx.actor;
  const mode = a.role === "elder" ? "self" : a.role === "family" ? "family" : a.permissions.has("order:place") || a.permissions.has("elder:read") ? "region" : "none";
  const [found] = await read.execute({ productId: v.productId, elderId: v.elderId, mode, selfId: a.elderId ?? null, userId: a.id ?? null, prefix: `${a.regionCode}%` });
  if (!found) throw new NotFoundError("老人档案不存在");
  if (!["elder", "family"].includes(ctx.actor.role) && !ctx.actor.permissions.has("order:place")) throw new ForbiddenError("您不能为老人下单");
  const { elder, product } = found;
  if (elder.status !== "active") throw new InvalidStateError("该老人档案已注销（去世或迁出），不能下单");
  if (!product) throw new NotFoundError("服务产品不存在");
  if (found.providerStatus !== "approved") throw new InvalidStateError("该服务商暂停服务，不能下单");
  if (!product.onSale) throw new InvalidStateError("该服务产品已下架");
  if (!covers(product.serviceRegions, elder.regionCode)) throw new ValidationError("该服务不覆盖老人所在社区", [{ path: "productId", message: "该服务不覆盖老人所在社区" }]);
  const start = new Date(v.slotStart);
  const now = Date.now();
  if (start.getTime() < now - 5 * 60_000) throw new ValidationError("服务时间不能早于现在", [{ path: "slotStart", message: "服务时间不能早于现在" }]);
  if (start.getTime() > now + MAX_DAYS_AHEAD * 86_400_000) throw new ValidationError(`只能预约${MAX_DAYS_AHEAD}天内的服务`, [{ path: "slotStart", message: `只能预约${MAX_DAYS_AHEAD}天内的服务` }]);
  const end = new Date(start.getTime() + product.durationMinutes * 60_000);
  const { unitPriceFen, tier } = priceForElder(product, elder, shanghaiDate(start));
  // the time bank's hours are paid for by the bureau too
  refuseIfFacilityMayNot(found.facilityName, found.facilityStatus, tier !== null || product.walletEligible || v.timebank !== undefined);
  const { units } = billable(product.unit as OrderProduct["unit"], product.durationMinutes, product.durationMinutes);
  const timebankMinutes = product.timebankMinutes === null ? null : product.timebankMinutes * units;
  if (v.timebank && timebankMinutes === null) throw new ValidationError("该服务未列入时间银行兑换目录", [{ path: "timebank", message: "该服务不能用时间银行的时间兑换" }]);
  return { elder, product, providerName: found.providerName!, autoAccept: found.autoAccept!, regionName: found.regionName, start, end, unitPriceFen, tier, timebankMinutes };
}

/**
 * A product delivered by a facility that is not operating: closed, it takes no orders; suspended (failed its rating
 * re-check, or by the bureau), it takes no government-paid ones — government money enters an order only through a
 * subsidised price tier or the subsidy wallet, so an order that could use either is refused; one at the market price
 * and outside the wallet may still be placed.
 */
function refuseIfFacilityMayNot(name: string | null, status: string | null, governmentPaid: boolean) {
  if (status === "closed") throw new InvalidStateError(`${name}已关闭，不能下单`);
  if (status === "suspended" && governmentPaid) throw new InvalidStateError(`${name}已被暂停提供政府购买服务，不能下单使用补贴或优惠价`);
}

/** What the order will cost and what the wallet will cover at today's balances, before it is placed (nothing is written). */
export async function quoteOrder({ ctx, input }: { ctx: Ctx; input: z.input<typeof PlaceOrderInput> }): Promise<QuoteView> {
  const v = PlaceOrderInput.parse(input);
  const { elder, product, unitPriceFen, tier, start, end, timebankMinutes } = await prepare(ctx, v);
  const { units, billableMinutes } = billable(product.unit as OrderProduct["unit"], product.durationMinutes, product.durationMinutes);
  const balance = await walletBalances(ctx.database.db, elder.id);
  const split = splitPayment({
    priceFen: unitPriceFen * units,
    billableMinutes,
    minutesBalance: balance.minutes,
    fenBalance: balance.fen,
    minutesAllowed: product.walletEligible && product.unit !== "day",
    fenAllowed: product.walletEligible,
  });
  return {
    productName: product.name,
    unit: product.unit as QuoteView["unit"],
    marketPriceFen: product.priceFen,
    unitPriceFen,
    priceTier: tier,
    units,
    slotStart: start.toISOString(),
    slotEnd: end.toISOString(),
    address: v.address ?? elder.address,
    ...split,
    walletBalanceFen: balance.fen,
    walletBalanceMinutes: balance.minutes,
    overtimeNote: product.unit === "hour" ? "超出预约时长的部分按每开始一小时计费" : product.unit === "day" ? "超出预约天数的部分按每开始一天计费" : null,
    timebankMinutes: timebankMinutes !== null && (await ruleFor(ctx, elder.regionCode, "timebank.providerServices")) ? timebankMinutes : null,
  };
}

/**
 * Places an order (elder or family in the app, operator on the hotline, community worker). With an Idempotency-Key,
 * a retry returns the order the first attempt made. The order is written in one statement; a provider set to accept
 * automatically then accepts it and the system dispatches it (a second transaction; if the process stops in between,
 * the sweep accepts it).
 */
export async function placeOrder({ ctx, input, idempotencyKey }: { ctx: Ctx; input: z.input<typeof PlaceOrderInput>; idempotencyKey?: string }): Promise<{ order: OrderRow; replayed: boolean; view?: ReturnType<typeof orderView> & { events: unknown[] } }> {
  const v = PlaceOrderInput.parse(input);
  const key = idempotencyKey?.trim().slice(0, 100) || null;
  const prior = async (db: Pick<Tx, "select">) => (await db.select().from(serviceOrders).where(and(eq(serviceOrders.placedBy, ctx.actor.id!), eq(serviceOrders.idempotencyKey, key!))))[0];
  if (key) {
    const before = await prior(ctx.database.db);
    if (before) return { order: before, replayed: true };
  }
  if (v.callId && (["elder", "family"].includes(ctx.actor.role) || !ctx.actor.permissions.has("order:place"))) {
    throw new ValidationError("只有坐席接听来电下单时才能关联来电", [{ path: "callId", message: "只有坐席接听来电下单时才能关联来电" }]);
  }
  const p = await prepare(ctx, v);
  const { elder, product } = p;
  await assertNotBlacklisted(ctx.database.db, { providerId: product.providerId, facilityId: product.facilityId });
  const snapshot: OrderProduct = {
    name: product.name,
    category: product.category as OrderProduct["category"],
    unit: product.unit as OrderProduct["unit"],
    priceFen: product.priceFen,
    durationMinutes: product.durationMinutes,
    tasks: product.tasks,
    requiredSkills: product.requiredSkills as OrderProduct["requiredSkills"],
    requiredCertificates: product.requiredCertificates as OrderProduct["requiredCertificates"],
    walletEligible: product.walletEligible,
  };
  const channel = v.channel ?? (["elder", "family"].includes(ctx.actor.role) ? "h5" : ctx.actor.role === "operator" ? "hotline" : ctx.actor.role === "community_worker" ? "community" : "console");
  const moved = v.address !== undefined && v.address !== elder.address;
  const values = {
    elderId: elder.id,
    regionCode: elder.regionCode,
    providerId: product.providerId,
    productId: product.id,
    product: snapshot,
    unitPriceFen: p.unitPriceFen,
    priceTier: p.tier,
    slotStart: p.start,
    slotEnd: p.end,
    address: v.address ?? elder.address,
    // another address without a position has none: dispatch uses its community's centre, check-in is flagged
    lat: v.lat ?? (moved ? null : elder.lat),
    lng: v.lng ?? (moved ? null : elder.lng),
    notes: v.notes ?? null,
    channel,
    callId: v.callId ?? null,
    placedBy: ctx.actor.id,
    placedByRole: ctx.actor.role,
    idempotencyKey: key,
  };
  const detail: Record<string, unknown> = { channel, unitPriceFen: p.unitPriceFen, tier: p.tier, product: product.name };
  let written;
  if (v.timebank) {
    // paid with hours: the redemption and the order in one transaction (refused hours, no order; no order, no hours spent)
    const hours = v.timebank;
    const id = randomUUID();
    try {
      written = await withTransaction(ctx, async (tx) => {
        const paid = await redeemForOrder(ctx, tx, { accountId: hours.accountId, relation: hours.relation, elder, minutes: p.timebankMinutes!, description: `${product.name}（${p.providerName}）`, order: { id, providerName: p.providerName } });
        Object.assign(values, { id, timebankAccountId: paid.accountId, timebankMinutes: p.timebankMinutes, timebankOpId: paid.opId });
        detail.timebankMinutes = p.timebankMinutes;
        const row = await insertPlaced(ctx, values, detail, tx);
        if (!row) throw new ConflictError("订单未能保存，请重试");
        return row;
      });
    } catch (err) {
      // a concurrent retry with the same key placed it (and paid) first
      const first = err instanceof ConflictError && key ? await prior(ctx.database.db) : undefined;
      if (first) return { order: first, replayed: true };
      throw err;
    }
  } else written = await insertPlaced(ctx, values, detail);
  // a concurrent retry with the same key got there first
  if (!written) {
    const first = key ? await prior(ctx.database.db) : undefined;
    if (!first) throw new ConflictError("订单未能保存，请重试");
    return { order: first, replayed: true };
  }
  const order = placedRow(values, written);
  if (p.autoAccept) {
    const accepted = await withTransaction(ctx, async (tx) => {
      const [locked] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, order.id)).for("update");
      return locked!.status === "placed" ? systemTransition(ctx, tx, locked!, { action: "accept" }) : locked!;
    });
    return { order: accepted, replayed: false };
  }
  // nothing else happened: the view from what is at hand, without reading the order back
  const view = orderView({ o: order, elderName: elder.name, elderPhone: elder.phoneMasked, regionName: p.regionName, providerName: p.providerName, workerName: null, workerPhone: null, stars: null }, ["client"]);
  const events = [{ action: "place", from: null, to: "placed", actorName: ctx.actor.username, actorRole: ctx.actor.role, at: order.createdAt.toISOString(), detail }];
  return { order, replayed: false, view: { ...view, events } };
}

type PlacedValues = Omit<typeof serviceOrders.$inferInsert, "orderNo">;

/**
 * The order, its first timeline event, its audit event and (from the hotline) the call's link to it, in ONE
 * statement: atomic without a transaction, one round trip. A key already used by this user inserts nothing.
 */
async function insertPlaced(ctx: Ctx, values: PlacedValues, detail: Record<string, unknown>, db: Db | Tx = ctx.database.db): Promise<{ id: string; order_no: string; created_at: Date | string } | null> {
  const a = ctx.actor;
  const insert = db
    .insert(serviceOrders)
    .values(values)
    .onConflictDoNothing({ target: [serviceOrders.placedBy, serviceOrders.idempotencyKey] })
    .returning({ id: serviceOrders.id, orderNo: serviceOrders.orderNo, createdAt: serviceOrders.createdAt, regionCode: serviceOrders.regionCode });
  const auditDetail = JSON.stringify({ from: null, to: "placed", ...detail });
  const [row] = await selectRows<{ id: string; order_no: string; created_at: Date | string }>(
    db,
    sql`WITH o AS (${insert.getSQL()}),
      ev AS (INSERT INTO order_events (order_id, action, from_status, to_status, actor_id, actor_name, actor_role, detail)
             SELECT o.id, 'place', NULL, 'placed', ${a.id}::uuid, ${a.username}, ${a.role}, ${JSON.stringify(detail)}::jsonb FROM o),
      au AS (INSERT INTO audit_events (actor_id, actor_username, actor_role, action, target_type, target_id, region_code, ip, user_agent, request_id, detail)
             SELECT ${a.id}::uuid, ${a.username}, ${a.role}, 'order.place', 'service_order', o.id::text, o.region_code, ${ctx.ip ?? null}, ${ctx.userAgent ?? null}, ${ctx.requestId ?? null},
                    ${auditDetail}::jsonb || jsonb_build_object('orderNo', o.order_no) FROM o)
      ${
        values.callId
          ? // the operator's own call, of their region, not yet linked to another order
            sql`, call AS (UPDATE inbound_calls SET order_id = o.id FROM o WHERE inbound_calls.call_id = ${values.callId}::text AND inbound_calls.order_id IS NULL
                  AND (inbound_calls.region_code IS NULL OR inbound_calls.region_code LIKE ${`${a.regionCode}%`}))`
          : sql``
      }
    SELECT o.id, o.order_no, o.created_at FROM o`,
  );
  return row ?? null;
}

/** The row just inserted, from its values and the columns' defaults (what `RETURNING *` would have given). */
function placedRow(values: PlacedValues, w: { id: string; order_no: string; created_at: Date | string }): OrderRow {
  const at = new Date(w.created_at);
  return {
    ...values,
    id: w.id,
    orderNo: w.order_no,
    priceTier: values.priceTier ?? null,
    lat: values.lat ?? null,
    lng: values.lng ?? null,
    notes: values.notes ?? null,
    callId: values.callId ?? null,
    placedBy: values.placedBy ?? null,
    idempotencyKey: values.idempotencyKey ?? null,
    status: "placed",
    workerId: null,
    declinedBy: [],
    acceptedAt: null,
    assignedAt: null,
    workerAcceptedAt: null,
    departedAt: null,
    checkedInAt: null,
    checkInLat: null,
    checkInLng: null,
    checkInDistanceM: null,
    checkedOutAt: null,
    checkOutLat: null,
    checkOutLng: null,
    tasksDone: null,
    serviceNotes: null,
    confirmedAt: null,
    confirmedBy: null,
    actualMinutes: null,
    billableMinutes: null,
    priceFen: null,
    walletMinutes: null,
    minutesFen: null,
    walletFen: null,
    copayFen: null,
    copayMethod: null,
    copayReference: null,
    timebankAccountId: values.timebankAccountId ?? null,
    timebankMinutes: values.timebankMinutes ?? null,
    timebankOpId: values.timebankOpId ?? null,
    timebankRefundOpId: null,
    timebankFen: null,
    settledAt: null,
    closedReason: null,
    flags: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}
