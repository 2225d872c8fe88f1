import { createUser, type Ctx, logout, resolveSession, sweepOrders, SYSTEM_ACTOR } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let sys: Ctx;
let elder: Client;
let worker: Client;
let district: Client;
let operator: Client;
let elderId: string;
let home: { lat: number; lng: number };
let providerId: string;
let productId: string;

beforeAll(async () => {
  server = await startTestServer();
  sys = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
  [elder, worker, district, operator] = await Promise.all(["elder", "worker", "district", "operator"].map((u) => server.login(u)));
  elderId = (await elder.get("/api/v1/me/elders")).body.items[0].id;
  const e = (await district.get(`/api/v1/elders/${elderId}`)).body;
  home = { lat: e.lat, lng: e.lng };
  providerId = (await (await server.login("provider")).get("/api/v1/auth/me")).body.providerId;
  const items = (await server.anonymous().get(`/api/v1/service-products?category=cleaning&providerId=${providerId}`)).body.items as { id: string; name: string }[];
  productId = items.find((p) => p.name === "居家保洁")!.id;
});
afterAll(() => server?.close());

const place = (slotStart: string, over: Record<string, unknown> = {}, who = elder) => who.post("/api/v1/service-orders", { elderId, productId, slotStart, ...over });
const act = (who: Client, id: string, input: Record<string, unknown>) => who.post(`/api/v1/service-orders/${id}/transitions`, input);
async function newUser(username: string, role: string, regionCode: string): Promise<Client> {
  await createUser({ ctx: sys, input: { username, displayName: username, password: TEST_PASSWORD, role: role as "district_admin", regionCode } });
  return server.login(username);
}

