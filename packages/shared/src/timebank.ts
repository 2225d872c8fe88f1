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
import { z } from "zod";

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
  | { kind: "expire"; account: string; minutes: number }
  /** A redemption given back (the provider's service it paid for was called off): the hours return to the account. */
  | { kind: "refund"; account: string; minutes: number };

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
    case "refund": {
      // the cap holds here too: what would go over it goes to the pool
      const room = rules.capMinutes === null ? op.minutes : Math.max(0, rules.capMinutes - view.balance(op.account));
      const kept = Math.min(op.minutes, room);
      return [
        { account: REDEEMED, minutes: -op.minutes, reason: "refund" },
        ...(kept > 0 ? [{ account: op.account, minutes: kept, reason: "refund" }] : []),
        ...(op.minutes > kept ? [{ account: POOL, minutes: op.minutes - kept, reason: "cap" }] : []),
      ];
    }
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

// ── API inputs ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Direct relatives hours may be given to. */
export const TIMEBANK_RELATIONS = ["spouse", "parent", "child", "grandparent", "grandchild", "sibling"] as const;
export type TimebankRelation = (typeof TIMEBANK_RELATIONS)[number];

export const RegisterVolunteerInput = z
  .object({
    name: z.string().trim().min(1, "姓名不能为空").max(50),
    idNumber: z.string().trim().min(1, "身份证号不能为空").max(30),
    phone: z.string().trim().max(20).optional(),
    /** The community (12-digit code) the volunteer lives in. */
    regionCode: z.string().regex(/^\d{12}$/, "请选择所在社区"),
    team: z.string().trim().max(50).optional(),
    skills: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
    /** The volunteer's own account (role volunteer, same region), to use the app. */
    username: z.string().trim().max(50).optional(),
    /** Where the volunteer lives (GCJ-02), both or neither: the alarm console lists volunteers near an elder in need. */
    lat: z.number({ error: "纬度应为数字" }).min(-90, "纬度应在 -90 到 90 之间").max(90, "纬度应在 -90 到 90 之间").optional(),
    lng: z.number({ error: "经度应为数字" }).min(-180, "经度应在 -180 到 180 之间").max(180, "经度应在 -180 到 180 之间").optional(),
  })
  .strict()
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { path: ["lng"], message: "住址坐标须同时填写纬度和经度" });

/** Changes to a volunteer's record by the time bank's staff (`PATCH /api/v1/volunteers/{id}`); null clears a field. */
export const UpdateVolunteerInput = z
  .object({
    phone: z.string().trim().max(20).nullable().optional(),
    team: z.string().trim().max(50).nullable().optional(),
    skills: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
    lat: z.number({ error: "纬度应为数字" }).min(-90, "纬度应在 -90 到 90 之间").max(90, "纬度应在 -90 到 90 之间").nullable().optional(),
    lng: z.number({ error: "经度应为数字" }).min(-180, "经度应在 -180 到 180 之间").max(180, "经度应在 -180 到 180 之间").nullable().optional(),
  })
  .strict()
  // both sent or neither, and both numbers or both null
  .refine((v) => v.lat === v.lng || (typeof v.lat === "number" && typeof v.lng === "number"), { path: ["lng"], message: "住址坐标须同时填写（或同时清除）纬度和经度" })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "没有要修改的内容" });

const minutes = z.number({ error: "时长应为分钟数" }).int("时长应为整数分钟").positive("时长应为正数").max(24 * 60, "一次最多 24 小时");
const day = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });

/** A service a volunteer gave an elder, confirmed by the elder, the family or a community worker: its hours are deposited. */
export const TimebankServiceInput = z
  .object({
    volunteerId: z.uuid({ error: "志愿者编号无效" }),
    elderId: z.uuid({ error: "老人编号无效" }),
    day,
    minutes,
    description: z.string().trim().min(1, "请写明服务内容").max(200),
    checkInAt: z.iso.datetime({ offset: true }).optional(),
    checkOutAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const TimebankTransferInput = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("redeem"),
        accountId: z.uuid({ error: "账户编号无效" }),
        minutes,
        /** Who receives the service: the holder, or (for a volunteer) their spouse — an elder of the registry. */
        beneficiaryElderId: z.uuid({ error: "受益老人编号无效" }),
        relation: z.enum(["self", "spouse"], { error: "受益人应为本人或配偶" }),
        description: z.string().trim().min(1, "请写明兑换的服务").max(200),
      })
      .strict(),
    z
      .object({
        kind: z.literal("gift"),
        accountId: z.uuid({ error: "账户编号无效" }),
        minutes,
        /** The relative, an elder of the registry (their account is opened if need be). */
        toElderId: z.uuid({ error: "受赠老人编号无效" }),
        relation: z.enum(TIMEBANK_RELATIONS, { error: "只能赠与直系亲属或配偶" }),
      })
      .strict(),
    z.object({ kind: z.literal("donate"), accountId: z.uuid({ error: "账户编号无效" }), minutes }).strict(),
  ],
  { error: "操作应为 redeem、gift 或 donate" },
);

