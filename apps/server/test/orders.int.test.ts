import { gcj02ToWgs84 } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot, north } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let elder: Client;
let worker: Client;
let provider: Client;
let district: Client;
let elderId: string;
let elderRegion: string;

beforeAll(async () => {
  server = await startTestServer();
  [elder, worker, provider, district] = await Promise.all(["elder", "worker", "provider", "district"].map((u) => server.login(u)));
  const me = (await elder.get("/api/v1/me/elders")).body.items[0];
  elderId = me.id;
  elderRegion = (await district.get(`/api/v1/elders/${elderId}`)).body.regionCode;
});
afterAll(() => server?.close());

const demoProduct = async (category: string, name?: string) => {
  const res = await server.anonymous().get(`/api/v1/service-products?category=${category}&regionCode=${elderRegion}`);
  expect(res.status).toBe(200);
  const items = res.body.items as { id: string; name: string; providerName: string; unit: string }[];
  return items.find((p) => p.providerName === "九龙坡区康乐居家养老服务中心" && (!name || p.name === name))!;
};

describe("the home-service journey", () => {
  it("orders, dispatches to the nearest qualified worker, checks in within the geofence, confirms, pays from the wallet first, settles and rates", async () => {
    const product = await demoProduct("cleaning", "居家保洁");
    expect(product.unit).toBe("hour");
    const body = { elderId, productId: product.id, slotStart: beijingSlot(1, 10), notes: "请带拖把" };
    const quote = await elder.post("/api/v1/service-orders/quote", body);
    expect(quote.status).toBe(200);
    expect(quote.body.priceFen).toBe(quote.body.minutesFen + quote.body.walletFen + quote.body.copayFen);

    const key = `k-${Date.now()}`;
    const placed = await elder.request("POST", "/api/v1/service-orders", { json: body, headers: { "idempotency-key": key } });
    expect(placed.status).toBe(201);
    const again = await elder.request("POST", "/api/v1/service-orders", { json: body, headers: { "idempotency-key": key } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(placed.body.id);
    const id = placed.body.id as string;
    expect(placed.body.status).toBe("assigned");
    expect(placed.body.workerName).toBe("王秀梅");
    expect(placed.body.events.map((e: { action: string }) => e.action)).toEqual(["place", "accept", "assign"]);

    expect(placed.body.actions).toEqual(expect.arrayContaining(["cancel"]));
    const mine = await worker.get("/api/v1/service-orders?sort=slot&status=assigned");
    expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(id);
    const t = (input: Record<string, unknown>, who = worker) => who.post(`/api/v1/service-orders/${id}/transitions`, input);
    expect((await worker.get(`/api/v1/service-orders/${id}`)).body.actions).toEqual(expect.arrayContaining(["worker_accept", "refuse", "depart", "check_in"]));
    const accepted = await t({ action: "worker_accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.actions).not.toContain("worker_accept");
    // the worker on the job may read the elder's full phone to call ahead (audited); the elder's own app may not use this
    const contact = await worker.get(`/api/v1/service-orders/${id}/contact`);
    expect(contact.status).toBe(200);
    expect(contact.body.elderPhone).toMatch(/^\d{7,}$/);
    expect((await elder.get(`/api/v1/service-orders/${id}/contact`)).status).toBe(403);
    expect((await t({ action: "depart" })).status).toBe(200);
    const home = { lat: placed.body.lat as number, lng: placed.body.lng as number };
    // the phone reports WGS-84: the home's own GCJ-02 numbers read as WGS-84 are some 480 m off in Chongqing
    const raw = await t({ action: "check_in", ...home });
    expect(raw.status).toBe(422);
    const far = await t({ action: "check_in", datum: "gcj02", ...north(home, 450) });
    expect(far.status).toBe(422);
    expect(far.body.distanceMeters).toBeGreaterThan(400);
    expect(far.body.detail).toContain("米");
    const inside = await t({ action: "check_in", ...gcj02ToWgs84(north(home, 50)), accuracy: 12 });
    expect(inside.status).toBe(200);
    expect(inside.body.checkInDistanceM).toBeLessThan(60);
    expect(inside.body.flags.map((f: { code: string }) => f.code)).toContain("early_check_in");
    expect(inside.body.status).toBe("checked_in");
    expect((await t({ action: "confirm" }, elder)).status).toBe(409);
    const out = await t({ action: "check_out", tasksDone: ["客厅卧室清洁"], notes: "已完成" });
    expect(out.status).toBe(200);

    const walletBefore = (await elder.get(`/api/v1/elders/${elderId}/wallet`)).body;
    const confirmed = await t({ action: "confirm" }, elder);
    expect(confirmed.status).toBe(200);
    const o = confirmed.body;
    expect(o.confirmedBy).toBe("elder");
    expect(o.priceFen).toBe(o.unitPriceFen * 2); // two booked hours
    expect(o.minutesFen + o.walletFen + o.copayFen).toBe(o.priceFen);
    const walletAfter = (await elder.get(`/api/v1/elders/${elderId}/wallet`)).body;
    expect(walletBefore.balanceMinutes - walletAfter.balanceMinutes).toBe(o.walletMinutes);
    expect(walletBefore.balanceFen - walletAfter.balanceFen).toBe(o.walletFen);
    if (o.copayFen > 0) {
      expect(o.status).toBe("confirmed");
      expect((await t({ action: "settle", method: "none" }, provider)).status).toBe(422);
      const settled = await t({ action: "settle", method: "cash" }, provider);
      expect(settled.body.status).toBe("settled");
    } else expect(o.status).toBe("settled");

    expect((await elder.post(`/api/v1/service-orders/${id}/rating`, { stars: 5, comment: "很细心" })).status).toBe(201);
    expect((await elder.post(`/api/v1/service-orders/${id}/rating`, { stars: 4 })).status).toBe(409);
    const providerId = placed.body.providerId as string;
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const statement = await provider.get(`/api/v1/providers/${providerId}/statements/${month}`);
    expect(statement.status).toBe(200);
    expect(statement.body.lines.map((l: { orderId: string }) => l.orderId)).toContain(id);
    const detail = await district.get(`/api/v1/service-orders/${id}`);
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["place", "accept", "assign", "worker_accept", "depart", "check_in", "check_out", "confirm", "settle"]),
    );
  });
});
