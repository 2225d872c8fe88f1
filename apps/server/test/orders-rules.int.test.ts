import { createUser, type Ctx, sweepOrders, SYSTEM_ACTOR } from "@carecircle/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot, elderInput, makePhone, north } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let elder: Client;
let worker: Client;
let provider: Client;
let district: Client;
let operator: Client;
let elderId: string;
let home: { lat: number; lng: number };
let homeRegion: string;
let providerId: string;
let sys: Ctx;

const DEMO_PROVIDER = "九龙坡区康乐居家养老服务中心";

beforeAll(async () => {
  server = await startTestServer();
  sys = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
  [elder, worker, provider, district, operator] = await Promise.all(["elder", "worker", "provider", "district", "operator"].map((u) => server.login(u)));
  elderId = (await elder.get("/api/v1/me/elders")).body.items[0].id;
  const e = (await district.get(`/api/v1/elders/${elderId}`)).body;
  home = { lat: e.lat, lng: e.lng };
  homeRegion = e.regionCode;
  providerId = (await provider.get("/api/v1/auth/me")).body.providerId;
});
afterAll(() => server?.close());

async function product(category: string, name: string) {
  const items = (await server.anonymous().get(`/api/v1/service-products?category=${category}&regionCode=${homeRegion}`)).body.items as { id: string; name: string; providerName: string }[];
  return items.find((p) => p.providerName === DEMO_PROVIDER && p.name === name)!.id;
}
async function place(who: Client, slotStart: string, over: Record<string, unknown> = {}) {
  return who.post("/api/v1/service-orders", { elderId, productId: await product("cleaning", "居家保洁"), slotStart, ...over });
}
const act = (who: Client, id: string, input: Record<string, unknown>) => who.post(`/api/v1/service-orders/${id}/transitions`, input);
const orderCount = async () => Number((await server.database.db.execute("SELECT count(*) AS n FROM service_orders" as never)).rows[0]!.n);
async function newUser(username: string, role: string, regionCode: string): Promise<Client> {
  await createUser({ ctx: sys, input: { username, displayName: username, password: TEST_PASSWORD, role: role as "street_staff", regionCode } });
  return server.login(username);
}

describe("placing orders", () => {
  it("a retried placement with one Idempotency-Key makes one order, even when the retries race", async () => {
    const before = await orderCount();
    const body = { elderId, productId: await product("cleaning", "居家保洁"), slotStart: beijingSlot(2, 8) };
    const key = `race-${Date.now()}`;
    const results = await Promise.all([0, 1, 2, 3].map(() => elder.request("POST", "/api/v1/service-orders", { json: body, headers: { "idempotency-key": key } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
  });

  it("refuses bad input with Chinese field errors and writes nothing", async () => {
    const before = await orderCount();
    const productId = await product("cleaning", "居家保洁");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ elderId, productId, slotStart: beijingSlot(-1, 10) }, 422, "slotStart"],
      [{ elderId, productId, slotStart: beijingSlot(90, 10) }, 422, "slotStart"],
      [{ elderId, productId, slotStart: "tomorrow" }, 422, "slotStart"],
      [{ elderId, productId: "00000000-0000-4000-8000-000000000000", slotStart: beijingSlot(1, 10) }, 404, ""],
      [{ elderId, productId, slotStart: beijingSlot(1, 10), price: 1 }, 422, ""],
    ];
    for (const [body, status, path] of cases) {
      const res = await elder.post("/api/v1/service-orders", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await orderCount()).toBe(before);
  });

  it("a product whose area does not cover the elder's community cannot be ordered", async () => {
    const items = (await server.anonymous().get("/api/v1/service-products?category=cleaning")).body.items as { id: string; serviceRegions: string[] }[];
    const elsewhere = items.find((p) => p.serviceRegions.every((r) => r.length === 9 && !homeRegion.startsWith(r)))!;
    const res = await elder.post("/api/v1/service-orders", { elderId, productId: elsewhere.id, slotStart: beijingSlot(1, 10) });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain("不覆盖");
  });

  it("a suspended provider's products leave the catalog and take no new orders; reinstated, they return", async () => {
    const street = (await district.get("/api/v1/providers?status=approved")).body.items.find((p: { name: string; serviceRegions: string[] }) => p.name !== DEMO_PROVIDER && p.serviceRegions[0] === "500107")!;
    const items = async () => (await server.anonymous().get(`/api/v1/service-products?providerId=${street.id}`)).body.items as { id: string; unit: string; durationMinutes: number }[];
    const own = await items();
    expect(own.length).toBeGreaterThan(0);
    expect((await district.post(`/api/v1/providers/${street.id}/status`, { status: "suspended" })).status).toBe(422);
    expect((await district.post(`/api/v1/providers/${street.id}/status`, { status: "suspended", reason: "消防检查不合格" })).body.status).toBe("suspended");
    expect(await items()).toEqual([]);
    // the bureau still sees them, to put them back
    expect((await district.get(`/api/v1/service-products?providerId=${street.id}`)).body.items.length).toBe(own.length);
    const res = await elder.post("/api/v1/service-orders", { elderId, productId: own[0]!.id, slotStart: beijingSlot(1, 10) });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("暂停");
    expect((await district.post(`/api/v1/providers/${street.id}/status`, { status: "approved" })).body.status).toBe("approved");
    expect((await items()).length).toBe(own.length);
  });

  it("registers a provider only with a valid credit code, once", async () => {
    const input = { name: "测试养老服务有限公司", creditCode: "91350100M000100Y44", legalPerson: "张三", phone: "02368000000", address: "杨家坪正街2号", regionCode: "500107001", serviceRegions: ["500107001"] };
    const bad = await district.post("/api/v1/providers", input);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: "creditCode" });
    const ok = await district.post("/api/v1/providers", { ...input, creditCode: "91350100m000100y43" });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ creditCode: "91350100M000100Y43", status: "approved" });
    expect((await district.post("/api/v1/providers", { ...input, creditCode: "91350100M000100Y43" })).status).toBe(409);
  });
});

