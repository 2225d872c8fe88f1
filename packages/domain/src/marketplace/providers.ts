import { providers, regions, type Tx, users } from "@carecircle/db";
import { CreateProviderInput, creditCodeProblem, ProviderStatusInput, UpdateProviderInput } from "@carecircle/shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { forgetSessions } from "../auth/sessions.ts";
import { requirePermission } from "../core/permissions.ts";

export type ProviderRow = typeof providers.$inferSelect;

/** True when a provider serving `serviceRegions` covers `regionCode` (a region, or one of its ancestors, is listed). */
export function covers(serviceRegions: readonly string[], regionCode: string): boolean {
  return serviceRegions.some((r) => regionCode.startsWith(r));
}

/** Who may see a provider: the public sees approved ones; the bureau those of its region; a provider's staff their own. */
function visible(ctx: Ctx, p: ProviderRow): boolean {
  if (p.status === "approved") return true;
  if (ctx.actor.providerId === p.id) return true;
  return ctx.actor.permissions.has("provider:approve") || ctx.actor.permissions.has("order:read") ? p.regionCode.startsWith(ctx.actor.regionCode) || p.serviceRegions.some((r) => r.startsWith(ctx.actor.regionCode)) : false;
}

export async function providerRow(ctx: Ctx, id: string, tx?: Tx): Promise<ProviderRow> {
  if (!isUuid(id)) throw new NotFoundError("服务商不存在");
  const [p] = await (tx ?? ctx.database.db).select().from(providers).where(eq(providers.id, id));
  if (!p || !visible(ctx, p)) throw new NotFoundError("服务商不存在");
  return p;
}

/** The provider the actor administers (a provider admin's own), or — for the bureau — any in its region. */
export async function managedProvider(ctx: Ctx, id: string | undefined, tx?: Tx): Promise<ProviderRow> {
  const pid = id ?? ctx.actor.providerId ?? undefined;
  if (!pid) throw new ValidationError("请指定服务商", [{ path: "providerId", message: "请指定服务商" }]);
  const p = await providerRow(ctx, pid, tx);
  if (ctx.actor.role === "provider_admin" ? ctx.actor.providerId !== p.id : !ctx.actor.permissions.has("provider:approve")) {
    throw new ForbiddenError("您不能管理该服务商");
  }
  // the bureau manages the providers registered in its region only
  if (ctx.actor.role !== "provider_admin" && !p.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("服务商不存在");
  return p;
}

export function providerView(p: ProviderRow, regionName?: string | null) {
  return {
    id: p.id,
    name: p.name,
    creditCode: p.creditCode,
    legalPerson: p.legalPerson,
    phone: p.phone,
    address: p.address,
    regionCode: p.regionCode,
    regionName: regionName ?? null,
    lat: p.lat,
    lng: p.lng,
    serviceRegions: p.serviceRegions,
    qualifications: p.qualifications,
    description: p.description,
    autoAccept: p.autoAccept,
    status: p.status,
    statusReason: p.statusReason,
    statusAt: p.statusAt?.toISOString() ?? null,
    rating: p.ratingCount > 0 ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : null,
    ratingCount: p.ratingCount,
    createdAt: p.createdAt.toISOString(),
  };
}

async function checkRegions(tx: Tx, codes: string[], path: string): Promise<void> {
  const found = await tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new ValidationError("区划代码不存在", [{ path, message: `区划代码不存在：${missing.join("、")}` }]);
}

/**
 * Registers a provider (备案). The bureau registers one as approved at once; a provider admin without a provider
 * registers their own, which waits for the bureau's approval and becomes theirs.
 */
export async function createProvider({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateProviderInput> }) {
  const v = CreateProviderInput.parse(input);
  const bureau = ctx.actor.permissions.has("provider:approve");
  if (!bureau && !(ctx.actor.role === "provider_admin" && !ctx.actor.providerId)) throw new ForbiddenError("您不能登记服务商");
  const problem = creditCodeProblem(v.creditCode);
  if (problem) throw new ValidationError(problem, [{ path: "creditCode", message: problem }]);
  if (bureau && !v.regionCode.startsWith(ctx.actor.regionCode)) throw new ValidationError("所在区划不在您的辖区", [{ path: "regionCode", message: "所在区划不在您的辖区" }]);
  const outside = bureau ? v.serviceRegions.filter((r) => !r.startsWith(ctx.actor.regionCode)) : [];
  if (outside.length) throw new ValidationError("服务区域超出您的辖区", [{ path: "serviceRegions", message: `不在您的辖区：${outside.join("、")}` }]);
  return withTransaction(ctx, async (tx) => {
    await checkRegions(tx, [v.regionCode], "regionCode");
    await checkRegions(tx, v.serviceRegions, "serviceRegions");
    const creditCode = v.creditCode.trim().toUpperCase();
    const [dup] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.creditCode, creditCode));
    if (dup) throw new ConflictError("该统一社会信用代码已登记");
    const [row] = await tx
      .insert(providers)
      .values({
        ...v,
        creditCode,
        lat: v.lat ?? null,
        lng: v.lng ?? null,
        description: v.description ?? null,
        status: bureau ? "approved" : "pending",
        statusAt: new Date(),
        createdBy: ctx.actor.id,
      })
      .returning();
    if (!bureau) {
      // one pending registration per account: the row lock makes a second, concurrent one wait and then refuse
      const [me] = await tx.select({ providerId: users.providerId }).from(users).where(eq(users.id, ctx.actor.id!)).for("update");
      if (me?.providerId) throw new ConflictError("您的账号已关联服务商");
      await tx.update(users).set({ providerId: row!.id }).where(eq(users.id, ctx.actor.id!));
    }
    await recordAudit(tx, ctx, { action: "provider.create", targetType: "provider", targetId: row!.id, regionCode: v.regionCode, detail: { name: v.name, status: row!.status } });
    return providerView(row!);
  }).finally(() => {
    // the account now belongs to the provider: its cached session must say so
    if (!bureau) forgetSessions(ctx.database, { userId: ctx.actor.id! });
  });
}

