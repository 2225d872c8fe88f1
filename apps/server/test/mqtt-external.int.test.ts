import mqtt from "mqtt";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";
import { type Mosquitto, startMosquitto } from "../../../test/mosquitto.ts";
import { connectExternalBroker } from "../src/mqtt-external.ts";
import { SYSTEM_ACTOR } from "@carecircle/domain";

// Devices on an external Mosquitto (Debian's package, dynamic security): the server provisions their accounts,
// consumes through a shared subscription, and acknowledges to the broker only what it has stored.
let broker: Mosquitto;
let server: TestServer;
let operator: Client;
let elderId: string;
const creds: Record<string, string> = {};

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startTestServer({ MQTT_URL: broker.url, MQTT_CONSUMERS: "4", MQTT_CLIENT_ID: "cc-test-a" });
  operator = await server.login("operator");
  elderId = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0].id;
  for (const serial of ["EX-0001", "EX-0002"]) {
    const res = await operator.post("/api/v1/devices", { serial, type: "call_button", vendor: "CareCircle", model: "K1", heartbeatSeconds: 3600, elderId });
    expect(res.status).toBe(201);
    creds[serial] = res.body.credentials.password;
  }
});
afterAll(async () => {
  await server?.close();
  await broker?.stop();
});

const device = (serial: string, password = creds[serial]!) =>
  mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { username: serial, password, clientId: `${serial}-${Math.random()}`, reconnectPeriod: 0, connectTimeout: 5000 });
const count = async (sql: string) => Number((await server.database.query<{ n: string }>(sql))[0]!.n);
const at = () => new Date().toISOString();
async function until(what: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("an external broker (Mosquitto)", () => {
  it("runs without the embedded broker and takes device accounts from registration: the secret works, a wrong one does not", async () => {
    expect(server.mqttPort).toBeNull();
    const c = await device("EX-0001");
    await c.endAsync();
    await expect(device("EX-0001", "wrong")).rejects.toThrow();
  });

  it("stores an SOS sent through the broker and raises one alarm; the same event again raises nothing", async () => {
    const c = await device("EX-0001");
    const body = JSON.stringify({ eventId: "ex-sos-1", at: at(), type: "sos" });
    await c.publishAsync("cc/v1/devices/EX-0001/event", body, { qos: 1 });
    await until(async () => (await count("SELECT count(*) AS n FROM alarms a JOIN devices d ON d.id = a.device_id WHERE d.serial = 'EX-0001' AND a.type = 'sos'")) === 1);
    await c.publishAsync("cc/v1/devices/EX-0001/event", body, { qos: 1 });
    await c.publishAsync("cc/v1/devices/EX-0001/heartbeat", JSON.stringify({ eventId: "ex-after-dup", at: at() }), { qos: 1 });
    await until(async () => (await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'ex-after-dup'")) === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'ex-sos-1'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM alarms a JOIN devices d ON d.id = a.device_id WHERE d.serial = 'EX-0001' AND a.type = 'sos'")).toBe(1);
    await c.endAsync();
  });

  it("the broker keeps a device to its own topics: a message to another device's topic never reaches the platform", async () => {
    const c = await device("EX-0002");
    await c.publishAsync("cc/v1/devices/EX-0001/event", JSON.stringify({ eventId: "ex-spoof", at: at(), type: "sos" }), { qos: 1 });
    await c.publishAsync("cc/v1/devices/EX-0002/heartbeat", JSON.stringify({ eventId: "ex-own", at: at() }), { qos: 1 });
    await until(async () => (await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'ex-own'")) === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'ex-spoof'")).toBe(0);
    await c.endAsync();
  });

  it("a re-keyed device signs in with its new secret only", async () => {
    const id = (await operator.get("/api/v1/devices")).body.items.find((d: { serial: string }) => d.serial === "EX-0002").id;
    const res = await operator.post(`/api/v1/devices/${id}/credentials`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await expect(device("EX-0002")).rejects.toThrow();
    creds["EX-0002"] = res.body.credentials.password;
    await (await device("EX-0002")).endAsync();
  });

  it("two servers split the messages (shared subscription), and messages sent while every server is down arrive when one comes back", async () => {
    // a second server's consumers on the same database
    const ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    const second = await connectExternalBroker({ ctx, url: broker.url, clientId: "cc-test-b", consumers: 4, provision: false, logger: pino({ level: "silent" }) });
    const first = server.externalBroker!;
    const before = first.received.reduce((a, b) => a + b, 0);
    const c = await device("EX-0001");
    for (let i = 0; i < 200; i++) await c.publishAsync("cc/v1/devices/EX-0001/heartbeat", JSON.stringify({ eventId: `ex-split-${i}`, at: at() }), { qos: 1 });
    await until(async () => (await count("SELECT count(*) AS n FROM device_messages WHERE event_id LIKE 'ex-split-%'")) === 200);
    const byFirst = first.received.reduce((a, b) => a + b, 0) - before;
    const bySecond = second.received.reduce((a, b) => a + b, 0);
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    // every server away: the broker keeps the messages in their sessions
    await second.close();
    await first.close();
    for (let i = 0; i < 50; i++) await c.publishAsync("cc/v1/devices/EX-0001/heartbeat", JSON.stringify({ eventId: `ex-away-${i}`, at: at() }), { qos: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id LIKE 'ex-away-%'")).toBe(0);
    const back = await connectExternalBroker({ ctx, url: broker.url, clientId: "cc-test-a", consumers: 4, provision: false, logger: pino({ level: "silent" }) });
    const again = await connectExternalBroker({ ctx, url: broker.url, clientId: "cc-test-b", consumers: 4, provision: false, logger: pino({ level: "silent" }) });
    await until(async () => (await count("SELECT count(*) AS n FROM device_messages WHERE event_id LIKE 'ex-away-%'")) === 50);
    await c.endAsync();
    await back.close();
    await again.close();
  });
});
