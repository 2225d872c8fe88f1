/**
 * Benchmark: telemetry ingest and alarm latency through the embedded MQTT broker.
 *
 *  1. Ingest: D devices publish QoS 1 heartbeats (each keeping W messages in flight) through the server's broker,
 *     where each is authenticated, validated and stored before its PUBACK — messages/s sustained — against the raw
 *     limit in the same run: a bare aedes broker (no auth, no storage) with one subscriber, the same publishers.
 *  2. Alarm latency: while heartbeats flow at half the measured ingest rate, SOS events are published one at a time;
 *     the time from publish to the alarm's Server-Sent Event at a signed-in operator, p50/p99.
 *
 *   npx tsx bench/alarms.ts [--engine pglite|postgres|both] [--devices 50] [--messages 20000]
 *
 *  3. The same two with an external Mosquitto (Debian's package, dynamic security): devices publish to Mosquitto,
 *     the server consumes through its shared subscription and acknowledges to Mosquitto after storing — messages/s
 *     stored (publish start to the last row) — against a bare Mosquitto (no plugin) in the same run delivering the same
 *     publishers' QoS 1 messages to one QoS 1 subscriber.
 *
 * Nothing is asserted.
 */
import net from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import { type Database, openDatabase, selectRows } from "@carecircle/db";
import { type Ctx, registerDevice, Secrets, SYSTEM_ACTOR } from "@carecircle/domain";
import { loadConfig, startServer } from "@carecircle/server";
import { Aedes } from "aedes";
import mqtt, { type MqttClient } from "mqtt";
import pino from "pino";
import { sql } from "drizzle-orm";
import { createDatabase, startPostgres } from "../test/pg-server.ts";
import { buildTemplate, TEST_PASSWORD, TEST_SECRET } from "../test/template.ts";
import { startMosquitto } from "../test/mosquitto.ts";

const { values: args } = parseArgs({ options: { engine: { type: "string", default: "both" }, devices: { type: "string", default: "50" }, messages: { type: "string", default: "20000" }, consumers: { type: "string", default: "16" }, "skip-external": { type: "boolean", default: false } } });
const DEVICES = Number(args.devices);
const MESSAGES = Number(args.messages);
const WINDOW = 16;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Each client publishes its share with W QoS 1 messages in flight; resolves with messages/s. */
async function pump(clients: { c: MqttClient; serial: string }[], total: number, body: (serial: string, n: number) => string): Promise<number> {
  const per = Math.ceil(total / clients.length);
  const t0 = performance.now();
  await Promise.all(
    clients.map(async ({ c, serial }) => {
      let next = 0;
      const worker = async () => {
        while (next < per) {
          const n = next++;
          await c.publishAsync(`cc/v1/devices/${serial}/heartbeat`, body(serial, n), { qos: 1 });
        }
      };
      await Promise.all(Array.from({ length: WINDOW }, worker));
    }),
  );
  return (per * clients.length) / ((performance.now() - t0) / 1000);
}

async function rawBroker(total: number): Promise<number> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle as (s: net.Socket) => void);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  let received = 0;
  const sub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
  await sub.subscribeAsync("cc/v1/devices/+/heartbeat", { qos: 1 });
  sub.on("message", () => received++);
  const clients = await Promise.all(Array.from({ length: DEVICES }, (_, i) => mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, clientId: `raw-${i}` }).then((c) => ({ c, serial: `RAW-${i}` }))));
  const rate = await pump(clients, total, (serial, n) => JSON.stringify({ eventId: `${serial}-${n}`, at: new Date().toISOString() }));
  for (const { c } of clients) await c.endAsync();
  await sub.endAsync();
  await new Promise<void>((r) => broker.close(() => r()));
  await new Promise<void>((r) => server.close(() => r()));
  void received;
  return rate;
}

