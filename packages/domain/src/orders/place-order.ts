import { inboundCalls, providers, selectRows, serviceOrders, type Tx } from "@carecircle/db";
import { billable, PlaceOrderInput, shanghaiDate, splitPayment } from "@carecircle/shared";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, ValidationError } from "../core/errors.ts";
import { elderForActor } from "../elders/access.ts";
import type { ElderRow } from "../elders/internal.ts";
import { priceForElder, type ProductRow, productRow } from "../marketplace/products.ts";
import { covers, type ProviderRow } from "../marketplace/providers.ts";
import { walletBalances } from "../subsidies/wallet.ts";
import { type OrderRow, recordOrderEvent } from "./access.ts";
import { systemTransition, type OrderProduct } from "./transition.ts";

type Input = z.output<typeof PlaceOrderInput>;
const MAX_DAYS_AHEAD = 60;

/** Everything an order needs, checked: the elder the actor acts for, an orderable product covering the home, a sensible slot. */
async function prepare(ctx: Ctx, v: Input, tx?: Tx): Promise<{ elder: ElderRow; product: ProductRow; provider: ProviderRow; start: Date; end: Date; unitPriceFen: number; tier: string | null }> {
  const elder = await elderForActor(ctx, v.elderId, { tx, staffPermission: "order:place" });
  if (!["elder", "family"].includes(ctx.actor.role) && !ctx.actor.permissions.has("order:place")) throw new ForbiddenError("您不能为老人下单");
  if (elder.status !== "active") throw new InvalidStateError("该老人档案已注销（去世或迁出），不能下单");
  const product = await productRow(ctx, v.productId, tx);
  const [provider] = await (tx ?? ctx.database.db).select().from(providers).where(eq(providers.id, product.providerId));
  if (!provider || provider.status !== "approved") throw new InvalidStateError("该服务商暂停服务，不能下单");
  if (!product.onSale) throw new InvalidStateError("该服务产品已下架");
  if (!covers(product.serviceRegions, elder.regionCode)) throw new ValidationError("该服务不覆盖老人所在社区", [{ path: "productId", message: "该服务不覆盖老人所在社区" }]);
  const start = new Date(v.slotStart);
  const now = Date.now();
  if (start.getTime() < now - 5 * 60_000) throw new ValidationError("服务时间不能早于现在", [{ path: "slotStart", message: "服务时间不能早于现在" }]);
  if (start.getTime() > now + MAX_DAYS_AHEAD * 86_400_000) throw new ValidationError(`只能预约${MAX_DAYS_AHEAD}天内的服务`, [{ path: "slotStart", message: `只能预约${MAX_DAYS_AHEAD}天内的服务` }]);
  const end = new Date(start.getTime() + product.durationMinutes * 60_000);
  const { unitPriceFen, tier } = priceForElder(product, elder, shanghaiDate(start));
  return { elder, product, provider, start, end, unitPriceFen, tier };
}

/** What the order will cost and what the wallet will cover at today's balances, before it is placed (nothing is written). */
export async function quoteOrder({ ctx, input }: { ctx: Ctx; input: z.input<typeof PlaceOrderInput> }) {
  const v = PlaceOrderInput.parse(input);
  const { elder, product, unitPriceFen, tier, start, end } = await prepare(ctx, v);
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
    unit: product.unit,
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
  };
}

async function orderNo(tx: Tx): Promise<string> {
  const [row] = await selectRows<{ n: string | number }>(tx, sql`SELECT nextval('service_order_no_seq') AS n`);
  return `${shanghaiDate().replaceAll("-", "")}${String(row!.n).padStart(6, "0")}`;
}

/**
 * Places an order (elder or family in the app, operator on the hotline, community worker). With an Idempotency-Key,
 * a retry returns the order the first attempt made. A provider set to accept automatically accepts it at once and
 * the system dispatches it in the same transaction.
 */
export async function placeOrder({ ctx, input, idempotencyKey }: { ctx: Ctx; input: z.input<typeof PlaceOrderInput>; idempotencyKey?: string }): Promise<{ order: OrderRow; replayed: boolean }> {
  const v = PlaceOrderInput.parse(input);
  const key = idempotencyKey?.trim().slice(0, 100) || null;
  return withTransaction(ctx, async (tx) => {
    if (key) {
      const [prior] = await tx.select().from(serviceOrders).where(and(eq(serviceOrders.placedBy, ctx.actor.id!), eq(serviceOrders.idempotencyKey, key)));
      if (prior) return { order: prior, replayed: true };
    }
    const { elder, product, provider, start, end, unitPriceFen, tier } = await prepare(ctx, v, tx);
    const snapshot: OrderProduct = {
      name: product.name,
      category: product.category,
      unit: product.unit as OrderProduct["unit"],
      priceFen: product.priceFen,
      durationMinutes: product.durationMinutes,
      tasks: product.tasks,
      requiredSkills: product.requiredSkills,
      requiredCertificates: product.requiredCertificates,
      walletEligible: product.walletEligible,
    };
    const channel = v.channel ?? (["elder", "family"].includes(ctx.actor.role) ? "h5" : ctx.actor.role === "operator" ? "hotline" : ctx.actor.role === "community_worker" ? "community" : "console");
    const [order] = await tx
      .insert(serviceOrders)
      .values({
        orderNo: await orderNo(tx),
        elderId: elder.id,
        regionCode: elder.regionCode,
        providerId: provider.id,
        productId: product.id,
        product: snapshot,
        unitPriceFen,
        priceTier: tier,
        slotStart: start,
        slotEnd: end,
        address: v.address ?? elder.address,
        lat: v.lat ?? elder.lat,
        lng: v.lng ?? elder.lng,
        notes: v.notes ?? null,
        channel,
        callId: v.callId ?? null,
        placedBy: ctx.actor.id,
        placedByRole: ctx.actor.role,
        idempotencyKey: key,
      })
      .onConflictDoNothing()
      .returning();
    if (!order) {
      // a concurrent retry with the same key committed first
      const [prior] = await tx.select().from(serviceOrders).where(and(eq(serviceOrders.placedBy, ctx.actor.id!), eq(serviceOrders.idempotencyKey, key!)));
      return { order: prior!, replayed: true };
    }
    await recordOrderEvent(tx, ctx, { orderId: order.id, action: "place", from: null, to: "placed", detail: { channel, unitPriceFen, tier } });
    await recordAudit(tx, ctx, { action: "order.place", targetType: "service_order", targetId: order.id, regionCode: order.regionCode, detail: { orderNo: order.orderNo, product: product.name, channel } });
    if (v.callId) await tx.update(inboundCalls).set({ orderId: order.id }).where(eq(inboundCalls.callId, v.callId));
    const placed = provider.autoAccept ? await systemTransition(ctx, tx, order, { action: "accept" }) : order;
    return { order: placed, replayed: false };
  });
}
