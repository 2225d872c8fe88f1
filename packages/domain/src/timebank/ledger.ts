import { elders, regionRules, selectRows, timebankAccounts, timebankEntries, timebankOps, type Tx, volunteers } from "@carecircle/db";
import { addMonths, ageOn, ISSUED, type LedgerView, POOL, postingsFor, REDEEMED, shanghaiDate, TimebankRefusal, type TimebankOp, type TimebankRules, type TimebankAccountView, TimebankServiceInput, TimebankTransferInput } from "@carecircle/shared";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { elderForActor } from "../elders/access.ts";
import { RULE_DEFAULTS, ruleFor, ruleResolver, rulesFor } from "../regions/rules.ts";
import { SYSTEM_ACTOR } from "../core/permissions.ts";

type AccountRow = typeof timebankAccounts.$inferSelect;

/** The region's time-bank rules (the pool's region: the 通存通兑 scope, a district by default). */
export async function timebankRules(ctx: Ctx, regionCode: string, tx?: Tx): Promise<TimebankRules & { scopeDigits: number }> {
  const r = await rulesFor(ctx, regionCode, ["timebank.granularityMinutes", "timebank.capMinutes", "timebank.dailyMaxMinutes", "timebank.scopeDigits", "timebank.expiryMonths"], tx);
  const [cap, daily, expiry] = [r["timebank.capMinutes"], r["timebank.dailyMaxMinutes"], r["timebank.expiryMonths"]];
  return { granularityMinutes: r["timebank.granularityMinutes"], capMinutes: cap > 0 ? cap : null, dailyMaxMinutes: daily > 0 ? daily : null, expiryMonths: expiry > 0 ? expiry : null, scopeDigits: r["timebank.scopeDigits"] };
}

/** The account of a volunteer, of an elder, or a scope's pool — opened on first use. */
async function openAccount(tx: Tx, holder: { volunteerId: string; regionCode: string } | { elderId: string; regionCode: string } | { pool: string }): Promise<string> {
  const values =
    "pool" in holder
      ? { holderKind: "pool", regionCode: holder.pool }
      : "volunteerId" in holder
        ? { holderKind: "volunteer", volunteerId: holder.volunteerId, regionCode: holder.regionCode }
        : { holderKind: "elder", elderId: holder.elderId, regionCode: holder.regionCode };
  await tx.insert(timebankAccounts).values(values).onConflictDoNothing();
  const where = "pool" in holder ? and(eq(timebankAccounts.holderKind, "pool"), eq(timebankAccounts.regionCode, holder.pool)) : "volunteerId" in holder ? eq(timebankAccounts.volunteerId, holder.volunteerId) : eq(timebankAccounts.elderId, holder.elderId);
  const [row] = await tx.select({ id: timebankAccounts.id }).from(timebankAccounts).where(where);
  return row!.id;
}

/**
 * Applies one operation in the caller's transaction: locks the accounts it moves (in id order, so that two operations
 * never wait on each other crosswise), asks the shared ledger rules for the postings, and writes the operation, its
 * entries (append-only) and the new balances. A refusal becomes a 422 naming the field; nothing is written.
 */
