import { elders, selectRows, walletEntries } from "@carecircle/db";
import { type Ctx, actorOf, debitWallet, Secrets, startSubsidyRun, createSubsidyRule, activateSubsidyRule } from "@carecircle/domain";
import { users } from "@carecircle/db";
import { ECONOMIC_STATUSES, LIVING_SITUATIONS, shanghaiDate } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTemplate } from "../../../test/harness.ts";
import { TEST_SECRET } from "../../../test/template.ts";
import type { Database } from "@carecircle/db";

// Properties of the ledger and the run, checked against a real database (PGlite and PostgreSQL).
let database: Database;
let ctx: Ctx;
let elderIds: string[];
beforeAll(async () => {
  database = await cloneTemplate();
  const [district] = await database.db.select().from(users).where(eq(users.username, "district"));
  ctx = { database, secrets: new Secrets(TEST_SECRET), actor: actorOf(district!) };
  elderIds = (await database.db.select({ id: elders.id }).from(elders).limit(40)).map((e) => e.id);
});
afterAll(() => database?.close());

const sumOf = async (elderId: string) =>
  Number((await selectRows<{ s: string }>(database.db, sql`SELECT COALESCE(sum(amount), 0) AS s FROM wallet_entries WHERE elder_id = ${elderId}::uuid AND unit = 'fen'`))[0]!.s);

describe("the wallet ledger", () => {
  it("property: under concurrent debits of any sizes the balance equals the sum of entries and never goes below zero", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5000 }), fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), async (credit, debits) => {
        const elderId = elderIds[round++ % elderIds.length]!;
        const before = await sumOf(elderId);
        if (credit > 0) await database.db.insert(walletEntries).values({ elderId, unit: "fen", kind: "credit", amount: credit, note: "测试入账" });
        const results = await Promise.allSettled(debits.map((amount) => database.db.transaction((tx) => debitWallet(tx, { elderId, unit: "fen", amount, allowPartial: round % 2 === 0 }))));
        const taken = results.reduce((s, r) => s + (r.status === "fulfilled" ? r.value : 0), 0);
        const after = await sumOf(elderId);
        expect(after).toBe(before + credit - taken);
        expect(after).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe("the monthly run", () => {
  it("property: for any rule, running the same month again creates nothing", async () => {
    const month = shanghaiDate().slice(0, 7);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          minAge: fc.option(fc.integer({ min: 60, max: 95 }), { nil: undefined }),
          economicStatuses: fc.option(fc.subarray([...ECONOMIC_STATUSES], { minLength: 1 }), { nil: undefined }),
          livingSituations: fc.option(fc.subarray([...LIVING_SITUATIONS], { minLength: 1 }), { nil: undefined }),
          specialDifficulty: fc.option(fc.boolean(), { nil: undefined }),
        }),
        fc.constantFrom("monthly", "yearly", "once"),
        fc.constantFrom("cash", "wallet", "hours"),
        async (conditions, frequency, kind) => {
          const cleaned = Object.fromEntries(Object.entries(conditions).filter(([, v]) => v !== undefined));
          const rule = await createSubsidyRule({
            ctx,
            input: { regionCode: "500107", code: `prop-${n++}`, name: "属性测试规则", conditions: cleaned, benefit: kind === "hours" ? { kind, minutes: 60 } : { kind, amountFen: 1000 }, frequency, budgetLine: "测试", effectiveFrom: `${month}-01` },
          });
          await activateSubsidyRule({ ctx, id: rule.id });
          const first = await startSubsidyRun({ ctx, input: { month }, wait: true });
          expect(first.status).toBe("done");
          const count = async () => (await selectRows<{ e: string; w: string }>(database.db, sql`SELECT (SELECT count(*) FROM entitlements) AS e, (SELECT count(*) FROM wallet_entries) AS w`))[0]!;
          const before = await count();
          const again = await startSubsidyRun({ ctx, input: { month }, wait: true });
          expect(again.status).toBe("done");
          expect(await count()).toEqual(before);
        },
      ),
      { numRuns: 6 },
    );
  });
});
