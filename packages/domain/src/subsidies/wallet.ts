import { selectRows, type Tx, walletEntries, wallets } from "@carecircle/db";
import { hoursText, yuanText } from "@carecircle/shared";
import { desc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { elderForActor } from "../elders/access.ts";

export type WalletUnit = "fen" | "minute";

export interface Balances {
  fen: number;
  minutes: number;
}

/** The balance is derived: the sum of the ledger's entries, per unit. */
export async function walletBalances(db: Pick<Tx, "execute">, elderId: string): Promise<Balances> {
  const rows = await selectRows<{ unit: string; total: string }>(db, sql`SELECT unit, COALESCE(sum(amount), 0) AS total FROM wallet_entries WHERE elder_id = ${elderId}::uuid GROUP BY unit`);
  return { fen: Number(rows.find((r) => r.unit === "fen")?.total ?? 0), minutes: Number(rows.find((r) => r.unit === "minute")?.total ?? 0) };
}

/**
 * Takes money or service time from the wallet inside the caller's transaction (an order's settlement). The elder's
 * wallet row is locked first, so concurrent debits queue and none can take the balance below zero. With
 * `allowPartial` it takes what there is (the rest is the elder's co-pay) and returns how much it took.
 */
export async function debitWallet(
  tx: Tx,
  d: { elderId: string; unit: WalletUnit; amount: number; orderId?: string; actorId?: string | null; note?: string; allowPartial?: boolean },
): Promise<number> {
  if (!Number.isInteger(d.amount) || d.amount <= 0) throw new ValidationError("扣减金额须为正整数");
  await tx.insert(wallets).values({ elderId: d.elderId }).onConflictDoNothing();
  await tx.select().from(wallets).where(eq(wallets.elderId, d.elderId)).for("update");
  const balance = (await walletBalances(tx, d.elderId))[d.unit === "fen" ? "fen" : "minutes"];
  const take = Math.min(balance, d.amount);
  if (take < d.amount && !d.allowPartial) throw new InvalidStateError("服务补贴账户余额不足");
  if (take <= 0) return 0;
  await tx.insert(walletEntries).values({ elderId: d.elderId, unit: d.unit, kind: "debit", amount: -take, orderId: d.orderId ?? null, actorId: d.actorId ?? null, note: d.note ?? null });
  return take;
}

const KIND_TEXT: Record<string, string> = { credit: "入账", backpay: "补发", debit: "消费", expiry: "到期清零" };

function describe(e: typeof walletEntries.$inferSelect): string {
  const amount = e.unit === "fen" ? `${yuanText(Math.abs(e.amount))} 元` : `${hoursText(Math.abs(e.amount))} 小时服务`;
  const what = e.note ? `${e.note}` : "";
  const when = e.month ? (e.month.length === 7 ? `${e.month.slice(0, 4)}年${Number(e.month.slice(5))}月` : `${e.month}年`) : "";
  const expiry = e.expiresAt && e.amount > 0 ? `，${e.expiresAt} 前有效` : "";
  return `${when}${what}${KIND_TEXT[e.kind] ?? e.kind} ${e.amount < 0 ? "−" : "+"}${amount}${expiry}`;
}

/** The wallet in plain words: balances and entries, newest first. Staff in the region, or a bound family member, may see it. */
export async function getWallet({ ctx, elderId }: { ctx: Ctx; elderId: string }) {
  if (!["elder", "family"].includes(ctx.actor.role) && !ctx.actor.permissions.has("elder:read") && !ctx.actor.permissions.has("subsidy:read")) throw new NotFoundError("老人档案不存在");
  await elderForActor(ctx, elderId, { staffPermission: "subsidy:read" });
  const balances = await walletBalances(ctx.database.db, elderId);
  const entries = await ctx.database.db.select().from(walletEntries).where(eq(walletEntries.elderId, elderId)).orderBy(desc(walletEntries.id)).limit(200);
  return {
    elderId,
    balanceFen: balances.fen,
    balanceMinutes: balances.minutes,
    summary: `服务补贴余额 ${yuanText(balances.fen)} 元，免费服务时长 ${hoursText(balances.minutes)} 小时`,
    entries: entries.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      kind: e.kind,
      unit: e.unit,
      amount: e.amount,
      month: e.month,
      expiresAt: e.expiresAt,
      text: describe(e),
    })),
  };
}