// ── Requests: posted, taken, served, confirmed ────────────────────────────────────────────────────────────────────

export const TIMEBANK_REQUEST_STATUSES = ["open", "taken", "checked_in", "checked_out", "confirmed", "cancelled"] as const;
export type TimebankRequestStatus = (typeof TIMEBANK_REQUEST_STATUSES)[number];
export type TimebankRequestParty = "client" | "volunteer";

/** The request's state machine: each action, the states it leaves from, where it goes, and who may take it. */
export const TIMEBANK_REQUEST_TRANSITIONS = {
  take: { from: ["open"], to: "taken", by: ["volunteer"] },
  release: { from: ["taken"], to: "open", by: ["volunteer"] },
  check_in: { from: ["taken"], to: "checked_in", by: ["volunteer"] },
  check_out: { from: ["checked_in"], to: "checked_out", by: ["volunteer"] },
  confirm: { from: ["checked_out"], to: "confirmed", by: ["client"] },
  cancel: { from: ["open", "taken"], to: "cancelled", by: ["client"] },
} as const satisfies Record<string, { from: readonly TimebankRequestStatus[]; to: TimebankRequestStatus; by: readonly TimebankRequestParty[] }>;
export type TimebankRequestAction = keyof typeof TIMEBANK_REQUEST_TRANSITIONS;

export const TimebankRequestInput = z
  .object({
    elderId: z.uuid({ error: "老人编号无效" }),
    description: z.string().trim().min(1, "请写明需要的帮助").max(200),
    day: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }),
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM")
      .optional(),
    minutes: z.number().int().min(15, "至少 15 分钟").max(8 * 60, "一次最多 8 小时"),
  })
  .strict();

export const TimebankRequestActionInput = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("take") }).strict(),
    z.object({ action: z.literal("release") }).strict(),
    z
      .object({
        action: z.literal("check_in"),
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        /** The phone's GPS gives WGS-84 (the default). */
        datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
      })
      .strict(),
    z.object({ action: z.literal("check_out") }).strict(),
    z
      .object({
        action: z.literal("confirm"),
        /** Pay with the elder's own hours (gifted to her, or earned), when she is eligible to redeem. */
        redeem: z.boolean().default(false),
      })
      .strict(),
    z.object({ action: z.literal("cancel") }).strict(),
  ],
  { error: "操作无效" },
);

/** Minutes served between check-in and check-out, down to the rule's granularity (at least one unit once served). */
export function servedMinutes(checkIn: Date, checkOut: Date, granularity: number): number {
  const raw = Math.max(0, Math.floor((checkOut.getTime() - checkIn.getTime()) / 60_000));
  return Math.max(granularity, Math.floor(raw / granularity) * granularity);
}

// ── Views (what the API answers; the apps read these types) ───────────────────────────────────────────────────────

export interface TimebankEntryView {
  id: number;
  minutes: number;
  /** deposit, cap, redeem, gift, donate, expire */
  reason: string;
  kind: string;
  day: string;
  detail: Record<string, unknown>;
  at: string;
}

export interface TimebankAccountView {
  id: string;
  holderKind: "volunteer" | "elder";
  holderName: string | null;
  volunteerId: string | null;
  elderId: string | null;
  balanceMinutes: number;
  entries: TimebankEntryView[];
}

/** A request for a volunteer's help as the server shows it to the signed-in user, with the actions open to them. */
export interface TimebankRequestView {
  id: string;
  elderId: string;
  elderName: string | null;
  /** Shown to a volunteer only once they have taken the request. */
  address: string | null;
  regionCode: string;
  description: string;
  day: string;
  startTime: string | null;
  minutes: number;
  status: TimebankRequestStatus;
  volunteerId: string | null;
  volunteerName: string | null;
  checkInAt: string | null;
  checkOutAt: string | null;
  servedMinutes: number | null;
  confirmedBy: string | null;
  actions: TimebankRequestAction[];
}

/** Minutes as hours without trailing zeros: 90 → "1.5". */
export const minutesAsHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