describe("the state machine over HTTP", () => {
  it("two provider admins accepting one order at once: exactly one wins", async () => {
    expect((await provider.patch(`/api/v1/providers/${providerId}`, { autoAccept: false })).status).toBe(200);
    try {
      const placed = await place(elder, beijingSlot(2, 11));
      expect(placed.body.status).toBe("placed");
      const second = await server.login("provider");
      const [a, b] = await Promise.all([act(provider, placed.body.id, { action: "accept" }), act(second, placed.body.id, { action: "accept" })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const events = (await district.get(`/api/v1/service-orders/${placed.body.id}`)).body.events.filter((e: { action: string }) => e.action === "accept");
      expect(events).toHaveLength(1);
    } finally {
      await provider.patch(`/api/v1/providers/${providerId}`, { autoAccept: true });
    }
  });

  it("refuses illegal moves with 409 and other parties' moves with 403; the elder cancels before check-in only", async () => {
    const o = (await place(elder, beijingSlot(3, 9))).body;
    expect((await act(elder, o.id, { action: "check_in", datum: "gcj02", ...home })).status).toBe(403);
    expect((await act(worker, o.id, { action: "check_out" })).status).toBe(409);
    expect((await act(provider, o.id, { action: "settle", method: "cash" })).status).toBe(409);
    const cancelled = await act(elder, o.id, { action: "cancel", reason: "家人已安排" });
    expect(cancelled.body.status).toBe("cancelled");
    expect((await act(elder, o.id, { action: "cancel", reason: "再取消" })).status).toBe(409);
    const o2 = (await place(elder, beijingSlot(3, 12))).body;
    await act(worker, o2.id, { action: "check_in", datum: "gcj02", ...home });
    const late = await act(elder, o2.id, { action: "cancel", reason: "不要了" });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain("服务中");
  });

  it("the worker refuses: the job goes back to dispatch without them", async () => {
    const o = (await place(elder, beijingSlot(3, 15))).body;
    expect(o.status).toBe("assigned");
    const refused = await act(worker, o.id, { action: "refuse", reason: "身体不适" });
    expect(refused.status).toBe(200);
    // no longer theirs: the worker gets the outcome, not the order
    expect(refused.body).toEqual({ id: o.id, status: expect.any(String), visible: false });
    expect((await worker.get(`/api/v1/service-orders/${o.id}`)).status).toBe(404);
    const now = (await district.get(`/api/v1/service-orders/${o.id}`)).body;
    expect(now.workerName).not.toBe("王秀梅");
    expect(now.events.map((e: { action: string }) => e.action)).toContain("refuse");
  });

  it("a job not accepted in time is dispatched again and flagged; one not started by its slot is flagged late", async () => {
    const o = (await place(elder, beijingSlot(4, 10))).body;
    const first = o.workerId;
    const stats = await sweepOrders(sys, new Date(Date.now() + 16 * 60_000));
    expect(stats.redispatched).toBeGreaterThanOrEqual(1);
    const after = (await district.get(`/api/v1/service-orders/${o.id}`)).body;
    expect(after.flags.map((f: { code: string }) => f.code)).toContain("not_accepted");
    expect(after.workerId).not.toBe(first);
    expect(after.events.map((e: { action: string }) => e.action)).toContain("lapse");
    await sweepOrders(sys, new Date(Date.parse(o.slotStart) + 60_000));
    // an order left placed although its provider accepts automatically (the process stopped in between) is accepted
    const stranded = (await place(elder, beijingSlot(4, 15))).body;
    await server.database.exec(`UPDATE service_orders SET status = 'placed', worker_id = NULL WHERE id = '${stranded.id}'`);
    expect((await sweepOrders(sys, new Date(Date.now() + 2 * 60_000))).accepted).toBeGreaterThanOrEqual(1);
    expect(["accepted", "assigned"]).toContain((await district.get(`/api/v1/service-orders/${stranded.id}`)).body.status);
    const late = (await district.get(`/api/v1/service-orders/${o.id}`)).body;
    expect(late.flags.map((f: { code: string }) => f.code)).toContain("late_start");
  });

  it("a dispute is resolved by the bureau with the minutes it finds billable", async () => {
    const o = (await place(elder, beijingSlot(5, 9))).body;
    await act(worker, o.id, { action: "check_in", datum: "gcj02", ...home });
    await act(worker, o.id, { action: "check_out", tasksDone: [] });
    expect((await act(elder, o.id, { action: "dispute", reason: "只做了半小时" })).body.status).toBe("disputed");
    expect((await act(provider, o.id, { action: "resolve", reason: "x" })).status).toBe(403);
    const resolved = await act(district, o.id, { action: "resolve", billableMinutes: 30, reason: "回访核实服务半小时" });
    expect(resolved.status).toBe(200);
    expect(["confirmed", "settled"]).toContain(resolved.body.status);
    expect(resolved.body.priceFen).toBe(resolved.body.unitPriceFen); // half an hour found: one started hour, no booked minimum
  });
});

describe("fraud flags the bureau sees", () => {
  it("a second check-in while another visit is open is flagged as overlapping; a check-in with a photo keeps it", async () => {
    const a = (await place(elder, beijingSlot(6, 9))).body;
    const b = (await place(elder, beijingSlot(6, 14))).body;
    expect(a.workerName).toBe("王秀梅");
    expect(b.workerName).toBe("王秀梅");
    const photo = `data:image/jpeg;base64,${Buffer.from("fake-jpeg-bytes").toString("base64")}`;
    expect((await act(worker, a.id, { action: "check_in", datum: "gcj02", ...north(home, 20), photo })).status).toBe(200);
    const second = await act(worker, b.id, { action: "check_in", datum: "gcj02", ...north(home, 30) });
    expect(second.body.flags.map((f: { code: string }) => f.code)).toContain("overlap");
    const flagged = (await district.get("/api/v1/service-orders?flagged=true")).body.items.map((o: { id: string }) => o.id);
    expect(flagged).toContain(b.id);
    const out = await act(worker, a.id, { action: "check_out", datum: "gcj02", tasksDone: [], ...north(home, 3000) });
    expect(out.body.flags.map((f: { code: string }) => f.code)).toContain("far_check_out");
  });
});

describe("an address typed at ordering", () => {
  it("has no position: dispatch uses the community's centre and the check-in is flagged, not refused", async () => {
    const o = (await place(elder, beijingSlot(7, 16), { address: "九龙坡区杨家坪正街88号（女儿家）" })).body;
    expect(o.lat).toBeNull();
    expect(o.status).toBe("assigned");
    const inside = await act(worker, o.id, { action: "check_in", datum: "gcj02", ...north(home, 5000) });
    expect(inside.status).toBe(200);
    expect(inside.body.flags.map((f: { code: string }) => f.code)).toContain("no_position");
  });
});

describe("region scope", () => {
  it("staff of another street, another provider's admin and an unbound family see nothing of the order", async () => {
    const o = (await place(elder, beijingSlot(7, 9))).body;
    const otherStreet = await newUser("street-b", "street_staff", "500107002");
    const otherFamily = await newUser("family-b", "family", homeRegion);
    const otherProvider = await newUser("provider-b", "provider_admin", "500107");
    for (const c of [otherStreet, otherFamily, otherProvider]) {
      expect((await c.get(`/api/v1/service-orders/${o.id}`)).status).toBe(404);
      expect((await c.post(`/api/v1/service-orders/${o.id}/transitions`, { action: "cancel", reason: "x" })).status).toBe(404);
      expect((await c.get("/api/v1/service-orders")).body.items.map((x: { id: string }) => x.id)).not.toContain(o.id);
    }
    expect((await otherStreet.post("/api/v1/service-orders", { elderId, productId: o.productId, slotStart: beijingSlot(7, 15) })).status).toBe(404);
    expect((await (await server.login("family")).get(`/api/v1/service-orders/${o.id}`)).status).toBe(200);
    expect((await (await server.login("street")).get(`/api/v1/service-orders/${o.id}`)).status).toBe(200);
  });
});

describe("the hotline", () => {
  it("matches a caller by phone (own or a family contact's), is idempotent per call, and needs the PBX token or an operator", async () => {
    const phone = makePhone();
    const created = await district.post("/api/v1/elders", elderInput({ phone, lat: home.lat, lng: home.lng }));
    const callId = `call-${Date.now()}`;
    expect((await server.anonymous().post("/api/v1/calls/inbound", { from: phone, callId })).status).toBe(401);
    const call = await operator.post("/api/v1/calls/inbound", { from: `+86 ${phone}`, to: "12349", callId });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ elderId: created.body.id, matchedBy: "elder" });
    expect((await operator.post("/api/v1/calls/inbound", { from: phone, callId })).body.id).toBe(call.body.id);
    const queue = (await operator.get("/api/v1/calls?untaken=true")).body.items;
    const mine = queue.find((c: { id: string }) => c.id === call.body.id);
    expect(mine.from).toContain("****");
    expect(mine.elder.name).toBe("测试老人");
    expect((await operator.post(`/api/v1/calls/${call.body.id}/take`)).status).toBe(200);
    const ordered = await operator.post("/api/v1/service-orders", { elderId: created.body.id, productId: await product("cleaning", "居家保洁"), slotStart: beijingSlot(8, 10), callId });
    expect(ordered.status).toBe(201);
    expect(ordered.body.channel).toBe("hotline");
  });
});