async function post(ctx: Ctx, tx: Tx, opts: { op: TimebankOp; accounts: Record<string, string>; rules: TimebankRules; regionCode: string; day: string; detail: Record<string, unknown>; idempotencyKey?: string }) {
  const ids = [...new Set(Object.values(opts.accounts))].sort();
  const locked = await tx.select().from(timebankAccounts).where(inArray(timebankAccounts.id, ids)).orderBy(asc(timebankAccounts.id)).for("update");
  const byId = new Map(locked.map((a) => [a.id, a]));
  const idOf = (name: string) => opts.accounts[name]!;
  const depositedToday =
    opts.op.kind === "deposit"
      ? Number(
          (
            // what the volunteer earned that day: the hours issued by that day's deposits (kept or gone to the pool)
            await selectRows<{ n: string | null }>(
              tx,
              sql`SELECT COALESCE(-sum(e.minutes), 0) AS n FROM timebank_entries e JOIN timebank_ops o ON o.id = e.op_id
                  WHERE o.kind = 'deposit' AND e.system_account = 'issued' AND o.day = ${opts.day}::date AND (o.detail->>'volunteerId') = ${String(opts.detail.volunteerId)}`,
            )
          )[0]!.n ?? 0,
        )
      : 0;
  const view: LedgerView = { balance: (name) => byId.get(idOf(name))?.balanceMinutes ?? 0, depositedOn: () => depositedToday };
  let postings;
  try {
    postings = postingsFor(opts.op, view, opts.rules);
  } catch (err) {
    if (err instanceof TimebankRefusal) throw new ValidationError(err.message, [{ path: err.path, message: err.message }]);
    throw err;
  }
  const [op] = await tx
    .insert(timebankOps)
    .values({ kind: opts.op.kind, regionCode: opts.regionCode, day: opts.day, detail: opts.detail, actorId: ctx.actor.id, actorRole: ctx.actor.role, idempotencyKey: opts.idempotencyKey ?? null })
    .returning({ id: timebankOps.id });
  await tx.insert(timebankEntries).values(
    postings.map((p) => ({ opId: op!.id, accountId: p.account === ISSUED || p.account === REDEEMED ? null : idOf(p.account), systemAccount: p.account === ISSUED || p.account === REDEEMED ? p.account : null, minutes: p.minutes, reason: p.reason, day: opts.day })),
  );
  const delta = new Map<string, number>();
  for (const p of postings) if (p.account !== ISSUED && p.account !== REDEEMED) delta.set(idOf(p.account), (delta.get(idOf(p.account)) ?? 0) + p.minutes);
  for (const [id, d] of delta) await tx.update(timebankAccounts).set({ balanceMinutes: sql`${timebankAccounts.balanceMinutes} + ${d}` }).where(eq(timebankAccounts.id, id));
  return { opId: op!.id, postings: postings.map((p) => ({ account: p.account === ISSUED || p.account === REDEEMED ? p.account : idOf(p.account), minutes: p.minutes, reason: p.reason })) };
}

/**
 * A confirmed service deposits its hours in the volunteer's account: the elder (or their family) confirms it in the
 * app, or a community worker records it for them. Volunteer and elder within one 通存通兑 scope (the district by
 * default); the volunteer verified; the day's maximum and the cap per the rules (above the cap: to the pool).
 */
export async function recordService({ ctx, input, idempotencyKey }: { ctx: Ctx; input: z.input<typeof TimebankServiceInput>; idempotencyKey?: string }) {
  const v = TimebankServiceInput.parse(input);
  const staff = ctx.actor.permissions.has("timebank:manage");
  if (!staff && !["elder", "family"].includes(ctx.actor.role)) throw new ForbiddenError("只有服务对象、家属或社区工作人员可以确认志愿服务");
  if (v.day > shanghaiDate()) throw new ValidationError("服务日期不能晚于今天", [{ path: "day", message: "服务日期不能晚于今天" }]);
  if (v.checkInAt && v.checkOutAt && Date.parse(v.checkOutAt) <= Date.parse(v.checkInAt)) throw new ValidationError("签退时间应晚于签到时间", [{ path: "checkOutAt", message: "签退时间应晚于签到时间" }]);
  return withTransaction(ctx, async (tx) => {
    const key = idempotencyKey?.trim().slice(0, 100) || null;
    if (key) {
      const [prior] = await tx.select().from(timebankOps).where(and(eq(timebankOps.actorId, ctx.actor.id!), eq(timebankOps.idempotencyKey, key)));
      if (prior) return { opId: prior.id, replayed: true };
    }
    const elder = await elderForActor(ctx, v.elderId, { tx, lock: false });
    const [vol] = await tx.select().from(volunteers).where(eq(volunteers.id, v.volunteerId));
    const out = await depositService(ctx, tx, { volunteer: vol, elder, day: v.day, minutes: v.minutes, description: v.description, checkInAt: v.checkInAt ?? null, checkOutAt: v.checkOutAt ?? null, idempotencyKey: key ?? undefined });
    return { ...out, replayed: false };
  });
}

