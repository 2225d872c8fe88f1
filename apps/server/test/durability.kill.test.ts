import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@carecircle/db";
import mqtt from "mqtt";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, freePort } from "../../../test/pg-server.ts";
import { Client } from "../../../test/harness.ts";

/**
 * Nothing acknowledged is lost: the real server process takes QoS 1 alarms from devices over MQTT, is killed with
 * SIGKILL in the middle of the load, and is started again on the same database (PGlite data directory, or a
 * PostgreSQL database). Every event whose PUBACK the device received is stored; re-sending everything stores each
 * event once and raises no alarm twice.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const engine = inject("engine");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-kill-"));
const PASSWORD = "Kill-test-2026";
const children: ChildProcess[] = [];
let databaseUrl: string | undefined;

function start(port: number, mqttPort: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(mqttPort),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      CARECIRCLE_DEMO_ELDERS: "60",
      CARECIRCLE_DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: "warn",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, exited };
}

async function waitReady(port: number) {
  for (const until = Date.now() + 90_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
  }
  throw new Error("server did not become ready");
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`kill -9 mid-load (${engine})`, () => {
  it("keeps every acknowledged event and raises no alarm twice", { timeout: 240_000 }, async () => {
    if (engine === "postgres") databaseUrl = await createDatabase(inject("pgAdminUrl"), `kill_${crypto.randomBytes(4).toString("hex")}`);
    const [port, mqttPort] = [await freePort(), await freePort()];
    let server = start(port, mqttPort);
    await waitReady(port);

    // devices bound to demo elders, through the API
    const district = new Client(`http://127.0.0.1:${port}`);
    expect((await district.post("/api/v1/auth/login", { username: "district", password: PASSWORD })).status).toBe(200);
    const elders = (await district.get("/api/v1/elders?limit=4")).body.items as { id: string }[];
    const devs: { serial: string; password: string }[] = [];
    for (const [i, e] of elders.entries()) {
      const r = await district.post("/api/v1/devices", { serial: `KILL-${i}`, type: "call_button", vendor: "CareCircle", model: "K1", heartbeatSeconds: 3600, elderId: e.id });
      devs.push({ serial: `KILL-${i}`, password: r.body.credentials.password });
    }

    // load: every device publishes QoS 1 messages as fast as it is acknowledged; one in five is an SOS
    const acked = new Set<string>();
    const sent: { serial: string; topic: string; body: string; eventId: string }[] = [];
    let stop = false;
    const clients = await Promise.all(devs.map((d) => mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { username: d.serial, password: d.password, reconnectPeriod: 0, clientId: d.serial })));
    const loops = clients.map(async (c, i) => {
      for (let n = 0; !stop; n++) {
        const sos = n % 5 === 0;
        const eventId = `${devs[i]!.serial}-${n}`;
        const topic = `cc/v1/devices/${devs[i]!.serial}/${sos ? "event" : "heartbeat"}`;
        const body = JSON.stringify(sos ? { eventId, at: new Date().toISOString(), type: "sos" } : { eventId, at: new Date().toISOString() });
        sent.push({ serial: devs[i]!.serial, topic, body, eventId });
        try {
          await c.publishAsync(topic, body, { qos: 1 });
          acked.add(eventId);
        } catch {
          return; // the connection went with the server
        }
      }
    });
    for (const until = Date.now() + 60_000; acked.size < 200 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    server.child.kill("SIGKILL");
    await server.exited;
    stop = true;
    // publishes in flight when the server died never settle: close the clients and leave those promises
    for (const c of clients) c.end(true);
    void loops;
    expect(acked.size).toBeGreaterThanOrEqual(200);

    // restart on the same database
    server = start(port, mqttPort);
    await waitReady(port);
    const query = async <T,>(sql: string): Promise<T[]> => {
      if (databaseUrl) {
        const db = await openDatabase({ databaseUrl, poolSize: 1 });
        try {
          return await db.query<T>(sql);
        } finally {
          await db.close();
        }
      }
      // PGlite: ask the server to stop, read the directory, start it again
      server.child.kill("SIGTERM");
      await server.exited;
      const db = await openDatabase({ dataDir });
      try {
        return await db.query<T>(sql);
      } finally {
        await db.close();
        server = start(port, mqttPort);
        await waitReady(port);
      }
    };
    const storedIds = new Set((await query<{ event_id: string }>("SELECT event_id FROM device_messages")).map((r) => r.event_id));
    const lost = [...acked].filter((id) => !storedIds.has(id));
    expect(lost).toEqual([]);
    const alarmsBefore = Number((await query<{ n: string }>("SELECT count(*) AS n FROM alarms"))[0]!.n);
    expect(alarmsBefore).toBeGreaterThan(0);

    // the devices re-send everything (as a flaky network would): each event stored once, no alarm twice
    const again = await Promise.all(devs.map((d) => mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { username: d.serial, password: d.password, reconnectPeriod: 0, clientId: `${d.serial}-2` })));
    for (const m of sent) await again[devs.findIndex((d) => d.serial === m.serial)]!.publishAsync(m.topic, m.body, { qos: 1 });
    for (const c of again) await c.endAsync();
    const rows = await query<{ n: string; distinct_ids: string; alarms: string; raised_from: string }>(
      "SELECT (SELECT count(*) FROM device_messages) AS n, (SELECT count(DISTINCT (device_id, event_id)) FROM device_messages) AS distinct_ids, (SELECT count(*) FROM alarms) AS alarms, (SELECT count(DISTINCT message_id) FROM alarms) AS raised_from",
    );
    expect(Number(rows[0]!.n)).toBe(new Set(sent.map((m) => m.eventId)).size);
    expect(Number(rows[0]!.distinct_ids)).toBe(Number(rows[0]!.n));
    expect(Number(rows[0]!.raised_from)).toBe(Number(rows[0]!.alarms));
    // the re-sent SOS that had been stored raised nothing; the new ones joined the open alarms (grouping)
    expect(Number(rows[0]!.alarms)).toBe(alarmsBefore);
    server.child.kill("SIGTERM");
    await server.exited;
  });
});
