import mqtt, { type MqttClient } from "mqtt";

export interface SimulateOptions {
  server: string;
  mqtt: string;
  password: string;
  username: string;
  devices: number;
  rate: number;
  duration: number;
  sos: number;
  falls: number;
  duplicates: number;
}

interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}
interface Credentials {
  credentials: { username: string; password: string };
}

async function signIn(o: SimulateOptions): Promise<Api> {
  const res = await fetch(`${o.server}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: o.username, password: o.password }) });
  if (!res.ok) throw new Error(`登录 ${o.server} 失败（${res.status}）：请用 --password 或 CARECIRCLE_DEMO_PASSWORD 给出演示密码`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${o.server}/api/v1${path}`, { method, headers: { cookie, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await r.json()) as T & { detail?: string };
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${json.detail ?? ""}`);
    return json;
  };
  return { get: <T>(p: string) => call<T>("GET", p), post: <T>(p: string, b?: unknown) => call<T>("POST", p, b ?? {}) };
}

/**
 * Demo devices over MQTT against a running server: it takes (or registers) `devices` simulated call buttons bound to
 * demo elders through the server's API, obtains their credentials by rotating their secrets, and publishes heartbeats
 * at `rate` messages/s for `duration` seconds, with `sos` SOS presses and `falls` falls spread over the run; with
 * `duplicates` (0–1) that share of messages is sent twice with the same event id, as a flaky network does.
 */
export async function simulate(o: SimulateOptions, log: (line: string) => void = (l) => process.stderr.write(l)) {
  const api = await signIn(o);
  const existing = (await api.get<{ items: { id: string; serial: string }[] }>("/devices")).items.filter((d) => d.serial.startsWith("SIM-"));
  const elders = (await api.get<{ items: { id: string }[] }>(`/elders?limit=${Math.min(Math.max(o.devices, 1), 200)}`)).items;
  const creds: { serial: string; password: string }[] = [];
  for (let i = 0; i < o.devices; i++) {
    const serial = `SIM-${String(i).padStart(5, "0")}`;
    const have = existing.find((d) => d.serial === serial);
    const r = have
      ? await api.post<Credentials>(`/devices/${have.id}/credentials`)
      : await api.post<Credentials>("/devices", { serial, type: "call_button", vendor: "CareCircle", model: "SIM-1", heartbeatSeconds: 300, elderId: elders[i % elders.length]!.id });
    creds.push({ serial, password: r.credentials.password });
  }
  const clients: MqttClient[] = await Promise.all(creds.map((c) => mqtt.connectAsync(o.mqtt, { username: c.serial, password: c.password, clientId: c.serial, reconnectPeriod: 1000 })));
  const total = Math.round(o.rate * o.duration);
  const specials = new Map<number, "sos" | "fall">();
  for (let k = 0; k < o.sos; k++) specials.set(Math.floor(((k + 0.5) / Math.max(o.sos, 1)) * total), "sos");
  for (let k = 0; k < o.falls; k++) specials.set(Math.floor(((k + 0.25) / Math.max(o.falls, 1)) * total) + 1, "fall");
  const started = new Date();
  const stats = { sent: 0, acked: 0, failed: 0 };
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  const progress = setInterval(() => log(`\r已发送 ${stats.sent} 条，已确认 ${stats.acked} 条，失败 ${stats.failed} 条   `), 500);
  for (let n = 0; n < total; n++) {
    // pace: message n is due at n / rate seconds
    const due = (n / o.rate) * 1000 - (performance.now() - t0);
    if (due > 5) await new Promise((r) => setTimeout(r, due));
    const i = n % clients.length;
    const kind = specials.get(n);
    const eventId = `${creds[i]!.serial}-${started.getTime()}-${n}`;
    const topic = `cc/v1/devices/${creds[i]!.serial}/${kind ? "event" : "heartbeat"}`;
    const body = JSON.stringify(kind ? { eventId, at: new Date().toISOString(), type: kind } : { eventId, at: new Date().toISOString() });
    const copies = Math.random() < o.duplicates ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      stats.sent++;
      const p = clients[i]!.publishAsync(topic, body, { qos: 1 }).then(
        () => void stats.acked++,
        () => void stats.failed++,
      );
      inflight.push(p);
      if (inflight.length > 2000) await Promise.all(inflight.splice(0, 1000));
    }
  }
  await Promise.all(inflight);
  clearInterval(progress);
  const secs = (performance.now() - t0) / 1000;
  for (const c of clients) await c.endAsync();
  const s = await api.get<{ alarms: number; byType: { type: string; count: number }[] }>(`/alarms/stats?from=${encodeURIComponent(started.toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`);
  log(`\r已发送 ${stats.sent} 条，已确认 ${stats.acked} 条，失败 ${stats.failed} 条   \n`);
  return { devices: clients.length, sent: stats.sent, acknowledged: stats.acked, failed: stats.failed, seconds: Math.round(secs * 10) / 10, perSecond: Math.round(stats.acked / secs), alarmsRaised: s.alarms, byType: s.byType };
}