/**
 * Deposits a served and confirmed service in the caller's transaction: volunteer and elder within one 通存通兑 scope,
 * the volunteer verified, the rules' day maximum and cap (above it: to the pool).
 */
export async function depositService(
  ctx: Ctx,
  tx: Tx,
  s: { volunteer: typeof volunteers.$inferSelect | undefined; elder: { id: string; name: string; regionCode: string }; day: string; minutes: number; description: string; checkInAt: string | null; checkOutAt: string | null; requestId?: string; idempotencyKey?: string },
) {
  const rules = await timebankRules(ctx, s.elder.regionCode, tx);
  const scope = s.elder.regionCode.slice(0, rules.scopeDigits);
  const vol = s.volunteer;
  if (!vol || !vol.regionCode.startsWith(scope)) throw new ValidationError("志愿者不在本区时间银行", [{ path: "volunteerId", message: "志愿者不存在或不在本区" }]);
  if (vol.status !== "verified") throw new InvalidStateError("志愿者尚未通过审核，服务时长不能存入");
  const accounts = { [vol.id]: await openAccount(tx, { volunteerId: vol.id, regionCode: vol.regionCode }), [POOL]: await openAccount(tx, { pool: scope }) };
  const confirmedBy = ctx.actor.permissions.has("timebank:manage") ? "community_worker" : ctx.actor.role;
  const detail = { volunteerId: vol.id, volunteerName: vol.name, elderId: s.elder.id, elderName: s.elder.name, description: s.description, checkInAt: s.checkInAt, checkOutAt: s.checkOutAt, confirmedBy, requestId: s.requestId ?? null };
  const out = await post(ctx, tx, { op: { kind: "deposit", account: vol.id, minutes: s.minutes, day: s.day }, accounts, rules, regionCode: s.elder.regionCode, day: s.day, detail, idempotencyKey: s.idempotencyKey });
  await recordAudit(tx, ctx, { action: "timebank.deposit", targetType: "volunteer", targetId: vol.id, regionCode: vol.regionCode, detail: { minutes: s.minutes, elderId: s.elder.id, day: s.day } });
  return out;
}

/**
 * Redeem, gift or donate hours from an account: by the volunteer holding it, or a community worker for a member
 * without a phone. Redemption is for the holder or their spouse when eligible by rule (60 or over and needing care);
 * gifts go to a direct relative (an elder of the registry, within the scope); donations to the scope's pool. Never for
 * cash or goods: there is no such kind.
 */
export async function transferHours({ ctx, input }: { ctx: Ctx; input: z.input<typeof TimebankTransferInput> }) {
  const v = TimebankTransferInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const account = await accountForActor(ctx, tx, v.accountId);
    const rules = await timebankRules(ctx, account.regionCode, tx);
    const scope = account.regionCode.slice(0, rules.scopeDigits);
    const today = shanghaiDate();
    const from = account.id;
    if (v.kind === "donate") {
      const out = await post(ctx, tx, { op: { kind: "donate", account: from, minutes: v.minutes }, accounts: { [from]: from, [POOL]: await openAccount(tx, { pool: scope }) }, rules, regionCode: account.regionCode, day: today, detail: {} });
      await recordAudit(tx, ctx, { action: "timebank.donate", targetType: "timebank_account", targetId: from, regionCode: account.regionCode, detail: { minutes: v.minutes } });
      return out;
    }
    if (v.kind === "gift") {
      if (account.holderKind !== "volunteer") throw new InvalidStateError("只有志愿者本人的时间可以赠与");
      const [to] = await tx.select().from(elders).where(eq(elders.id, v.toElderId));
      if (!to || !to.regionCode.startsWith(scope)) throw new ValidationError("受赠老人不在本区时间银行", [{ path: "toElderId", message: "受赠老人不存在或不在本区" }]);
      const toAccount = await openAccount(tx, { elderId: to.id, regionCode: to.regionCode });
      const out = await post(ctx, tx, { op: { kind: "gift", account: from, to: toAccount, minutes: v.minutes }, accounts: { [from]: from, [toAccount]: toAccount, [POOL]: await openAccount(tx, { pool: scope }) }, rules, regionCode: account.regionCode, day: today, detail: { toElderId: to.id, toElderName: to.name, relation: v.relation } });
      await recordAudit(tx, ctx, { action: "timebank.gift", targetType: "timebank_account", targetId: from, regionCode: account.regionCode, detail: { minutes: v.minutes, toElderId: to.id, relation: v.relation } });
      return out;
    }
    return redeemHours(ctx, tx, account, { minutes: v.minutes, beneficiaryElderId: v.beneficiaryElderId, relation: v.relation, description: v.description });
  });
}

