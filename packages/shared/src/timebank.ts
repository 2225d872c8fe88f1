/**
 * The volunteer time bank's ledger rules (issue 7, C12), as pure functions: which double-entry postings an operation
 * makes, given the balances it touches and the region's rules. Amounts are whole minutes (fractions of an hour down to
 * the rule's granularity); the database layer stores the postings append-only and applies them under row locks.
 *
 * Accounts: each person's account, the region's donation pool ("pool"), and two system accounts that are never
 * balances anyone holds: "issued" (where deposited hours come from) and "redeemed" (where spent hours go). Every
 * operation's postings sum to zero, so the sum over all personal accounts and the pool always equals everything ever
 * deposited minus everything redeemed. Hours never turn into cash or goods: there is no such operation.
 */

export interface TimebankRules {
  /** The smallest amount an operation may move, in minutes (30: half hours). */
  granularityMinutes: number;
  /** Hours above this stay out of an account: the excess goes to the pool (Nanjing: 1,500 h). null: no cap. */
  capMinutes: number | null;
  /** At most this much deposited to one account in one (Beijing) day (Shanghai Changning: 2 h). null: no limit. */
  dailyMaxMinutes: number | null;
  /** Deposits expire after this many months (moved to the pool). null: never. */
  expiryMonths: number | null;
}

export const DEFAULT_TIMEBANK_RULES: TimebankRules = { granularityMinutes: 30, capMinutes: 1500 * 60, dailyMaxMinutes: null, expiryMonths: null };

export const POOL = "pool";
export const ISSUED = "issued";
export const REDEEMED = "redeemed";

export type TimebankOp =
  /** A confirmed service: minutes earned by a volunteer on a day. */
  | { kind: "deposit"; account: string; minutes: number; day: string }
  /** Minutes spent on a service for the holder (or their spouse, or a relative who received a gift). */
  | { kind: "redeem"; account: string; minutes: number }
  /** To a direct relative's account. */
  | { kind: "gift"; account: string; to: string; minutes: number }
  /** To the region's donation pool. */
  | { kind: "donate"; account: string; minutes: number }
  /** The pool pays for a service for someone in need (the pool is redeemed). */
  | { kind: "pool_redeem"; minutes: number }
  /** Hours past their expiry go to the pool. */
  | { kind: "expire"; account: string; minutes: number };

export interface Posting {
  account: string;
  minutes: number;
  /** Why: deposit, cap (over the cap, to the pool), redeem, gift, donate, expire. */
  reason: string;
}

/** What the ledger needs to know to decide an operation: balances, and what each account has deposited per day. */
export interface LedgerView {
  balance(account: string): number;
  depositedOn(account: string, day: string): number;
}

export class TimebankRefusal extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/**
 * The postings an operation makes, or a refusal (a TimebankRefusal naming the field): amounts positive and in the
 * rule's granularity; no account below zero; deposits beyond the day's maximum refused, and the part above the cap
 * going to the pool; a gift to oneself refused.
 */
export function postingsFor(op: TimebankOp, view: LedgerView, rules: TimebankRules): Posting[] {
  if (!Number.isInteger(op.minutes) || op.minutes <= 0) throw new TimebankRefusal("时长应为正数", "minutes");
  if (op.minutes % rules.granularityMinutes !== 0) throw new TimebankRefusal(`时长须为 ${rules.granularityMinutes} 分钟的整数倍`, "minutes");
  const spend = (account: string) => {
    if (view.balance(account) < op.minutes) throw new TimebankRefusal("时间余额不足", "minutes");
  };
  switch (op.kind) {
    case "deposit": {
      if (rules.dailyMaxMinutes !== null && view.depositedOn(op.account, op.day) + op.minutes > rules.dailyMaxMinutes) {
        throw new TimebankRefusal(`每天最多存入 ${rules.dailyMaxMinutes / 60} 小时`, "minutes");
      }
      const room = rules.capMinutes === null ? op.minutes : Math.max(0, rules.capMinutes - view.balance(op.account));
      const kept = Math.min(op.minutes, room);
      const over = op.minutes - kept;
      return [
        { account: ISSUED, minutes: -op.minutes, reason: "deposit" },
        ...(kept > 0 ? [{ account: op.account, minutes: kept, reason: "deposit" }] : []),
        ...(over > 0 ? [{ account: POOL, minutes: over, reason: "cap" }] : []),
      ];
    }
    case "redeem":
      spend(op.account);
      return [
        { account: op.account, minutes: -op.minutes, reason: "redeem" },
        { account: REDEEMED, minutes: op.minutes, reason: "redeem" },
      ];
    case "gift": {
      if (op.to === op.account) throw new TimebankRefusal("不能赠与自己", "to");
      spend(op.account);
      // the relative's cap holds too: what would go over it goes to the pool
      const room = rules.capMinutes === null ? op.minutes : Math.max(0, rules.capMinutes - view.balance(op.to));
      const kept = Math.min(op.minutes, room);
      return [
        { account: op.account, minutes: -op.minutes, reason: "gift" },
        ...(kept > 0 ? [{ account: op.to, minutes: kept, reason: "gift" }] : []),
        ...(op.minutes > kept ? [{ account: POOL, minutes: op.minutes - kept, reason: "cap" }] : []),
      ];
    }
    case "donate":
      spend(op.account);
      return [
        { account: op.account, minutes: -op.minutes, reason: "donate" },
        { account: POOL, minutes: op.minutes, reason: "donate" },
      ];
    case "pool_redeem":
      if (view.balance(POOL) < op.minutes) throw new TimebankRefusal("公益池时间不足", "minutes");
      return [
        { account: POOL, minutes: -op.minutes, reason: "redeem" },
        { account: REDEEMED, minutes: op.minutes, reason: "redeem" },
      ];
    case "expire":
      spend(op.account);
      return [
        { account: op.account, minutes: -op.minutes, reason: "expire" },
        { account: POOL, minutes: op.minutes, reason: "expire" },
      ];
  }
}

/** An in-memory ledger over postingsFor (tests, and the statement of a member kept on paper). */
export class MemoryLedger implements LedgerView {
  readonly postings: (Posting & { day?: string })[] = [];
  private balances = new Map<string, number>();
  private daily = new Map<string, number>();
  constructor(readonly rules: TimebankRules) {}
  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }
  depositedOn(account: string, day: string): number {
    return this.daily.get(`${account}|${day}`) ?? 0;
  }
  apply(op: TimebankOp): Posting[] {
    const ps = postingsFor(op, this, this.rules);
    for (const p of ps) {
      this.balances.set(p.account, this.balance(p.account) + p.minutes);
      this.postings.push(op.kind === "deposit" ? { ...p, day: op.day } : p);
    }
    if (op.kind === "deposit") this.daily.set(`${op.account}|${op.day}`, this.depositedOn(op.account, op.day) + op.minutes);
    return ps;
  }
}