describe("after the service", () => {
  it("return visits sample finished orders, record satisfaction, and give the rate per provider; the statement downloads as Excel", async () => {
    // a completely disabled elder: the provider earns the operating subsidy for serving her this month
    await server.database.exec(`UPDATE elders SET ability_level = 4 WHERE id = '${elderId}'`);
    const o = (await place(elder, beijingSlot(9, 9))).body;
    await act(worker, o.id, { action: "check_in", datum: "gcj02", ...home });
    await act(worker, o.id, { action: "check_out", tasksDone: ["厨房清洁"] });
    const done = (await act(worker, o.id, { action: "confirm" })).status;
    expect(done).toBe(422); // the worker must say who confirmed
    const confirmed = await act(worker, o.id, { action: "confirm", confirmedBy: "family", confirmerName: "女儿" });
    expect(confirmed.body.confirmedBy).toBe("worker_recorded:family:女儿");
    if (confirmed.body.status === "confirmed") await act(provider, o.id, { action: "settle", method: "transfer", reference: "WX-1" });
    await server.database.exec("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ('500107', 'orders.returnVisitRate', '1', '2000-01-01')");
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const sample = (await district.get(`/api/v1/return-visits/sample?month=${month}`)).body;
    expect(sample.items.map((i: { orderId: string }) => i.orderId)).toContain(o.id);
    expect((await district.post("/api/v1/return-visits", { orderId: o.id, reached: true })).status).toBe(422);
    expect((await district.post("/api/v1/return-visits", { orderId: o.id, reached: true, satisfaction: "satisfied", serviceHappened: true })).status).toBe(201);
    expect((await district.post("/api/v1/return-visits", { orderId: o.id, reached: true, satisfaction: "satisfied" })).status).toBe(409);
    const stats = (await district.get(`/api/v1/return-visits/stats?groupBy=provider&month=${month}`)).body;
    expect(stats.items.find((i: { name: string }) => i.name === DEMO_PROVIDER)).toMatchObject({ reached: 1, satisfied: 1, rate: 100 });
    expect((await (await server.login("street")).get("/api/v1/return-visits/stats?groupBy=street")).status).toBe(200);

    const statement = (await provider.get(`/api/v1/providers/${providerId}/statements/${month}`)).body;
    const disabled = statement.operatingSubsidies.find((r: { ruleCode: string }) => r.ruleCode === "provider-operating-disabled");
    expect(disabled.elders).toBeGreaterThanOrEqual(1);
    expect(disabled.amountFen).toBe(disabled.elders * 40000);
    expect(statement.operatingSubsidyFen).toBe(statement.operatingSubsidies.reduce((s: number, r: { amountFen: number }) => s + r.amountFen, 0));
    const xlsx = await provider.get(`/api/v1/providers/${providerId}/statements/${month}/xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const text = wb.worksheets[0]!.getSheetValues().flat().join(" ");
    expect(text).toContain(o.orderNo);
    expect(text).toContain("运营补贴");
    expect((await elder.get(`/api/v1/providers/${providerId}/statements/${month}`)).status).toBe(403);

    expect((await elder.post(`/api/v1/service-orders/${o.id}/complaints`, { content: "服务人员迟到" })).status).toBe(201);
    const complaint = (await district.get("/api/v1/complaints?status=open")).body.items.find((c: { orderId: string }) => c.orderId === o.id);
    expect(complaint.providerName).toBe(DEMO_PROVIDER);
    expect((await provider.get("/api/v1/complaints")).body.items.map((c: { id: string }) => c.id)).toContain(complaint.id);
    expect((await district.post(`/api/v1/complaints/${complaint.id}/resolve`, { resolution: "已约谈服务商" })).body.status).toBe("resolved");
  });
});