/**
 * Spends an account's hours on a service for an eligible beneficiary (in the caller's transaction): 60 or over and
 * needing care by rule, within the scope; hours given to an elder are for that elder only.
 */
export async function redeemHours(ctx: Ctx, tx: Tx, account: AccountRow, r: { minutes: number; beneficiaryElderId: string; relation: "self" | "spouse"; description: string; requestId?: string; order?: { id: string; providerName: string } }) {
  const rules = await timebankRules(ctx, account.regionCode, tx);
  const scope = account.regionCode.slice(0, rules.scopeDigits);
  const today = shanghaiDate();
  const [who] = await tx.select().from(elders).where(eq(elders.id, r.beneficiaryElderId));
  if (!who || !who.regionCode.startsWith(scope)) throw new ValidationError("受益老人不在本区时间银行", [{ path: "beneficiaryElderId", message: "受益老人不存在或不在本区" }]);
  if (account.holderKind === "elder" && (account.elderId !== who.id || r.relation !== "self")) throw new ValidationError("受赠的时间只能为本人兑换", [{ path: "beneficiaryElderId", message: "受赠的时间只能为本人兑换" }]);
  const { "timebank.redeemMinAge": minAge, "timebank.redeemMinAbilityLevel": minLevel } = await rulesFor(ctx, who.regionCode, ["timebank.redeemMinAge", "timebank.redeemMinAbilityLevel"], tx);
  if (ageOn(who.birthDate, today) < minAge || (who.abilityLevel ?? 0) < minLevel) {
    throw new ValidationError(`兑换服务须年满${minAge}周岁且需要照护（能力等级${minLevel}级及以上）`, [{ path: "beneficiaryElderId", message: "受益人暂不符合兑换条件" }]);
  }
  const out = await post(ctx, tx, { op: { kind: "redeem", account: account.id, minutes: r.minutes }, accounts: { [account.id]: account.id }, rules, regionCode: account.regionCode, day: today, detail: { beneficiaryElderId: who.id, beneficiaryName: who.name, relation: r.relation, description: r.description, requestId: r.requestId ?? null, ...(r.order ? { orderId: r.order.id, providerName: r.order.providerName } : {}) } });
  await recordAudit(tx, ctx, { action: "timebank.redeem", targetType: "timebank_account", targetId: account.id, regionCode: account.regionCode, detail: { minutes: r.minutes, beneficiaryElderId: who.id } });
  return out;
}

/**
 * Pays for a provider's listed service with hours, in the placement's transaction: where the elder's region allows
 * it, from an account the actor may use (the elder's own gifted hours; a volunteer's, placed by a community worker, for
 * the volunteer or their spouse), for an eligible beneficiary — the order's elder. Answers the redemption's operation.
 */
export async function redeemForOrder(ctx: Ctx, tx: Tx, r: { accountId: string; relation: "self" | "spouse"; elder: { id: string; regionCode: string }; minutes: number; description: string; order: { id: string; providerName: string } }) {
  if (!(await ruleFor(ctx, r.elder.regionCode, "timebank.providerServices", tx))) {
    throw new ValidationError("本区时间银行暂不能兑换服务商的服务", [{ path: "timebank", message: "本区时间银行暂不能兑换服务商的服务" }]);
  }
  const account = await accountForActor(ctx, tx, r.accountId);
  const out = await redeemHours(ctx, tx, account, { minutes: r.minutes, beneficiaryElderId: r.elder.id, relation: account.holderKind === "elder" ? "self" : r.relation, description: r.description, order: r.order });
  return { opId: out.opId, accountId: account.id };
}