/** While heartbeats flow at `target` msg/s, 100 SOS events one at a time: ms from publish to the alarm's SSE event at an operator. */
async function alarmLatency(url: string, database: Database, clients: { c: MqttClient; serial: string }[], target: number, hb: (serial: string, n: number) => string): Promise<number[]> {
  // alarm latency under load: heartbeats at half the measured rate, SOS one at a time, timed to the SSE event
  const login = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "district", password: TEST_PASSWORD }) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const ac = new AbortController();
  const stream = await fetch(`${url}/api/v1/alarms/stream`, { headers: { cookie }, signal: ac.signal });
  const reader = stream.body!.getReader();
  const waiting = new Map<string, (t: number) => void>();
  void (async () => {
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += new TextDecoder().decode(value);
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /data: (.*)/.exec(chunk)?.[1];
        if (data && chunk.includes("event: alarm")) {
          const e = JSON.parse(data) as { kind: string; alarmId: string; type: string };
          if (e.type === "sos") for (const [k, f] of waiting) if (k === "next") f(performance.now());
        }
      }
    }
  })();
  let loadOn = true;
  const load = (async () => {
    let n = 0;
    const start = performance.now();
    while (loadOn) {
      const due = ((performance.now() - start) / 1000) * target;
      const batch: Promise<unknown>[] = [];
      for (; n < due && batch.length < 200; n++) {
        const cl = clients[n % clients.length]!;
        batch.push(cl.c.publishAsync(`cc/v1/devices/${cl.serial}/heartbeat`, hb(cl.serial, n), { qos: 1 }));
      }
      await Promise.all(batch);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const latencies: number[] = [];
  const sosClient = clients[0]!;
  for (let i = 0; i < 100; i++) {
    // close the previous SOS alarm so that the next one is raised, not grouped
    await database.exec("UPDATE alarms SET status = 'closed' WHERE type = 'sos' AND status <> 'closed'");
    const got = new Promise<number>((resolve) => waiting.set("next", resolve));
    const t0 = performance.now();
    await sosClient.c.publishAsync(`cc/v1/devices/${sosClient.serial}/event`, JSON.stringify({ eventId: `sos-${i}`, at: new Date().toISOString(), type: "sos" }), { qos: 1 });
    latencies.push((await got) - t0);
    waiting.delete("next");
  }
  loadOn = false;
  await load;
  ac.abort();
  return latencies;
}

async function count(database: Database, like: string) {
  return Number((await selectRows<{ n: string }>(database.db, sql`SELECT count(*) AS n FROM device_messages WHERE event_id LIKE ${like}`))[0]!.n);
}

/** The external-broker path: Mosquitto with dynamic security in front, the server consuming its shared subscription. */
async function external(engine: string, database: Database, sys: Ctx) {
  const mosq = await startMosquitto();
  try {
    const config = loadConfig({ PORT: "0", MQTT_URL: mosq.url, MQTT_CONSUMERS: args.consumers, MQTT_CLIENT_ID: `bench-${engine}`, HOST: "127.0.0.1", DATA_DIR: os.tmpdir(), CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent", ORDER_SWEEP_SECONDS: "0" });
    const server = await startServer({ config, database, logger: pino({ level: "silent" }) });
    const elders = await selectRows<{ id: string }>(database.db, sql`SELECT id FROM elders LIMIT ${DEVICES}`);
    const clients: { c: MqttClient; serial: string }[] = [];
    for (let i = 0; i < DEVICES; i++) {
      // registered while the server runs: the account is provisioned in Mosquitto
      const d = await registerDevice({ ctx: sys, input: { serial: `BENCHX-${i}`, type: "wristband", vendor: "bench", model: "b", heartbeatSeconds: 300, elderId: elders[i % elders.length]!.id } });
      clients.push({ c: await mqtt.connectAsync(`mqtt://127.0.0.1:${mosq.port}`, { username: d.serial, password: d.credentials.password, reconnectPeriod: 0, clientId: d.serial }), serial: d.serial });
    }
    const stored = async (round: string, total: number) => {
      const t0 = performance.now();
      await pump(clients, total, (serial, n) => JSON.stringify({ eventId: `x${round}-${serial}-${n}`, at: new Date().toISOString() }));
      while ((await count(database, `x${round}-%`)) < total) await new Promise((r) => setTimeout(r, 20));
      return total / ((performance.now() - t0) / 1000);
    };
    await stored("w", DEVICES * 20); // warm-up
    const ingest = await stored("m", Math.ceil(MESSAGES / DEVICES) * DEVICES);
    const latency = await alarmLatency(server.url, database, clients, ingest / 2, (serial, n) => JSON.stringify({ eventId: `xl-${serial}-${n}`, at: new Date().toISOString() }));
    for (const { c } of clients) await c.endAsync();
    await server.close();
    const raw = await rawMosquitto(Math.ceil(MESSAGES / DEVICES) * DEVICES);
    console.log(`[${engine}] ingest through an external Mosquitto (dynamic security; ${args.consumers} consumer connections, stored before the broker is acknowledged): ${ingest.toFixed(0)} msg/s stored | raw Mosquitto pub/sub, no plugin, no processing: ${raw.toFixed(0)} msg/s | ratio ${((ingest / raw) * 100).toFixed(0)} %`);
    console.log(`[${engine}] alarm latency through Mosquitto, publish → SSE at the operator, while ${(ingest / 2).toFixed(0)} heartbeats/s flow: p50 ${pct(latency, 50).toFixed(1)} ms, p99 ${pct(latency, 99).toFixed(1)} ms (100 SOS)`);
  } finally {
    await mosq.stop();
  }
}

/** A bare Mosquitto: the same publishers, one QoS 1 subscriber; messages/s from the first publish to the last delivery. */
async function rawMosquitto(total: number): Promise<number> {
  const mosq = await startMosquitto({ plain: true });
  try {
    let received = 0;
    const sub = await mqtt.connectAsync(`mqtt://127.0.0.1:${mosq.port}`, { reconnectPeriod: 0, clientId: "raw-sub" });
    await sub.subscribeAsync("cc/v1/devices/+/heartbeat", { qos: 1 });
    sub.on("message", () => received++);
    const clients = await Promise.all(Array.from({ length: DEVICES }, (_, i) => mqtt.connectAsync(`mqtt://127.0.0.1:${mosq.port}`, { reconnectPeriod: 0, clientId: `raw-${i}` }).then((c) => ({ c, serial: `RAW-${i}` }))));
    const t0 = performance.now();
    await pump(clients, total, (serial, n) => JSON.stringify({ eventId: `${serial}-${n}`, at: new Date().toISOString() }));
    while (received < total) await new Promise((r) => setTimeout(r, 5));
    const rate = total / ((performance.now() - t0) / 1000);
    for (const { c } of clients) await c.endAsync();
    await sub.endAsync();
    return rate;
  } finally {
    await mosq.stop();
  }
}

async function run(engine: "pglite" | "postgres") {
  let stopPg: (() => Promise<void>) | undefined;
  let database: Database;
  if (engine === "postgres") {
    const pg = await startPostgres();
    stopPg = pg.stop;
    database = await openDatabase({ databaseUrl: await createDatabase(pg.url, "bench"), poolSize: 10 });
  } else database = await openDatabase();
  try {
    await buildTemplate(database);
    const secrets = new Secrets(TEST_SECRET);
    const sys: Ctx = { database, secrets, actor: SYSTEM_ACTOR };
    const elders = await selectRows<{ id: string }>(database.db, sql`SELECT id FROM elders LIMIT ${DEVICES}`);
    const creds: { serial: string; password: string }[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const d = await registerDevice({ ctx: sys, input: { serial: `BENCH-${i}`, type: "wristband", vendor: "bench", model: "b", heartbeatSeconds: 300, elderId: elders[i % elders.length]!.id } });
      creds.push({ serial: d.serial, password: d.credentials.password });
    }
    const config = loadConfig({ PORT: "0", MQTT_PORT: "0", HOST: "127.0.0.1", DATA_DIR: os.tmpdir(), CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent", ORDER_SWEEP_SECONDS: "0" });
    const server = await startServer({ config, database, logger: pino({ level: "silent" }) });
    const clients = await Promise.all(creds.map((d) => mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, { username: d.serial, password: d.password, reconnectPeriod: 0, clientId: d.serial }).then((c) => ({ c, serial: d.serial }))));
    let round = 0;
    const hb = (serial: string, n: number) => JSON.stringify({ eventId: `${serial}-${round}-${n}`, at: new Date().toISOString() });
    await pump(clients, 1000, hb); // warm-up
    round++;
    const ingest = await pump(clients, MESSAGES, hb);
    round++;
    const raw = await rawBroker(MESSAGES);
    console.log(`[${engine}] ingest through the embedded broker (auth, validate, store before PUBACK; ${DEVICES} devices × ${WINDOW} in flight): ${ingest.toFixed(0)} msg/s | raw aedes pub/sub, no processing: ${raw.toFixed(0)} msg/s | ratio ${((ingest / raw) * 100).toFixed(0)} %`);

    const latency = await alarmLatency(server.url, database, clients, ingest / 2, hb);
    console.log(`[${engine}] alarm latency, publish → SSE at the operator, while ${(ingest / 2).toFixed(0)} heartbeats/s flow: p50 ${pct(latency, 50).toFixed(1)} ms, p99 ${pct(latency, 99).toFixed(1)} ms (100 SOS)`);
    for (const { c } of clients) await c.endAsync();
    await server.close();
    if (!args["skip-external"]) await external(engine, database, sys);
  } finally {
    await database.close();
    await stopPg?.();
  }
}

console.log(`bench/alarms.ts on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
for (const e of args.engine === "both" ? (["pglite", "postgres"] as const) : [args.engine as "pglite" | "postgres"]) await run(e);