describe("guards", () => {
  it("another district's admin cannot manage this district's providers, workers or products", async () => {
    await server.database.exec("INSERT INTO regions (code, name, level, parent_code) VALUES ('500108', '南岸区', 3, '5001') ON CONFLICT DO NOTHING");
    const other = await newUser("nanan", "district_admin", "500108");
    expect((await other.patch(`/api/v1/providers/${providerId}`, { autoAccept: false })).status).toBe(404);
    expect((await other.get(`/api/v1/providers/${providerId}/workers`)).status).toBe(404);
    expect((await other.post("/api/v1/service-products", { providerId, name: "x", category: "cleaning", unit: "visit", priceFen: 100, durationMinutes: 30 })).status).toBe(404);
    expect((await other.post(`/api/v1/service-products/${productId}/sale`, { onSale: false })).status).toBe(404);
    const workers = (await district.get(`/api/v1/providers/${providerId}/workers`)).body.items as { id: string }[];
    expect((await other.patch(`/api/v1/workers/${workers[0]!.id}`, { active: false })).status).toBe(404);
    // and a district registers providers serving its own area only
    const input = { name: "越界养老服务有限公司", creditCode: "91350100M000100Y43", legalPerson: "张三", phone: "02368000000", address: "x", regionCode: "500107001", serviceRegions: ["500108"] };
    expect((await district.post("/api/v1/providers", input)).body.errors[0].path).toBe("serviceRegions");
  });

  it("an empty change is no change (not an error); a malformed cursor is a 400", async () => {
    expect((await district.patch(`/api/v1/providers/${providerId}`, {})).status).toBe(200);
    const cursor = Buffer.from(JSON.stringify([{ a: 1 }, "x"])).toString("base64url");
    expect((await district.get(`/api/v1/service-orders?cursor=${cursor}`)).status).toBe(400);
  });

  it("order numbers keep their digits past a million", async () => {
    await server.database.exec("SELECT setval('service_order_no_seq', 999999)");
    const a = await place(beijingSlot(10, 9));
    const b = await place(beijingSlot(10, 14));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.orderNo.slice(8)).toBe("1000000");
    expect(b.body.orderNo.slice(8)).toBe("1000001");
  });

  it("only an operator's order can claim a hotline call", async () => {
    const res = await place(beijingSlot(10, 16), { callId: "call-not-yours" });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("callId");
  });

  it("the bureau bills exactly the time it finds; a worker-recorded confirmation bills no overtime", async () => {
    const o = (await place(beijingSlot(11, 9))).body;
    await act(worker, o.id, { action: "check_in", datum: "gcj02", ...home });
    await act(worker, o.id, { action: "check_out", tasksDone: [] });
    await act(elder, o.id, { action: "dispute", reason: "没有上门" });
    const resolved = await act(district, o.id, { action: "resolve", billableMinutes: 0, reason: "回访核实未服务" });
    expect(resolved.body).toMatchObject({ priceFen: 0, copayFen: 0, status: "settled" });

    const p = (await place(beijingSlot(11, 14))).body;
    await act(worker, p.id, { action: "check_in", datum: "gcj02", ...home });
    // the visit took three and a half hours on the record
    await server.database.exec(`UPDATE service_orders SET checked_in_at = now() - interval '210 minutes' WHERE id = '${p.id}'`);
    await act(worker, p.id, { action: "check_out", tasksDone: [] });
    const recorded = await act(worker, p.id, { action: "confirm", confirmedBy: "elder" });
    expect(recorded.body.priceFen).toBe(recorded.body.unitPriceFen * 2); // the booked two hours, not four
    const confirm = recorded.body.events.find((e: { action: string }) => e.action === "confirm");
    expect(confirm.detail.overtimeNotBilled).toBeGreaterThanOrEqual(90);
  });

  it("the dispatch timers reach a lapsed job even behind thousands of open orders", async () => {
    const o = (await place(beijingSlot(12, 9))).body;
    await server.database.exec(`INSERT INTO service_orders (elder_id, region_code, provider_id, product_id, product, unit_price_fen, slot_start, slot_end, address, channel, placed_by_role, status)
      SELECT elder_id, region_code, provider_id, product_id, product, unit_price_fen, now() + interval '20 days', now() + interval '20 days 2 hours', address, channel, placed_by_role, 'on_the_way'
      FROM service_orders o, generate_series(1, 2100) WHERE o.id = '${o.id}'`);
    await server.database.exec(`UPDATE service_orders SET assigned_at = now() - interval '1 hour' WHERE id = '${o.id}'`);
    const stats = await sweepOrders(sys);
    expect(stats.redispatched).toBeGreaterThanOrEqual(1);
    expect((await district.get(`/api/v1/service-orders/${o.id}`)).body.flags.map((f: { code: string }) => f.code)).toContain("not_accepted");
  });

  it("a session ended while a lookup is under way stays ended (the cache does not bring it back)", async () => {
    const client = await server.login("operator");
    const token = client.cookie.split("=")[1]!;
    const inFlight = resolveSession(server.database, token, 30);
    await logout({ ctx: { ...sys }, token });
    await inFlight.catch(() => null);
    await expect(resolveSession(server.database, token, 30)).rejects.toThrow();
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
    expect((await operator.get("/api/v1/auth/me")).status).toBe(200);
  });

  it("a provider admin who registers their organisation sees it as theirs at once", async () => {
    const admin = await newUser("newprov", "provider_admin", "500107");
    const res = await admin.post("/api/v1/providers", { name: "新登记养老服务有限公司", creditCode: "91500107MA5U7XKQ3W", legalPerson: "李四", phone: "02368000001", address: "杨家坪", regionCode: "500107001", serviceRegions: ["500107001"] });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    expect((await admin.get("/api/v1/auth/me")).body.providerId).toBe(res.body.id);
    expect((await admin.post("/api/v1/providers", { name: "第二家", creditCode: "91350100M000100Y43", legalPerson: "李四", phone: "02368000001", address: "杨家坪", regionCode: "500107001", serviceRegions: ["500107001"] })).status).toBe(403);
  });
});