/** Gives back the hours an order was paid with (the service was called off), in the order's transaction. */
export async function refundOrderHours(ctx: Ctx, tx: Tx, o: { id: string; orderNo: string; timebankAccountId: string; timebankMinutes: number; reason: string }): Promise<string> {
  const [account] = await tx.select().from(timebankAccounts).where(eq(timebankAccounts.id, o.timebankAccountId));
  const rules = await timebankRules(ctx, account!.regionCode, tx);
  const pool = await openAccount(tx, { pool: account!.regionCode.slice(0, rules.scopeDigits) });
  const out = await post(ctx, tx, { op: { kind: "refund", account: account!.id, minutes: o.timebankMinutes }, accounts: { [account!.id]: account!.id, [POOL]: pool }, rules, regionCode: account!.regionCode, day: shanghaiDate(), detail: { orderId: o.id, orderNo: o.orderNo, reason: o.reason } });
  await recordAudit(tx, ctx, { action: "timebank.refund", targetType: "timebank_account", targetId: account!.id, regionCode: account!.regionCode, detail: { minutes: o.timebankMinutes, orderId: o.id } });
  return out.opId;
}

/** The account an actor may use: a volunteer their own; an elder or family the elder's; staff any in their region. */
async function accountForActor(ctx: Ctx, tx: Tx, id: string): Promise<AccountRow> {
  if (!isUuid(id)) throw new NotFoundError("账户不存在");
  const [a] = await tx.select().from(timebankAccounts).where(eq(timebankAccounts.id, id));
  if (!a || a.holderKind === "pool") throw new NotFoundError("账户不存在");
  if (ctx.actor.permissions.has("timebank:manage") && a.regionCode.startsWith(ctx.actor.regionCode)) return a;
  if (a.volunteerId) {
    const [v] = await tx.select({ userId: volunteers.userId }).from(volunteers).where(eq(volunteers.id, a.volunteerId));
    if (ctx.actor.role === "volunteer" && v?.userId === ctx.actor.id) return a;
  }
  if (a.elderId && ["elder", "family"].includes(ctx.actor.role)) {
    await elderForActor(ctx, a.elderId, { tx, lock: false });
    return a;
  }
  throw new NotFoundError("账户不存在");
}

/** An account's balance and entries, newest first (a statement): for its holder, their family, or staff of the region. */
export async function getAccount({ ctx, id, limit = 100 }: { ctx: Ctx; id: string; limit?: number }): Promise<TimebankAccountView> {
  return withTransaction(ctx, async (tx) => {
    const a = await accountForActor(ctx, tx, id);
    const [holder] = a.volunteerId
      ? await tx.select({ name: volunteers.name }).from(volunteers).where(eq(volunteers.id, a.volunteerId))
      : await tx.select({ name: elders.name }).from(elders).where(eq(elders.id, a.elderId!));
    const rows = await selectRows<{ id: string; minutes: number; reason: string; day: string; kind: string; detail: Record<string, unknown>; created_at: string }>(
      tx,
      sql`SELECT e.id, e.minutes, e.reason, e.day::text AS day, o.kind, o.detail, e.created_at FROM timebank_entries e JOIN timebank_ops o ON o.id = e.op_id
          WHERE e.account_id = ${a.id}::uuid ORDER BY e.id DESC LIMIT ${limit}`,
    );
    return {
      id: a.id,
      holderKind: a.holderKind as TimebankAccountView["holderKind"],
      holderName: holder?.name ?? null,
      volunteerId: a.volunteerId,
      elderId: a.elderId,
      balanceMinutes: a.balanceMinutes,
      entries: rows.map((r) => ({ id: Number(r.id), minutes: Number(r.minutes), reason: r.reason, kind: r.kind, day: r.day, detail: typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail, at: new Date(r.created_at).toISOString() })),
    };
  });
}