export async function listProviders({ ctx, status, regionCode }: { ctx: Ctx; status?: string; regionCode?: string }) {
  const db = ctx.database.db;
  const conds = [];
  const staff = ctx.actor.permissions.has("provider:approve") || ctx.actor.permissions.has("order:read");
  if (!staff) conds.push(eq(providers.status, "approved"));
  else conds.push(sql`(${providers.regionCode} LIKE ${`${ctx.actor.regionCode}%`} OR EXISTS (SELECT 1 FROM unnest(${providers.serviceRegions}) r WHERE r LIKE ${`${ctx.actor.regionCode}%`}))`);
  if (status) conds.push(eq(providers.status, status));
  if (regionCode) conds.push(sql`EXISTS (SELECT 1 FROM unnest(${providers.serviceRegions}) r WHERE ${regionCode} LIKE r || '%')`);
  const rows = await db
    .select({ p: providers, regionName: regions.name })
    .from(providers)
    .leftJoin(regions, eq(regions.code, providers.regionCode))
    .where(and(...conds))
    .orderBy(asc(providers.name))
    .limit(1000);
  const own = ctx.actor.providerId && !rows.some((r) => r.p.id === ctx.actor.providerId) ? await db.select().from(providers).where(eq(providers.id, ctx.actor.providerId)) : [];
  return { items: [...own.map((p) => providerView(p)), ...rows.map((r) => providerView(r.p, r.regionName))] };
}

export async function getProvider({ ctx, id }: { ctx: Ctx; id: string }) {
  const p = await providerRow(ctx, id);
  const [r] = await ctx.database.db.select({ name: regions.name }).from(regions).where(eq(regions.code, p.regionCode));
  return providerView(p, r?.name);
}

/** The bureau approves, suspends (no new orders from then on) or rejects a provider; every change audited with its reason. */
export async function setProviderStatus({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof ProviderStatusInput> }) {
  requirePermission(ctx.actor, "provider:approve");
  const v = ProviderStatusInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const p = await providerRow(ctx, id, tx);
    if (!p.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("服务商不存在");
    const allowed: Record<string, string[]> = { pending: ["approved", "rejected"], approved: ["suspended"], suspended: ["approved"], rejected: ["approved"] };
    if (!allowed[p.status]?.includes(v.status)) throw new InvalidStateError(`服务商当前状态不能改为${v.status === "approved" ? "已批准" : v.status === "suspended" ? "暂停" : "驳回"}`);
    const [row] = await tx
      .update(providers)
      .set({ status: v.status, statusReason: v.reason ?? null, statusAt: new Date() })
      .where(eq(providers.id, p.id))
      .returning();
    await recordAudit(tx, ctx, { action: `provider.${v.status}`, targetType: "provider", targetId: p.id, regionCode: p.regionCode, detail: { from: p.status, to: v.status, reason: v.reason ?? null } });
    return providerView(row!);
  });
}

export async function updateProvider({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof UpdateProviderInput> }) {
  const v = UpdateProviderInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const p = await managedProvider(ctx, id, tx);
    if (Object.keys(v).length === 0) return providerView(p);
    const [row] = await tx.update(providers).set(v).where(eq(providers.id, p.id)).returning();
    await recordAudit(tx, ctx, { action: "provider.update", targetType: "provider", targetId: p.id, regionCode: p.regionCode, detail: { fields: Object.keys(v) } });
    return providerView(row!);
  });
}
