import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let operator: Client;
let elderId: string;
const devices: Record<string, { username: string; password: string }> = {};

beforeAll(async () => {
  server = await startTestServer();
  operator = await server.login("operator");
  elderId = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0].id;
  for (const serial of ["MQ-0001", "MQ-0002"]) {
    const res = await operator.post("/api/v1/devices", { serial, type: "call_button", vendor: "CareCircle", model: "K1", heartbeatSeconds: 3600, elderId });
    devices[serial] = res.body.credentials;
  }
});
afterAll(() => server?.close());

const connect = (serial: string, password = devices[serial]!.password) =>
  mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, { username: serial, password, clientId: `${serial}-${Math.random()}`, reconnectPeriod: 0, connectTimeout: 5000 });
const count = async (sql: string) => Number((await server.database.query<{ n: string }>(sql))[0]!.n);
const at = () => new Date().toISOString();

describe("the embedded MQTT broker", () => {
  it("refuses a device with the wrong secret", async () => {
    await expect(connect("MQ-0001", "wrong")).rejects.toThrow();
  });

  it("stores a QoS 1 SOS before acknowledging it (the alarm is there when the PUBACK arrives); a re-send raises nothing new", async () => {
    const c = await connect("MQ-0001");
    const body = JSON.stringify({ eventId: "mq-sos-1", at: at(), type: "sos" });
    await c.publishAsync("cc/v1/devices/MQ-0001/event", body, { qos: 1 });
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'mq-sos-1'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM alarms a JOIN devices d ON d.id = a.device_id WHERE d.serial = 'MQ-0001' AND a.type = 'sos'")).toBe(1);
    await c.publishAsync("cc/v1/devices/MQ-0001/event", body, { qos: 1 });
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'mq-sos-1'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM alarms a JOIN devices d ON d.id = a.device_id WHERE d.serial = 'MQ-0001' AND a.type = 'sos'")).toBe(1);
    // a malformed payload is acknowledged and dropped, not retried forever
    await c.publishAsync("cc/v1/devices/MQ-0001/battery", JSON.stringify({ eventId: "b", at: at(), percent: 250 }), { qos: 1 });
    await c.publishAsync("cc/v1/devices/MQ-0001/battery", "not json", { qos: 1 });
    expect(await count("SELECT count(*) AS n FROM device_messages d JOIN devices v ON v.id = d.device_id WHERE v.serial = 'MQ-0001' AND d.kind = 'battery'")).toBe(0);
    await c.endAsync();
    const alarms = (await operator.get("/api/v1/alarms?status=open")).body.items;
    expect(alarms.some((a: { serial: string; type: string }) => a.serial === "MQ-0001" && a.type === "sos")).toBe(true);
  });

  it("a device may publish only to its own topics, and may not subscribe", async () => {
    const c = await connect("MQ-0002");
    const closed = new Promise((resolve) => c.once("close", resolve));
    c.publish("cc/v1/devices/MQ-0001/event", JSON.stringify({ eventId: "spoof", at: at(), type: "sos" }), { qos: 1 });
    await closed;
    expect(await count("SELECT count(*) AS n FROM device_messages WHERE event_id = 'spoof'")).toBe(0);
    const d = await connect("MQ-0002");
    const granted = await d.subscribeAsync("cc/v1/devices/#", { qos: 1 }).catch((e: Error) => e);
    expect(Array.isArray(granted) ? granted[0]!.qos : 128).toBe(128);
    await d.endAsync(true);
  });

  it("an alarm goes to the elder the device is bound to now, though it connected before the re-binding", async () => {
    const c = await connect("MQ-0001");
    const other = (await operator.get("/api/v1/elders?limit=5")).body.items.find((e: { id: string }) => e.id !== elderId).id as string;
    const id = (await operator.get("/api/v1/devices")).body.items.find((d: { serial: string }) => d.serial === "MQ-0001").id;
    expect((await operator.post(`/api/v1/devices/${id}/binding`, { elderId: other })).status).toBe(200);
    await c.publishAsync("cc/v1/devices/MQ-0001/event", JSON.stringify({ eventId: "mq-rebound", at: at(), type: "fall" }), { qos: 1 });
    const [a] = await server.database.query<{ elder_id: string }>("SELECT a.elder_id FROM alarms a JOIN device_messages m ON m.id = a.message_id WHERE m.event_id = 'mq-rebound'");
    expect(a!.elder_id).toBe(other);
    await c.endAsync();
  });
});
