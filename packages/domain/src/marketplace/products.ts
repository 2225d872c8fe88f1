import { facilities, providers, regions, selectRows, serviceProducts, type Tx } from "@carecircle/db";
import { CATEGORY_NAMES, type CertificateKind, CreateProductInput, type PriceTier, type PriceUnit, type ProductView, type ServiceCategory, type WorkerSkill } from "@carecircle/shared";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { ruleFor } from "../regions/rules.ts";
import { elderMeets } from "../subsidies/eligibility.ts";
import { covers, managedProvider } from "./providers.ts";

export type ProductRow = typeof serviceProducts.$inferSelect;
export function productView(p: ProductRow, provider?: { name: string; status: string; rating: number | null }): ProductView {
  return {
    id: p.id,
    providerId: p.providerId,
    providerName: provider?.name ?? null,
    providerRating: provider?.rating ?? null,
    name: p.name,
    category: p.category as ServiceCategory,
    categoryName: CATEGORY_NAMES[p.category as ServiceCategory] ?? p.category,
    description: p.description,
    unit: p.unit as PriceUnit,
    priceFen: p.priceFen,
    subsidyPrices: p.subsidyPrices as PriceTier[],
    durationMinutes: p.durationMinutes,
    requiredSkills: p.requiredSkills as WorkerSkill[],
    requiredCertificates: p.requiredCertificates as CertificateKind[],
    serviceRegions: p.serviceRegions,
    tasks: p.tasks,
    walletEligible: p.walletEligible,
    facilityId: p.facilityId,
    timebankMinutes: p.timebankMinutes,
    onSale: p.onSale,
  };
}

/** A provider admin publishes a product; its service area must lie within the provider's. */
export async function createProduct({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateProductInput> }) {
  const v = CreateProductInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const p = await managedProvider(ctx, v.providerId, tx);
    if (p.status !== "approved") throw new InvalidStateError("服务商尚未获批或已暂停，不能发布产品");
    const area = v.serviceRegions ?? p.serviceRegions;
    const outside = area.filter((r) => !covers(p.serviceRegions, r));
    if (outside.length) throw new ValidationError("服务区域超出服务商的服务范围", [{ path: "serviceRegions", message: `不在服务商服务范围内：${outside.join("、")}` }]);
    if (v.facilityId) {
      // a facility this provider runs, in its region
      const [f] = await tx.select({ operator: facilities.operatorProviderId }).from(facilities).where(eq(facilities.id, v.facilityId));
      if (!f || f.operator !== p.id) throw new ValidationError("该设施不由本服务商运营", [{ path: "facilityId", message: "请选择本服务商运营的养老服务设施" }]);
    }
    const { providerId: _ignored, serviceRegions: _area, ...fields } = v;
    const [row] = await tx
      .insert(serviceProducts)
      .values({ ...fields, description: v.description ?? null, providerId: p.id, serviceRegions: area })
      .returning();
    await recordAudit(tx, ctx, { action: "product.create", targetType: "service_product", targetId: row!.id, regionCode: p.regionCode, detail: { name: v.name, priceFen: v.priceFen } });
    return productView(row!, { name: p.name, status: p.status, rating: null });
  });
}

/** Takes a product off sale or back on. */
export async function setProductOnSale({ ctx, id, onSale }: { ctx: Ctx; id: string; onSale: boolean }) {
  if (!isUuid(id)) throw new NotFoundError("服务产品不存在");
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(serviceProducts).where(eq(serviceProducts.id, id));
    if (!row) throw new NotFoundError("服务产品不存在");
    const p = await managedProvider(ctx, row.providerId, tx);
    const [updated] = await tx.update(serviceProducts).set({ onSale }).where(eq(serviceProducts.id, id)).returning();
    await recordAudit(tx, ctx, { action: onSale ? "product.on_sale" : "product.off_sale", targetType: "service_product", targetId: id, regionCode: p.regionCode });
    return productView(updated!, { name: p.name, status: p.status, rating: null });
  });
}

/**
 * The bureau lists a provider's product for the time bank at a price in hours per unit (or takes it off the list):
 * where the region lets hours buy providers' services, elders may then pay for it with hours, and the bureau pays the
 * provider the part the hours covered. The price must be in the time bank's granularity.
 */
export async function setTimebankListing({ ctx, id, timebankMinutes }: { ctx: Ctx; id: string; timebankMinutes: number | null }) {
  requirePermission(ctx.actor, "provider:approve");
  requirePermission(ctx.actor, "timebank:manage");
  if (!isUuid(id)) throw new NotFoundError("服务产品不存在");
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(serviceProducts).where(eq(serviceProducts.id, id)).for("update");
    const [p] = row ? await tx.select().from(providers).where(eq(providers.id, row.providerId)) : [];
    if (!row || !p || !p.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("服务产品不存在");
    if (timebankMinutes !== null) {
      const granularity = await ruleFor(ctx, p.regionCode, "timebank.granularityMinutes", tx);
      if (!Number.isInteger(timebankMinutes) || timebankMinutes <= 0 || timebankMinutes % granularity !== 0 || timebankMinutes > 24 * 60) {
        throw new ValidationError(`兑换所需时间应为 ${granularity} 分钟的整数倍（最多 24 小时）`, [{ path: "timebankMinutes", message: `应为 ${granularity} 分钟的整数倍` }]);
      }
    }
    const [updated] = await tx.update(serviceProducts).set({ timebankMinutes }).where(eq(serviceProducts.id, id)).returning();
    await recordAudit(tx, ctx, { action: timebankMinutes === null ? "product.timebank_unlist" : "product.timebank_list", targetType: "service_product", targetId: id, regionCode: p.regionCode, detail: { name: row.name, timebankMinutes, before: row.timebankMinutes } });
    return productView(updated!, { name: p.name, status: p.status, rating: null });
  });
}

