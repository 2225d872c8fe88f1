import { shanghaiDate } from "@carecircle/shared";
import { debitWallet } from "@carecircle/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput, makeIdNumber } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let district: Client;
let street: Client;
const thisMonth = shanghaiDate().slice(0, 7);
const prevMonth = (() => {
  const [y, m] = thisMonth.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
})();

beforeAll(async () => {
  server = await startTestServer();
  district = await server.login("district");
  street = await server.login("street");
});
afterAll(() => server?.close());

const rules = async () => (await district.get("/api/v1/subsidy-rules")).body.items as { id: string; code: string; status: string }[];
const rule = async (code: string) => (await rules()).find((r) => r.code === code)!;
/** An 85-year-old on minimum living allowance, living alone: eligible for the allowance, the wallet credit and free hours. */
const eligibleElder = async (over: Record<string, unknown> = {}) =>
  (await district.post("/api/v1/elders", elderInput({ idNumber: makeIdNumber("19410105", "F"), economicStatus: "minimum_living", hukouType: "local", ...over }))).body.id as string;

describe("subsidy rules", () => {
  it("ships the demo district's rules and previews one: who qualifies, what it costs, a masked sample", async () => {
    const codes = (await rules()).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["age-allowance-80", "home-care-special", "free-hours-80", "family-care-bed", "provider-operating-disabled"]));
    const p = await district.post(`/api/v1/subsidy-rules/${(await rule("age-allowance-80")).id}/preview`, { month: thisMonth });
    expect(p.status).toBe(200);
    expect(p.body.eligible).toBeGreaterThan(0);
    expect(p.body.costFen).toBe(p.body.eligible * 10000);
    expect(p.body.sample[0].idNumber).toContain("****");
    expect(p.body.byStreet.reduce((s: number, r: { eligible: number }) => s + r.eligible, 0)).toBe(p.body.eligible);
  });

  it("creates a new version as a draft, and activating it retires the old one the day before", async () => {
    const v2 = await district.post("/api/v1/subsidy-rules", {
      regionCode: "500107", code: "age-allowance-80", name: "80周岁以上高龄津贴（提标）", conditions: { minAge: 80, hukouTypes: ["local"] },
      benefit: { kind: "cash", amountFen: 12000 }, frequency: "monthly", budgetLine: "高龄津贴", effectiveFrom: "2099-01-01",
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: "draft" });
    const act = await district.post(`/api/v1/subsidy-rules/${v2.body.id}/activate`);
    expect(act.status).toBe(200);
    const all = (await rules()).filter((r) => r.code === "age-allowance-80") as unknown as { version: number; status: string; effectiveTo: string | null }[];
    expect(all.find((r) => r.version === 1)).toMatchObject({ status: "retired", effectiveTo: "2098-12-31" });
    expect((await district.post(`/api/v1/subsidy-rules/${v2.body.id}/activate`)).status).toBe(409);
  });

  it.each([
    [{ benefit: { kind: "cash", amountFen: 0 } }, "benefit.amountFen"],
    [{ conditions: { minAge: 90, maxAge: 80 } }, "conditions.minAge"],
    [{ frequency: "weekly" }, "frequency"],
    [{ regionCode: "110105" }, "regionCode"],
    [{ conditions: { favouriteColour: "red" } }, "conditions"],
  ])("refuses a bad rule %j naming the field", async (over, path) => {
    const body = { regionCode: "500107", code: "bad-rule", name: "x", conditions: {}, benefit: { kind: "cash", amountFen: 100 }, frequency: "monthly", budgetLine: "x", effectiveFrom: "2026-01-01", ...over };
    const res = await district.post("/api/v1/subsidy-rules", body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).join(" ")).toContain(path);
  });

  it("only bureau managers change rules; a street user sees them but cannot run a month", async () => {
    expect((await street.get("/api/v1/subsidy-rules")).status).toBe(200);
    expect((await street.post("/api/v1/subsidy-runs", { month: thisMonth })).status).toBe(403);
    expect((await (await server.login("worker")).get("/api/v1/subsidy-rules")).status).toBe(403);
  });
});

