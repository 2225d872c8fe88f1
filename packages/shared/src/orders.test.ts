import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidCreditCode, creditCodeProblem } from "./credit-code.ts";
import {
  billable,
  billableFound,
  nextOrderStatus,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderParty,
  type OrderStatus,
  splitPayment,
  TERMINAL_STATUSES,
  TransitionInput,
} from "./orders.ts";

const PARTIES: OrderParty[] = ["client", "provider", "worker", "bureau", "system"];

describe("the order state machine", () => {
  it("refuses every action from every state it does not list, and every party it does not name", () => {
    for (const status of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        for (const party of PARTIES) {
          const t = ORDER_TRANSITIONS[action];
          const r = nextOrderStatus(status, action, [party]);
          if (!t.by.includes(party)) expect(r).toMatchObject({ kind: "party" });
          else if (!t.from.includes(status)) expect(r).toMatchObject({ kind: "state" });
          else expect(r).toBe(t.to);
        }
      }
    }
  });

  it("ends nothing from a terminal state, and the settled order is the only paid end", () => {
    for (const status of TERMINAL_STATUSES) {
      for (const action of ORDER_ACTIONS) expect(typeof nextOrderStatus(status, action, PARTIES)).toBe("object");
    }
  });

  it("any sequence of actions by anyone leaves the order in a legal state reached only by listed moves", () => {
    const step = fc.record({ action: fc.constantFrom(...ORDER_ACTIONS), parties: fc.subarray(PARTIES, { minLength: 1 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let status: OrderStatus = "placed";
        const seen: OrderStatus[] = [status];
        for (const s of steps) {
          const r = nextOrderStatus(status, s.action, s.parties);
          if (typeof r === "string") {
            expect(ORDER_TRANSITIONS[s.action].from).toContain(status);
            status = r;
            seen.push(status);
          }
          expect(ORDER_STATUSES).toContain(status);
        }
        // money is only settled after a confirmation, and a confirmation only after a check-out
        const settled = seen.indexOf("settled");
        if (settled >= 0) expect(seen.slice(0, settled)).toContain("confirmed");
        const confirmed = seen.indexOf("confirmed");
        if (confirmed >= 0) expect(seen.slice(0, confirmed).some((s) => s === "checked_out" || s === "disputed")).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("the elder can cancel before check-in, not after", () => {
    for (const s of ["placed", "accepted", "assigned", "on_the_way"] as const) expect(nextOrderStatus(s, "cancel", ["client"])).toBe("cancelled");
    for (const s of ["checked_in", "checked_out", "confirmed", "settled"] as const) expect(nextOrderStatus(s, "cancel", ["client"])).toMatchObject({ kind: "state" });
  });

  it("validates each action's fields in Chinese", () => {
    expect(TransitionInput.safeParse({ action: "reject" }).success).toBe(false);
    expect(TransitionInput.safeParse({ action: "check_in", lat: 29.5 }).success).toBe(false);
    expect(TransitionInput.safeParse({ action: "fly" }).success).toBe(false);
    expect(TransitionInput.safeParse({ action: "check_in", lat: 29.5, lng: 106.5, photo: "data:image/gif;base64,AAAA" }).success).toBe(false);
    expect(TransitionInput.safeParse({ action: "settle", method: "cash" }).success).toBe(true);
  });
});

describe("pricing", () => {
  it("bills per visit once, per hour the booked hours and every started hour beyond, per day likewise", () => {
    expect(billable("visit", 90, 200)).toEqual({ units: 1, billableMinutes: 90 });
    expect(billable("hour", 120, 30)).toEqual({ units: 2, billableMinutes: 120 });
    expect(billable("hour", 120, 120)).toEqual({ units: 2, billableMinutes: 120 });
    expect(billable("hour", 120, 121)).toEqual({ units: 3, billableMinutes: 180 });
    expect(billable("hour", 90, 61)).toEqual({ units: 2, billableMinutes: 120 });
    expect(billable("day", 480, 600)).toEqual({ units: 1, billableMinutes: 1440 });
    expect(billable("day", 480, 1441)).toEqual({ units: 2, billableMinutes: 2880 });
  });

  it("splits a price over free minutes, wallet money and co-pay: never more than the wallet holds or the price asks, always adding up", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(),
        fc.boolean(),
        (priceFen, billableMinutes, minutesBalance, fenBalance, minutesAllowed, fenAllowed) => {
          const s = splitPayment({ priceFen, billableMinutes, minutesBalance, fenBalance, minutesAllowed, fenAllowed });
          expect(s.minutesFen + s.walletFen + s.copayFen).toBe(priceFen);
          for (const v of [s.walletMinutes, s.minutesFen, s.walletFen, s.copayFen]) expect(v).toBeGreaterThanOrEqual(0);
          expect(s.walletMinutes).toBeLessThanOrEqual(Math.min(minutesBalance, billableMinutes));
          expect(s.walletFen).toBeLessThanOrEqual(fenBalance);
          if (!minutesAllowed) expect(s.walletMinutes).toBe(0);
          if (!fenAllowed) expect(s.walletFen).toBe(0);
          // the wallet is used before the elder pays
          if (s.copayFen > 0 && fenAllowed) expect(s.walletFen).toBe(fenBalance);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("values free minutes pro rata and covers the whole price when they cover the whole time", () => {
    expect(splitPayment({ priceFen: 8000, billableMinutes: 120, minutesBalance: 120, fenBalance: 0, minutesAllowed: true, fenAllowed: true })).toMatchObject({ walletMinutes: 120, minutesFen: 8000, copayFen: 0 });
    expect(splitPayment({ priceFen: 8000, billableMinutes: 120, minutesBalance: 30, fenBalance: 1000, minutesAllowed: true, fenAllowed: true })).toMatchObject({ walletMinutes: 30, minutesFen: 2000, walletFen: 1000, copayFen: 5000 });
  });
});

describe("unified social credit codes (GB 32100-2015)", () => {
  it("accepts valid codes and names what is wrong with others", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("91350100m000100y43")).toBe(true);
    expect(creditCodeProblem("91350100M000100Y44")).toContain("校验位");
    expect(creditCodeProblem("91350100M000100Y4")).toContain("18位");
    expect(creditCodeProblem("91350100M000100I43")).toContain("无效字符");
  });
});

describe("billing what the bureau finds", () => {
  it("bills exactly the time found, per started unit, with no booked minimum", () => {
    expect(billableFound("hour", 120, 0)).toEqual({ units: 0, billableMinutes: 0 });
    expect(billableFound("hour", 120, 30)).toEqual({ units: 1, billableMinutes: 60 });
    expect(billableFound("hour", 120, 121)).toEqual({ units: 3, billableMinutes: 180 });
    expect(billableFound("visit", 90, 0)).toEqual({ units: 0, billableMinutes: 0 });
    expect(billableFound("visit", 90, 10)).toEqual({ units: 1, billableMinutes: 90 });
    expect(billableFound("day", 480, 1500)).toEqual({ units: 2, billableMinutes: 2880 });
  });
});
