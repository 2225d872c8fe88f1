import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// The bureau's rules per region (caps, maximums, 13710 days, rewards, planning targets…) over HTTP on both engines:
// read with where each value comes from, set from a day within bounds, refused outside them, and in force at once.
let server: TestServer;
let district: Client;
let street: Client;
let community: Client;
let districtCode: string;
let streetCode: string;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const rows = async () => Number((await server.database.query<{ n: string }>("SELECT count(*) AS n FROM region_rules"))[0]!.n);
type Item = { key: string; value: unknown; from: string | null; fromName: string | null; defaultValue: unknown; limit: { kind: string; min?: number; max?: number }; scheduled: { effectiveFrom: string; value: unknown }[] };
const item = async (who: Client, key: string, regionCode?: string) =>
  ((await who.get(`/api/v1/region-rules${regionCode ? `?regionCode=${regionCode}` : ""}`)).body.items as Item[]).find((i) => i.key === key)!;
const set = (who: Client, body: Record<string, unknown>) => who.request("PUT", "/api/v1/region-rules", { json: body });

beforeAll(async () => {
  server = await startTestServer();
  [district, street, community] = await Promise.all(["district", "street", "community"].map((u) => server.login(u)));
  const [{ region_code: d }] = await server.database.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'district'");
  const [{ region_code: s }] = await server.database.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'street'");
  [districtCode, streetCode] = [d, s];
});
afterAll(() => server?.close());

describe("region rules", () => {
  it("lists every rule with its value in force, where it comes from, the default and its bounds", async () => {
    const cap = await item(district, "timebank.capMinutes");
    expect(cap).toMatchObject({ value: 90_000, from: null, defaultValue: 90_000, limit: { kind: "number", min: 0 } });
    expect((await item(district, "workforce.bonusEducations")).limit.kind).toBe("list");
    expect((await street.get("/api/v1/region-rules")).body.regionCode).toBe(streetCode);
  });

  it("refuses values outside the bounds, unknown rules, past dates and those who may not set rules — writing nothing", async () => {
    const before = await rows();
    for (const body of [
      { key: "timebank.capMinutes", value: 45 }, // not in half hours
      { key: "timebank.granularityMinutes", value: 20 }, // 15, 30 or 60
      { key: "orders.geofenceMeters", value: 10 }, // below 50 m
      { key: "workforce.bonusEducations", value: ["bachelor", "phd"] },
      { key: "timebank.capMinutes", value: "many" },
      { key: "no.such", value: 1 },
      { key: "timebank.capMinutes", value: 60_000, effectiveFrom: "2000-01-01" },
    ]) {
      const res = await set(district, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const granularity = await set(district, { key: "timebank.granularityMinutes", value: 20 });
    expect(granularity.body.errors[0]).toMatchObject({ path: "value", message: "只能是 15 或 30 或 60" });
    expect((await set(street, { key: "timebank.capMinutes", value: 60_000 })).status).toBe(403);
    expect((await set(community, { key: "timebank.capMinutes", value: 60_000 })).status).toBe(403);
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    await server.database.query("INSERT INTO regions (code, name, level, parent_code) VALUES ('500198', '另一区', 3, '5001') ON CONFLICT DO NOTHING");
    await createUser({ ctx: sys, input: { username: "district-rules", displayName: "另一区民政局", password: TEST_PASSWORD, role: "district_admin", regionCode: "500198" } });
    const other = await server.login("district-rules");
    expect((await set(other, { regionCode: districtCode, key: "timebank.capMinutes", value: 60_000 })).status).toBe(404);
    expect((await other.get(`/api/v1/region-rules?regionCode=${districtCode}`)).status).toBe(404);
    expect(await rows()).toBe(before);
  });

  it("a value set by the district is in force at once for the district and its streets (a day's maximum refuses a longer service), audited; a later one is scheduled", async () => {
    const res = await set(district, { key: "timebank.dailyMaxMinutes", value: 60 });
    expect(res.status).toBe(200);
    expect(await item(street, "timebank.dailyMaxMinutes")).toMatchObject({ value: 60, from: districtCode, fromName: "九龙坡区" });
    const [audit] = await server.database.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_events WHERE action = 'region_rule.set' ORDER BY id DESC LIMIT 1");
    expect(audit!.detail).toMatchObject({ key: "timebank.dailyMaxMinutes", value: 60, before: 0 });
    // in force: a 90-minute service is more than the day's maximum now
    const elder = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0];
    const v = await community.post("/api/v1/volunteers", { name: "规则测试志愿者", idNumber: makeIdNumber(uniqueBirth(1966)), regionCode: elder.regionCode });
    await community.post(`/api/v1/volunteers/${v.body.id}/status`, { status: "verified" });
    const over = await community.post("/api/v1/timebank/services", { volunteerId: v.body.id, elderId: elder.id, day: today(), minutes: 90, description: "陪同就医" });
    expect(over.status).toBe(422);
    expect(over.body.detail).toContain("每天最多存入 1 小时");
    // next month's value waits for its day
    const next = new Date(Date.now() + 8 * 3600_000 + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await set(district, { key: "timebank.dailyMaxMinutes", value: 120, effectiveFrom: next })).status).toBe(200);
    expect(await item(district, "timebank.dailyMaxMinutes")).toMatchObject({ value: 60, scheduled: [{ effectiveFrom: next, value: 120 }] });
    await server.database.query("DELETE FROM region_rules WHERE key = 'timebank.dailyMaxMinutes'");
  });
});