describe("the monthly run", () => {
  it("credits wallets and cash, is idempotent, and produces the bank's list and totals", async () => {
    const elderId = await eligibleElder();
    expect((await district.post("/api/v1/subsidy-runs", { month: "2026-13" })).status).toBe(422);
    const run = await district.post("/api/v1/subsidy-runs?wait=true", { month: thisMonth });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: "done", progress: 1 });
    const totals = run.body.summary.totals;
    expect(totals.entitlements).toBeGreaterThan(0);
    const wallet = await district.get(`/api/v1/elders/${elderId}/wallet`);
    expect(wallet.body).toMatchObject({ balanceFen: 2500, balanceMinutes: 120 });
    expect(wallet.body.entries.map((e: { text: string }) => e.text).join("\n")).toContain("入账");
    // the same month again changes nothing
    const again = await district.post("/api/v1/subsidy-runs?wait=true", { month: thisMonth });
    expect(again.body.id).toBe(run.body.id);
    expect(again.body.summary.totals).toEqual(totals);
    expect((await district.get(`/api/v1/elders/${elderId}/wallet`)).body.entries).toHaveLength(wallet.body.entries.length);
    // the bank's list: cash only, full ID numbers for a user who may see them
    const list = await district.get(`/api/v1/subsidy-runs/${run.body.id}/disbursement.xlsx`);
    expect(list.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(list.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe("身份证号");
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/^\d{17}[\dX]$/);
    expect(ws.rowCount - 2).toBe(run.body.summary.rules.filter((r: { kind: string }) => r.kind === "cash").reduce((s: number, r: { entitlements: number }) => s + r.entitlements, 0));
    const byRule = await district.get(`/api/v1/subsidy-totals?from=${thisMonth}&to=${thisMonth}&groupBy=rule`);
    expect(byRule.body.items.find((i: { key: string }) => i.key === "age-allowance-80").entitlements).toBeGreaterThan(0);
  });

  it("stops at death, back-pays a wrongly closed record, and flags credit after a death", async () => {
    const [a, b, c, d] = [await eligibleElder(), await eligibleElder(), await eligibleElder(), await eligibleElder()];
    // these records existed before last month
    await server.database.exec(`UPDATE elders SET created_at = now() - interval '70 days' WHERE id IN ('${a}', '${b}', '${c}', '${d}')`);
    const before = (m: string, day: string) => `${m}-${day}`;
    const twoMonthsAgo = (() => {
      const [y, m] = prevMonth.split("-").map(Number) as [number, number];
      return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    })();
    // a died before last month: nothing for last month; b was marked deceased by mistake
    await district.post(`/api/v1/elders/${a}/status`, { status: "deceased", reason: "病故", date: before(twoMonthsAgo, "15") });
    await district.post(`/api/v1/elders/${b}/status`, { status: "deceased", reason: "误报", date: before(twoMonthsAgo, "15") });
    const last = await district.post("/api/v1/subsidy-runs?wait=true", { month: prevMonth });
    expect(last.body.status).toBe("done");
    expect((await district.get(`/api/v1/elders/${a}/wallet`)).body.balanceFen).toBe(0);
    expect((await district.get(`/api/v1/elders/${b}/wallet`)).body.balanceFen).toBe(0);
    expect((await district.get(`/api/v1/elders/${c}/wallet`)).body.balanceFen).toBe(2500);
    // b is corrected; c's death is recorded late, dated before the month c was credited for
    expect((await district.post(`/api/v1/elders/${b}/status`, { status: "active", reason: "殡葬数据误报，已核实健在", date: shanghaiDate() })).status).toBe(200);
    await district.post(`/api/v1/elders/${c}/status`, { status: "deceased", reason: "病故（补报）", date: before(twoMonthsAgo, "20") });
    const now = await district.post("/api/v1/subsidy-runs?wait=true", { month: thisMonth });
    expect(now.body.status).toBe("done");
    const bw = (await district.get(`/api/v1/elders/${b}/wallet`)).body;
    expect(bw.entries.some((e: { kind: string; month: string }) => e.kind === "backpay" && e.month === prevMonth)).toBe(true);
    expect(now.body.summary.rules.some((r: { backpay: number }) => r.backpay > 0)).toBe(true);
    expect((await district.get(`/api/v1/elders/${a}/wallet`)).body.balanceFen).toBe(0);
    const flags = await district.get("/api/v1/subsidy-flags");
    expect(flags.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ elderId: c, kind: "credited_after_death", month: prevMonth })]));
    expect(flags.body.items.some((f: { elderId: string }) => f.elderId === a || f.elderId === b)).toBe(false);
    // last month's free hours lapsed at its end, by an expiry entry; this month's are there
    const dw = (await district.get(`/api/v1/elders/${d}/wallet`)).body;
    expect(dw.entries.some((e: { kind: string; unit: string; amount: number }) => e.kind === "expiry" && e.unit === "minute" && e.amount === -120)).toBe(true);
    expect(dw.balanceMinutes).toBe(120);
    expect(dw.balanceFen).toBe(5000);
  });

  it("never lets concurrent debits take a wallet below zero", async () => {
    const elderId = await eligibleElder();
    await district.post("/api/v1/subsidy-runs?wait=true", { month: thisMonth });
    const before = (await district.get(`/api/v1/elders/${elderId}/wallet`)).body.balanceFen as number;
    expect(before).toBeGreaterThan(0);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => server.database.db.transaction((tx) => debitWallet(tx, { elderId, unit: "fen", amount: 1000, note: "测试扣减" }))),
    );
    const taken = attempts.filter((a) => a.status === "fulfilled").length;
    expect(taken).toBe(Math.floor(before / 1000));
    const after = (await district.get(`/api/v1/elders/${elderId}/wallet`)).body;
    expect(after.balanceFen).toBe(before - taken * 1000);
    expect(after.balanceFen).toBeGreaterThanOrEqual(0);
    await expect(server.database.exec("UPDATE wallet_entries SET amount = 0")).rejects.toThrow(/append-only/);
  });

  it("shows a wallet to staff of its region and to a bound family member only", async () => {
    const other = await eligibleElder({ regionCode: "500107003001" });
    expect((await street.get(`/api/v1/elders/${other}/wallet`)).status).toBe(404);
    const family = await server.login("family");
    expect((await family.get(`/api/v1/elders/${other}/wallet`)).status).toBe(404);
  });
});

