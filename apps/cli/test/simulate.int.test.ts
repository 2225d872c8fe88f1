import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";
import { simulate } from "../src/simulate.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("carecircle simulate", () => {
  it("takes demo devices from the running server, publishes at the rate asked, resends duplicates, and every message is acknowledged and stored once", async () => {
    const opts = { server: server.url, mqtt: `mqtt://127.0.0.1:${server.mqttPort}`, username: "district", password: TEST_PASSWORD, devices: 5, rate: 200, duration: 2, sos: 2, falls: 1, duplicates: 0.5 };
    const r = await simulate(opts, () => {});
    expect(r.sent).toBeGreaterThan(400);
    expect(r.acknowledged).toBe(r.sent);
    expect(r.failed).toBe(0);
    const [row] = await server.database.query<{ n: string; ids: string }>("SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM device_messages d JOIN devices v ON v.id = d.device_id WHERE v.serial LIKE 'SIM-%'");
    expect(Number(row!.n)).toBe(400);
    expect(Number(row!.ids)).toBe(400);
    expect(r.alarmsRaised).toBeGreaterThanOrEqual(2);
    // a second run takes over the same devices (their secrets rotated), registering none
    const again = await simulate({ ...opts, duration: 1, sos: 0, falls: 0, duplicates: 0 }, () => {});
    expect(again.acknowledged).toBe(again.sent);
    const [devices] = await server.database.query<{ n: string }>("SELECT count(*) AS n FROM devices WHERE serial LIKE 'SIM-%'");
    expect(Number(devices!.n)).toBe(5);
  });
});