/** The account of a volunteer or an elder, if one has been opened (to find it by its holder). */
export async function findAccount({ ctx, volunteerId, elderId }: { ctx: Ctx; volunteerId?: string; elderId?: string }) {
  if (!volunteerId && !elderId) throw new ValidationError("请给出 volunteerId 或 elderId", [{ path: "volunteerId", message: "请给出志愿者或老人" }]);
  const id = volunteerId ?? elderId!;
  if (!isUuid(id)) throw new NotFoundError("账户不存在");
  const [a] = await ctx.database.db.select({ id: timebankAccounts.id }).from(timebankAccounts).where(volunteerId ? eq(timebankAccounts.volunteerId, id) : eq(timebankAccounts.elderId, id));
  if (!a) throw new NotFoundError("账户不存在");
  return getAccount({ ctx, id: a.id });
}


/**
 * Hours past their expiry go to the pool, where a region's rule says they expire (`timebank.expiryMonths`, 0: never —
 * the default). Spending takes the oldest hours first, so what has expired is whatever the balance holds beyond the
 * hours received (deposited, gifted, refunded) within the window. Each account in its own transaction, recomputed under
 * its lock: running again, or on two servers at once, expires nothing twice. Answers the accounts and minutes expired.
 */
export async function expireHours(baseCtx: Ctx, today = shanghaiDate()): Promise<{ accounts: number; minutes: number }> {
  const ctx: Ctx = { ...baseCtx, actor: SYSTEM_ACTOR };
  const months = await ruleResolver(ctx, "timebank.expiryMonths");
  const configured = await ctx.database.db
    .selectDistinct({ regionCode: regionRules.regionCode })
    .from(regionRules)
    .where(and(eq(regionRules.key, "timebank.expiryMonths"), lte(regionRules.effectiveFrom, today)));
  const prefixes = configured.map((r) => r.regionCode).filter((code) => months(code) > 0);
  if (prefixes.length === 0 && RULE_DEFAULTS["timebank.expiryMonths"] === 0) return { accounts: 0, minutes: 0 };
  const candidates = await selectRows<{ id: string; region_code: string }>(
    ctx.database.db,
    sql`SELECT id, region_code FROM timebank_accounts WHERE holder_kind <> 'pool' AND balance_minutes > 0
          ${RULE_DEFAULTS["timebank.expiryMonths"] === 0 ? sql`AND region_code LIKE ANY(${sql.param(prefixes.map((p) => `${p}%`))}::text[])` : sql``}`,
  );
  let accounts = 0;
  let minutes = 0;
  for (const c of candidates) {
    const n = months(c.region_code);
    if (n <= 0) continue;
    const since = addMonths(today, -n);
    const expired = await withTransaction(ctx, async (tx) => {
      const [a] = await tx.select().from(timebankAccounts).where(eq(timebankAccounts.id, c.id)).for("update");
      const [{ recent }] = (await selectRows<{ recent: string | null }>(
        tx,
        sql`SELECT COALESCE(sum(minutes), 0) AS recent FROM timebank_entries WHERE account_id = ${c.id}::uuid AND minutes > 0 AND reason IN ('deposit', 'gift', 'refund') AND day >= ${since}::date`,
      )) as [{ recent: string | null }];
      const rules = await timebankRules(ctx, a!.regionCode, tx);
      const over = a!.balanceMinutes - Number(recent ?? 0);
      const amount = over - (over % rules.granularityMinutes);
      if (amount <= 0) return 0;
      const pool = await openAccount(tx, { pool: a!.regionCode.slice(0, rules.scopeDigits) });
      await post(ctx, tx, { op: { kind: "expire", account: a!.id, minutes: amount }, accounts: { [a!.id]: a!.id, [POOL]: pool }, rules, regionCode: a!.regionCode, day: today, detail: { months: n, receivedSince: since } });
      await recordAudit(tx, ctx, { action: "timebank.expire", targetType: "timebank_account", targetId: a!.id, regionCode: a!.regionCode, detail: { minutes: amount, months: n } });
      return amount;
    });
    if (expired > 0) {
      accounts++;
      minutes += expired;
    }
  }
  return { accounts, minutes };
}