describe("elders and families", () => {
  it("an elder sees their own record and wallet, a family member the bound elder's, nobody else's", async () => {
    const elder = await server.login("elder");
    const mine = (await elder.get("/api/v1/me/elders")).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0].relation).toBe("本人");
    expect((await elder.get(`/api/v1/elders/${mine[0].id}/wallet`)).status).toBe(200);
    const family = await server.login("family");
    const bound = (await family.get("/api/v1/me/elders")).body.items;
    expect(bound.map((e: { id: string }) => e.id)).toContain(mine[0].id);
    expect((await family.get(`/api/v1/elders/${mine[0].id}/wallet`)).body.summary).toContain("服务补贴余额");
    const stranger = (await district.get("/api/v1/elders?limit=1")).body.items[0].id as string;
    if (stranger !== mine[0].id) {
      expect((await elder.get(`/api/v1/elders/${stranger}/wallet`)).status).toBe(404);
      expect((await family.get(`/api/v1/elders/${stranger}/wallet`)).status).toBe(404);
    }
    expect((await elder.get(`/api/v1/elders/${mine[0].id}`)).status).toBe(403);
  });
});

describe("a run that breaks half-way", () => {
  it("keeps its finished steps, reports failure, and resumes to the same result without paying twice", async () => {
    const month = "2026-06";
    expect((await district.post("/api/v1/subsidy-runs", { month: "2099-01" })).status).toBe(422);
    // the records existed back then
    await server.database.exec("UPDATE elders SET created_at = '2025-01-01'");
    // break one step: the wallet credit of 25.00 yuan cannot be written
    await server.database.exec("ALTER TABLE wallet_entries ADD CONSTRAINT no_2500 CHECK (amount <> 2500) NOT VALID");
    const broken = await district.post("/api/v1/subsidy-runs?wait=true", { month });
    expect(broken.body.status).toBe("failed");
    expect(broken.body.error).toContain("重新运行");
    expect(broken.body.doneSteps).toBeLessThan(broken.body.totalSteps);
    await server.database.exec("ALTER TABLE wallet_entries DROP CONSTRAINT no_2500");
    const resumed = await district.post("/api/v1/subsidy-runs?wait=true", { month });
    expect(resumed.body).toMatchObject({ id: broken.body.id, status: "done", progress: 1 });
    // every entitlement has at most one wallet entry, and every non-cash one has exactly one
    const [check] = await server.database.query<{ orphans: string; doubles: string }>(
      `SELECT (SELECT count(*) FROM entitlements en WHERE en.month = '${month}' AND en.kind <> 'cash' AND NOT EXISTS (SELECT 1 FROM wallet_entries w WHERE w.entitlement_id = en.id)) AS orphans,
              (SELECT count(*) FROM (SELECT entitlement_id FROM wallet_entries WHERE entitlement_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d) AS doubles`,
    );
    expect(check).toEqual({ orphans: expect.anything(), doubles: expect.anything() });
    expect(Number(check!.orphans)).toBe(0);
    expect(Number(check!.doubles)).toBe(0);
  });
});
