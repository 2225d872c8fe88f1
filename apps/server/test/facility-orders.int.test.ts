import { facilities, users } from "@carecircle/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

// A product delivered by a facility: when the facility is suspended (a failed rating re-check, or the bureau), the
// ordering capability refuses government-paid orders for it; closed, it refuses every order.
let server: TestServer;
let elder: Client;
let provider: Client;
let elderId: string;
let elderRegion: string;
let facilityId: string;
let otherFacilityId: string;

beforeAll(async () => {
  server = await startTestServer();
  [elder, provider] = await Promise.all(["elder", "provider"].map((u) => server.login(u)));
  const me = (await elder.get("/api/v1/me/elders")).body.items[0];
  elderId = me.id;
  elderRegion = me.regionCode;
  const [p] = await server.database.db.select({ providerId: users.providerId }).from(users).where(eq(users.username, "provider"));
  const street = elderRegion.slice(0, 9);
  const [f] = await server.database.db
    .insert(facilities)
    .values({ name: "测试社区养老服务站", tier: "station", regionCode: elderRegion, address: "测试路 1 号", operatorName: "测试运营方", operatorProviderId: p!.providerId, operatingModel: "public_private" })
    .returning({ id: facilities.id });
  facilityId = f!.id;
  const [o] = await server.database.db.insert(facilities).values({ name: "别家的中心", tier: "center", regionCode: street, address: "x", operatorName: "别家", operatingModel: "private" }).returning({ id: facilities.id });
  otherFacilityId = o!.id;
});
afterAll(() => server?.close());

const product = (extra: Record<string, unknown>) =>
  provider.post("/api/v1/service-products", { name: `站点助餐 ${Math.random().toString(36).slice(2, 6)}`, category: "meal", unit: "visit", priceFen: 1800, durationMinutes: 30, serviceRegions: [elderRegion], ...extra });
const order = (productId: string) => elder.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(2, 11) });
const setStatus = (status: string) => server.database.db.update(facilities).set({ status, statusReason: "星级复核不合格" }).where(eq(facilities.id, facilityId));

describe("orders for a facility's products", () => {
  it("a product names a facility its provider runs, and no other", async () => {
    const bad = await product({ facilityId: otherFacilityId });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("facilityId");
    const ok = await product({ facilityId });
    expect(ok.status).toBe(201);
    expect(ok.body.facilityId).toBe(facilityId);
  });

  it("a suspended facility takes no government-paid order (wallet or subsidised price), still a private one; closed, none", async () => {
    const subsidised = (await product({ facilityId, walletEligible: true })).body.id as string;
    const tiered = (await product({ facilityId, walletEligible: false, subsidyPrices: [{ label: "60岁以上", conditions: { minAge: 60 }, priceFen: 500 }] })).body.id as string;
    const privateOnly = (await product({ facilityId, walletEligible: false })).body.id as string;
    expect((await order(subsidised)).status).toBe(201);
    await setStatus("suspended");
    const before = Number((await server.database.query<{ n: string }>(`SELECT count(*) AS n FROM service_orders WHERE elder_id = '${elderId}'`))[0]!.n);
    const refused = await order(subsidised);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("测试社区养老服务站已被暂停提供政府购买服务");
    const quote = await elder.post("/api/v1/service-orders/quote", { elderId, productId: subsidised, slotStart: beijingSlot(2, 11) });
    expect(quote.status).toBe(409);
    expect(Number((await server.database.query<{ n: string }>(`SELECT count(*) AS n FROM service_orders WHERE elder_id = '${elderId}'`))[0]!.n)).toBe(before);
    // a subsidised price applies to her (60 or over): government money, refused
    expect((await order(tiered)).status).toBe(409);
    expect((await order(privateOnly)).status).toBe(201);
    await setStatus("closed");
    expect((await order(privateOnly)).status).toBe(409);
    await setStatus("operating");
    expect((await order(subsidised)).status).toBe(201);
  });
});
