import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ISSUED, MemoryLedger, POOL, REDEEMED, type TimebankOp, TimebankRefusal, type TimebankRules } from "./timebank.ts";

const PEOPLE = ["a", "b", "c", "d"];
const DAYS = ["2026-11-23", "2026-11-24", "2026-11-25"];
const person = fc.constantFrom(...PEOPLE);
const amount = fc.integer({ min: -1, max: 12 }).map((n) => n * 30 + (n === 5 ? 7 : 0)); // some bad amounts on purpose
const op: fc.Arbitrary<TimebankOp> = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), account: person, minutes: amount, day: fc.constantFrom(...DAYS) }),
  fc.record({ kind: fc.constant("redeem" as const), account: person, minutes: amount }),
  fc.record({ kind: fc.constant("gift" as const), account: person, to: person, minutes: amount }),
  fc.record({ kind: fc.constant("donate" as const), account: person, minutes: amount }),
  fc.record({ kind: fc.constant("pool_redeem" as const), minutes: amount }),
  fc.record({ kind: fc.constant("expire" as const), account: person, minutes: amount }),
  fc.record({ kind: fc.constant("refund" as const), account: person, minutes: amount }),
);
const rules: fc.Arbitrary<TimebankRules> = fc.record({
  granularityMinutes: fc.constantFrom(15, 30, 60),
  capMinutes: fc.option(fc.integer({ min: 1, max: 20 }).map((h) => h * 60), { nil: null }),
  dailyMaxMinutes: fc.option(fc.integer({ min: 1, max: 4 }).map((h) => h * 60), { nil: null }),
  expiryMonths: fc.constant(null),
});

describe("time bank ledger (property tests)", () => {
  it("under any sequence: no account below zero, every operation balanced, totals conserved, caps and daily maximums held", () => {
    fc.assert(
      fc.property(rules, fc.array(op, { maxLength: 80 }), (r, ops) => {
        const ledger = new MemoryLedger(r);
        let deposited = 0;
        let redeemed = 0;
        // a refund gives back what an account redeemed (an order called off): the domain never refunds more
        const spent = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === "refund" && (spent.get(o.account) ?? 0) < o.minutes) continue;
          const before = new Map([...PEOPLE, POOL].map((a) => [a, ledger.balance(a)]));
          let ps;
          try {
            ps = ledger.apply(o);
          } catch (e) {
            expect(e).toBeInstanceOf(TimebankRefusal);
            // a refusal changes nothing
            for (const [a, v] of before) expect(ledger.balance(a)).toBe(v);
            continue;
          }
          expect(ps.reduce((s, p) => s + p.minutes, 0)).toBe(0);
          if (o.kind === "deposit") deposited += o.minutes;
          if (o.kind === "redeem" || o.kind === "pool_redeem") redeemed += o.minutes;
          if (o.kind === "redeem") spent.set(o.account, (spent.get(o.account) ?? 0) + o.minutes);
          if (o.kind === "refund") {
            redeemed -= o.minutes;
            spent.set(o.account, spent.get(o.account)! - o.minutes);
          }
          for (const a of [...PEOPLE, POOL]) expect(ledger.balance(a)).toBeGreaterThanOrEqual(0);
          const held = [...PEOPLE, POOL].reduce((s, a) => s + ledger.balance(a), 0);
          expect(held).toBe(deposited - redeemed);
          expect(-ledger.balance(ISSUED)).toBe(deposited);
          expect(ledger.balance(REDEEMED)).toBe(redeemed);
          if (r.capMinutes !== null) for (const a of PEOPLE) if (before.get(a)! <= r.capMinutes) expect(ledger.balance(a)).toBeLessThanOrEqual(r.capMinutes);
          if (r.dailyMaxMinutes !== null) for (const a of PEOPLE) for (const d of DAYS) expect(ledger.depositedOn(a, d)).toBeLessThanOrEqual(r.dailyMaxMinutes);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("over the cap, the excess goes to the pool (Nanjing); beyond the day's maximum, the deposit is refused (Shanghai)", () => {
    const l = new MemoryLedger({ granularityMinutes: 30, capMinutes: 600, dailyMaxMinutes: 120, expiryMonths: null });
    for (const day of ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]) l.apply({ kind: "deposit", account: "a", minutes: 120, day });
    expect(l.balance("a")).toBe(600);
    expect(l.apply({ kind: "deposit", account: "a", minutes: 90, day: "2026-11-06" })).toEqual([
      { account: ISSUED, minutes: -90, reason: "deposit" },
      { account: POOL, minutes: 90, reason: "cap" },
    ]);
    expect(() => l.apply({ kind: "deposit", account: "a", minutes: 60, day: "2026-11-06" })).toThrow(/每天最多存入 2 小时/);
    expect(() => l.apply({ kind: "gift", account: "a", to: "a", minutes: 30 })).toThrow(TimebankRefusal);
    l.apply({ kind: "gift", account: "a", to: "mother", minutes: 120 });
    l.apply({ kind: "redeem", account: "mother", minutes: 60 });
    expect([l.balance("a"), l.balance("mother"), l.balance(POOL)]).toEqual([480, 60, 90]);
    expect(() => l.apply({ kind: "redeem", account: "mother", minutes: 90 })).toThrow(/余额不足/);
    expect(() => l.apply({ kind: "redeem", account: "mother", minutes: 45 })).toThrow(/30 分钟的整数倍/);
  });
});
