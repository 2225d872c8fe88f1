import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { gcj02ToWgs84 } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot, makeIdNumber, makePhone, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// Hours buying a provider's listed service, where the region allows it (issue 7): the bureau lists the service at a
// price in hours; the elder pays with the hours gifted to her; a cancelled order gives them back; the provider's
// statement shows what the time bank owes — on both engines.
let server: TestServer;
let district: Client;
let community: Client;
let elder: Client;
let worker: Client;
let provider: Client;
let elderId: string;
let elderRegion: string;
let productId: string;
let motherAccount: string;
let volunteerAccount: string;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const sum = async (q: string) => Number((await server.database.query<{ n: string | null }>(q))[0]!.n ?? 0);
const balance = async (id: string) => (await community.get(`/api/v1/timebank/accounts/${id}`)).body.balanceMinutes as number;
const orders = () => sum("SELECT count(*) AS n FROM service_orders");

beforeAll(async () => {
  server = await startTestServer();
  [district, community, elder, worker, provider] = await Promise.all(["district", "community", "elder", "worker", "provider"].map((u) => server.login(u)));
  const me = (await elder.get("/api/v1/me/elders")).body.items[0];
  elderId = me.id;
  elderRegion = me.regionCode;
  await server.database.query("UPDATE elders SET ability_level = 2 WHERE id = $1", [elderId]);
  const items = (await server.anonymous().get(`/api/v1/service-products?category=cleaning&regionCode=${elderRegion}`)).body.items as { id: string; name: string; providerName: string }[];
  productId = items.find((p) => p.providerName === "九龙坡区康乐居家养老服务中心" && p.name === "居家保洁")!.id;
  // a volunteer earns 6 h and gives 4 to the elder, his mother
  const v = await community.post("/api/v1/volunteers", { name: "钱明", idNumber: makeIdNumber(uniqueBirth(1958)), phone: makePhone(), regionCode: elderRegion });
  await community.post(`/api/v1/volunteers/${v.body.id}/status`, { status: "verified" });
  await community.post("/api/v1/timebank/services", { volunteerId: v.body.id, elderId, day: today(), minutes: 360, description: "陪同就医" });
  volunteerAccount = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v.body.id}`)).body.id;
  expect((await community.post("/api/v1/timebank/transfers", { kind: "gift", accountId: volunteerAccount, minutes: 240, toElderId: elderId, relation: "parent" })).status).toBe(201);
  motherAccount = (await elder.get(`/api/v1/timebank/accounts?elderId=${elderId}`)).body.id;
});
afterAll(() => server?.close());

describe("hours for a provider's service", () => {
  it("the bureau lists a service at a price in hours; others may not; a price off the granularity is refused", async () => {
    const list = (who: Client, timebankMinutes: number | null, id = productId) => who.request("PUT", `/api/v1/service-products/${id}/timebank`, { json: { timebankMinutes } });
    expect((await list(community, 60)).status).toBe(403);
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    await server.database.query("INSERT INTO regions (code, name, level, parent_code) VALUES ('500199', '另一区', 3, '5001') ON CONFLICT DO NOTHING");
    await createUser({ ctx: sys, input: { username: "district-tb", displayName: "另一区民政局", password: TEST_PASSWORD, role: "district_admin", regionCode: "500199" } });
    expect((await list(await server.login("district-tb"), 60)).status).toBe(404);
    const odd = await list(district, 45);
    expect(odd.status).toBe(422);
    expect(odd.body.errors[0].path).toBe("timebankMinutes");
    const listed = await list(district, 60);
    expect(listed.status).toBe(200);
    expect(listed.body.timebankMinutes).toBe(60);
    const catalog = (await server.anonymous().get(`/api/v1/service-products?timebank=true&regionCode=${elderRegion}`)).body.items;
    expect(catalog.map((p: { id: string }) => p.id)).toEqual([productId]);
  });

  it("is refused where the region does not allow it, and then spends nothing; allowed, the quote names the hours", async () => {
    const body = { elderId, productId, slotStart: beijingSlot(1, 10), timebank: { accountId: motherAccount } };
    const [before, count] = [await balance(motherAccount), await orders()];
    const refused = await elder.post("/api/v1/service-orders", body);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("暂不能兑换");
    expect([await balance(motherAccount), await orders()]).toEqual([before, count]);
    expect((await elder.post("/api/v1/service-orders/quote", body)).body.timebankMinutes).toBeNull();
    await server.database.query("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ($1, 'timebank.providerServices', '1', '2000-01-01')", [elderRegion.slice(0, 6)]);
    const quote = (await elder.post("/api/v1/service-orders/quote", body)).body;
    expect(quote.timebankMinutes).toBe(120); // two booked hours at one hour each
  });

  it("the elder pays with her hours: spent on placement, once per key; not listed or not enough hours: refused, nothing spent", async () => {
    const body = { elderId, productId, slotStart: beijingSlot(1, 10), timebank: { accountId: motherAccount } };
    const placed = await elder.request("POST", "/api/v1/service-orders", { json: body, headers: { "idempotency-key": `tb-${motherAccount}` } });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ timebankMinutes: 120, timebankRefunded: false });
    expect(await balance(motherAccount)).toBe(120);
    expect((await elder.request("POST", "/api/v1/service-orders", { json: body, headers: { "idempotency-key": `tb-${motherAccount}` } })).status).toBe(200);
    expect(await balance(motherAccount)).toBe(120);
    const statement = (await elder.get(`/api/v1/timebank/accounts/${motherAccount}`)).body;
    expect(statement.entries[0]).toMatchObject({ kind: "redeem", minutes: -120 });
    expect(statement.entries[0].detail).toMatchObject({ orderId: placed.body.id, providerName: "九龙坡区康乐居家养老服务中心" });

    // a product that is not listed
    const other = (await server.anonymous().get(`/api/v1/service-products?category=cleaning&regionCode=${elderRegion}`)).body.items.find((p: { id: string; timebankMinutes: number | null }) => p.id !== productId && p.timebankMinutes === null);
    const unlisted = await elder.post("/api/v1/service-orders", { ...body, productId: other.id });
    expect(unlisted.status).toBe(422);
    expect(unlisted.body.detail).toContain("未列入");
    // the volunteer's own account is not the elder's to use
    expect((await elder.post("/api/v1/service-orders", { ...body, timebank: { accountId: volunteerAccount } })).status).toBe(404);
    // two more hours: spends the rest; a third order finds nothing left
    const second = await elder.post("/api/v1/service-orders", { ...body, slotStart: beijingSlot(2, 10) });
    expect(second.status).toBe(201);
    const count = await orders();
    const broke = await elder.post("/api/v1/service-orders", { ...body, slotStart: beijingSlot(3, 10) });
    expect(broke.status).toBe(422);
    expect(broke.body.detail).toContain("余额不足");
    expect([await balance(motherAccount), await orders()]).toEqual([0, count]);

    // called off: the hours come back, once
    const cancel = await elder.post(`/api/v1/service-orders/${second.body.id}/transitions`, { action: "cancel", reason: "改期" });
    expect(cancel.status).toBe(200);
    expect(cancel.body.timebankRefunded).toBe(true);
    expect(await balance(motherAccount)).toBe(120);
    expect((await elder.post(`/api/v1/service-orders/${second.body.id}/transitions`, { action: "cancel", reason: "改期" })).status).toBe(409);
    expect(await balance(motherAccount)).toBe(120);
    expect((await elder.get(`/api/v1/timebank/accounts/${motherAccount}`)).body.entries[0]).toMatchObject({ kind: "refund", minutes: 120 });
  });

  it("served and confirmed, the hours cover the booked price; the provider's statement shows what the time bank pays", async () => {
    const [mine] = (await elder.get("/api/v1/service-orders")).body.items.filter((o: { timebankMinutes: number | null; status: string }) => o.timebankMinutes === 120 && o.status !== "cancelled");
    const id = mine.id as string;
    const t = (input: Record<string, unknown>, who = worker) => who.post(`/api/v1/service-orders/${id}/transitions`, input);
    const assigned = (await worker.get("/api/v1/service-orders?sort=slot&status=assigned")).body.items.map((o: { id: string }) => o.id);
    expect(assigned).toContain(id);
    expect((await t({ action: "worker_accept" })).status).toBe(200);
    expect((await t({ action: "depart" })).status).toBe(200);
    expect((await t({ action: "check_in", ...gcj02ToWgs84({ lat: mine.lat, lng: mine.lng }) })).status).toBe(200);
    expect((await t({ action: "check_out", tasksDone: ["厨房清洁"] })).status).toBe(200);
    const confirmed = (await t({ action: "confirm" }, elder)).body;
    expect(confirmed.timebankFen).toBe(confirmed.unitPriceFen * 2);
    expect(confirmed.timebankFen + confirmed.walletFen + confirmed.copayFen).toBe(confirmed.priceFen);
    expect(confirmed.minutesFen).toBe(0);
    if (confirmed.status === "confirmed") expect((await t({ action: "settle", method: "cash" }, provider)).status).toBe(200);
    const month = today().slice(0, 7);
    const s = (await provider.get(`/api/v1/providers/${confirmed.providerId}/statements/${month}`)).body;
    expect(s.totals).toMatchObject({ timebankOrders: 1, timebankMinutes: 120, timebankFen: confirmed.timebankFen });
    expect(s.lines.find((l: { orderId: string }) => l.orderId === id)).toMatchObject({ timebankMinutes: 120, timebankFen: confirmed.timebankFen });
  });

  it("a community worker pays with a volunteer's hours for his wife; the ledger balances throughout", async () => {
    const placed = await community.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(4, 10), timebank: { accountId: volunteerAccount, relation: "spouse" } });
    expect(placed.status).toBe(201);
    expect(await balance(volunteerAccount)).toBe(0);
    expect(await sum("SELECT count(*) AS n FROM (SELECT op_id FROM timebank_entries GROUP BY op_id HAVING sum(minutes) <> 0) x")).toBe(0);
    expect(await sum("SELECT count(*) AS n FROM timebank_accounts a WHERE a.balance_minutes <> (SELECT COALESCE(sum(minutes), 0) FROM timebank_entries e WHERE e.account_id = a.id)")).toBe(0);
    const held = await sum("SELECT sum(balance_minutes) AS n FROM timebank_accounts");
    const issued = await sum("SELECT -sum(minutes) AS n FROM timebank_entries WHERE system_account = 'issued'");
    const redeemed = await sum("SELECT sum(minutes) AS n FROM timebank_entries WHERE system_account = 'redeemed'");
    expect(held).toBe(issued - redeemed);
  });
});