/**
 * The catalog: products on sale from approved providers, by category and by the region served (a community sees
 * products whose area is it or one of its ancestors). Public: no login needed. A provider admin also sees their own
 * products off sale.
 */
export async function listProducts({ ctx, category, regionCode, providerId, q, timebank, limit = 200 }: { ctx: Ctx; category?: string; regionCode?: string; providerId?: string; q?: string; timebank?: boolean; limit?: number }) {
  const conds: SQL[] = [];
  // a provider's own admin, and the bureau, see a provider's whole list (off sale, or the provider not approved)
  const own = providerId && (ctx.actor.providerId === providerId || ctx.actor.permissions.has("provider:approve"));
  if (!own) conds.push(sql`${serviceProducts.onSale} AND ${providers.status} = 'approved'`);
  if (category) conds.push(eq(serviceProducts.category, category));
  if (providerId) conds.push(isUuid(providerId) ? eq(serviceProducts.providerId, providerId) : sql`false`);
  if (regionCode) conds.push(sql`EXISTS (SELECT 1 FROM unnest(${serviceProducts.serviceRegions}) r WHERE ${regionCode} LIKE r || '%')`);
  if (timebank) conds.push(sql`${serviceProducts.timebankMinutes} IS NOT NULL`);
  if (q) conds.push(sql`(${serviceProducts.name} LIKE ${`%${q}%`} OR ${providers.name} LIKE ${`%${q}%`})`);
  const rows = await ctx.database.db
    .select({ p: serviceProducts, providerName: providers.name, providerStatus: providers.status, ratingSum: providers.ratingSum, ratingCount: providers.ratingCount })
    .from(serviceProducts)
    .innerJoin(providers, eq(providers.id, serviceProducts.providerId))
    .where(and(...conds))
    .orderBy(asc(serviceProducts.category), asc(serviceProducts.priceFen), asc(serviceProducts.id))
    .limit(Math.min(Math.max(limit, 1), 1000));
  return {
    items: rows.map((r) => productView(r.p, { name: r.providerName, status: r.providerStatus, rating: r.ratingCount ? Math.round((r.ratingSum / r.ratingCount) * 10) / 10 : null })),
  };
}

export async function productRow(ctx: Ctx, id: string, tx?: Tx): Promise<ProductRow> {
  if (!isUuid(id)) throw new NotFoundError("服务产品不存在");
  const [row] = await (tx ?? ctx.database.db).select().from(serviceProducts).where(eq(serviceProducts.id, id));
  if (!row) throw new NotFoundError("服务产品不存在");
  return row;
}

export async function getProduct({ ctx, id }: { ctx: Ctx; id: string }) {
  const row = await productRow(ctx, id);
  const [p] = await ctx.database.db.select().from(providers).where(eq(providers.id, row.providerId));
  if (!p || ((p.status !== "approved" || !row.onSale) && ctx.actor.providerId !== p.id && !ctx.actor.permissions.has("order:read"))) throw new NotFoundError("服务产品不存在");
  const names = await ctx.database.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(sql`${regions.code} = ANY(${sql.param(row.serviceRegions)}::text[])`);
  return { ...productView(row, { name: p.name, status: p.status, rating: p.ratingCount ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : null }), serviceRegionNames: names.map((n) => n.name) };
}

/** The unit price this elder pays: the lowest tier whose conditions they meet, else the market price. */
export function priceForElder(product: ProductRow, elder: Parameters<typeof elderMeets>[0], onDate: string): { unitPriceFen: number; tier: string | null } {
  let best = { unitPriceFen: product.priceFen, tier: null as string | null };
  for (const t of product.subsidyPrices as PriceTier[]) {
    if (t.priceFen < best.unitPriceFen && elderMeets(elder, t.conditions, onDate)) best = { unitPriceFen: t.priceFen, tier: t.label };
  }
  return best;
}

/** The areas the public catalog can filter by: every region approved providers serve, and its streets. */
export async function catalogAreas({ ctx }: { ctx: Ctx }) {
  const rows = await selectRows<{ code: string; name: string; level: number; parent_code: string | null }>(ctx.database.db, sql`
    SELECT r.code, r.name, r.level, r.parent_code FROM regions r
    WHERE r.level <= 4 AND EXISTS (SELECT 1 FROM providers p, unnest(p.service_regions) s WHERE p.status = 'approved' AND (r.code LIKE s || '%' OR s LIKE r.code || '%'))
      AND r.level >= 3
    ORDER BY r.code`);
  return { items: rows.map((r) => ({ code: r.code, name: r.name, level: Number(r.level), parentCode: r.parent_code })) };
}
