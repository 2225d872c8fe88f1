import { checkDeviceSilence, createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let operator: Client;
let elderId: string;
let creds: { username: string; password: string };
let deviceId: string;

beforeAll(async () => {
  server = await startTestServer();
  operator = await server.login("operator");
  elderId = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0].id;
  const res = await operator.post("/api/v1/devices", { serial: "SB-TEST-0001", type: "wristband", vendor: "3G", model: "Y2", heartbeatSeconds: 300, elderId });
  expect(res.status).toBe(201);
  creds = res.body.credentials;
  deviceId = res.body.id;
});
afterAll(() => server?.close());

const send = (body: Record<string, unknown>, auth = creds) =>
  server.anonymous().request("POST", "/api/v1/device-messages", { json: body, headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` } });
const now = () => new Date().toISOString();
const count = async (sql: string) => Number((await server.database.query<{ n: string }>(sql))[0]!.n);

describe("devices and alarms over HTTP", () => {
  it("registers a device once, bound to an elder of the region, and shows its credentials only then", async () => {
    expect((await operator.post("/api/v1/devices", { serial: "SB-TEST-0001", type: "wristband", vendor: "3G", model: "Y2", heartbeatSeconds: 300 })).status).toBe(409);
    const list = (await operator.get(`/api/v1/devices?elderId=${elderId}`)).body.items;
    expect(list.map((d: { serial: string }) => d.serial)).toContain("SB-TEST-0001");
    expect(JSON.stringify(list)).not.toContain(creds.password);
    const bad = await operator.post("/api/v1/devices", { serial: "bad serial!", type: "phone", vendor: "", model: "x", heartbeatSeconds: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["serial", "type", "vendor", "heartbeatSeconds"]));
  });

  it("a rotated secret replaces the old one at once", async () => {
    const d = await operator.post("/api/v1/devices", { serial: "SB-ROT-1", type: "smoke", vendor: "v", model: "m", heartbeatSeconds: 3600, elderId });
    const old = d.body.credentials;
    expect((await send({ kind: "heartbeat", eventId: "r-1", at: now() }, old)).status).toBe(202);
    const fresh = (await operator.post(`/api/v1/devices/${d.body.id}/credentials`)).body.credentials;
    expect((await send({ kind: "heartbeat", eventId: "r-2", at: now() }, old)).status).toBe(401);
    expect((await send({ kind: "heartbeat", eventId: "r-3", at: now() }, fresh)).status).toBe(202);
  });

  it("takes messages only with the device's own credentials, and refuses bad payloads storing nothing", async () => {
    expect((await server.anonymous().post("/api/v1/device-messages", { kind: "heartbeat", eventId: "h", at: now() })).status).toBe(401);
    expect((await send({ kind: "heartbeat", eventId: "h", at: now() }, { ...creds, password: "wrong" })).status).toBe(401);
    const before = await count("SELECT count(*) AS n FROM device_messages");
    const bad = await send({ kind: "event", eventId: "x", at: "yesterday", type: "panic" });
    expect(bad.status).toBe(422);
    expect(await count("SELECT count(*) AS n FROM device_messages")).toBe(before);
    const hb = await send({ kind: "heartbeat", eventId: "hb-1", at: now() });
    expect(hb.status).toBe(202);
    expect(hb.body).toMatchObject({ stored: true, duplicate: false, alarms: [] });
  });

  it("an SOS raises one alarm; its re-send is a duplicate; another SOS within the window joins it", async () => {
    const first = await send({ kind: "event", eventId: "sos-1", at: now(), type: "sos" });
    expect(first.body).toMatchObject({ stored: true, alarms: [{ type: "sos", grouped: false }] });
    const again = await send({ kind: "event", eventId: "sos-1", at: now(), type: "sos" });
    expect(again.body).toMatchObject({ stored: false, duplicate: true, alarms: [] });
    const second = await send({ kind: "event", eventId: "sos-2", at: now(), type: "sos" });
    expect(second.body.alarms[0]).toMatchObject({ id: first.body.alarms[0].id, grouped: true });
    const alarm = (await operator.get("/api/v1/alarms?status=open")).body.items.find((a: { id: string }) => a.id === first.body.alarms[0].id);
    expect(alarm).toMatchObject({ type: "sos", groupCount: 2, serial: "SB-TEST-0001", escalated: false, secondsToAcknowledge: null });
    expect(alarm.elderName).toBeTruthy();
  });

  it("low battery and vital signs out of range raise their alarms", async () => {
    expect((await send({ kind: "battery", eventId: "b-1", at: now(), percent: 12 })).body.alarms[0].type).toBe("low_battery");
    expect((await send({ kind: "vitals", eventId: "v-1", at: now(), heartRate: 150 })).body.alarms[0].type).toBe("vitals");
    expect((await send({ kind: "vitals", eventId: "v-2", at: now(), heartRate: 72 })).body.alarms).toEqual([]);
    const d = (await operator.get(`/api/v1/devices?elderId=${elderId}`)).body.items.find((x: { id: string }) => x.id === deviceId);
    expect(d.battery).toBe(12);
    expect(d.lastSeenAt).not.toBeNull();
  });

  it("the operator acknowledges, calls, sends for help and closes with an outcome, every step on record and timed", async () => {
    const raised = await send({ kind: "event", eventId: "fall-1", at: now(), type: "fall" });
    const id = raised.body.alarms[0].id as string;
    const act = (input: Record<string, unknown>) => operator.post(`/api/v1/alarms/${id}/actions`, input);
    expect((await act({ action: "call_elder", result: "no_answer" })).status).toBe(409);
    expect((await act({ action: "acknowledge" })).body.status).toBe("acknowledged");
    expect((await act({ action: "acknowledge" })).status).toBe(409);
    expect((await act({ action: "call_elder", result: "no_answer" })).status).toBe(200);
    expect((await act({ action: "call_family", result: "answered", notes: "女儿马上过去" })).status).toBe(200);
    expect((await act({ action: "call_emergency", result: "120" })).status).toBe(200);
    expect((await act({ action: "close", outcome: "gone" })).status).toBe(422);
    const closed = await act({ action: "close", outcome: "sent_to_hospital", notes: "120 送九龙坡区人民医院" });
    expect(closed.body.status).toBe("closed");
    expect(closed.body.actions.map((a: { action: string }) => a.action)).toEqual(["acknowledge", "call_elder", "call_family", "call_emergency", "close"]);
    expect((await act({ action: "note", notes: "x" })).status).toBe(409);
    // a real alarm closed: a care call is due tomorrow (Beijing); a false alarm schedules none
    const follow = (await operator.get("/api/v1/follow-ups")).body.items.find((f: { alarmId: string }) => f.alarmId === id);
    expect(follow).toMatchObject({ kind: "care_call", status: "open", alarmType: "fall", outcome: "sent_to_hospital" });
    expect(follow.dueDate > new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(true);
    const one = (await operator.get(`/api/v1/alarms/${id}`)).body;
    expect(one.actions.map((a: { action: string; actorName: string }) => [a.action, a.actorName])).toContainEqual(["call_family", "呼叫中心坐席"]);
    expect(one.actions.find((a: { action: string }) => a.action === "call_family").notes).toBe("女儿马上过去");
    const item = (await operator.get("/api/v1/alarms?status=closed")).body.items.find((a: { id: string }) => a.id === id);
    expect(item.secondsToAcknowledge).toBeGreaterThanOrEqual(0);
    expect(item.secondsToClose).toBeGreaterThanOrEqual(item.secondsToAcknowledge);
    expect(item.outcome).toBe("sent_to_hospital");
    await expect(server.database.exec(`DELETE FROM alarm_actions WHERE alarm_id = '${id}'`)).rejects.toThrow(/append-only/);
    const stats = (await operator.get(`/api/v1/alarms/stats?from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body;
    expect(stats.alarms).toBeGreaterThanOrEqual(3);
    expect(stats.acknowledgedWithin60sPercent).toBeGreaterThan(0);
    expect(stats.byOutcome).toEqual(expect.arrayContaining([{ outcome: "sent_to_hospital", count: 1 }]));
  });

  it("the live queue pushes a new alarm within a second; the family sees the alarm and its outcome", async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.url}/api/v1/alarms/stream`, { headers: { cookie: operator.cookie }, signal: ac.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read((t) => t.includes("event: ready"));
    const t0 = performance.now();
    const raised = await send({ kind: "event", eventId: `sos-live-${Date.now()}`, at: now(), type: "sos" });
    await read((t) => t.includes(raised.body.alarms[0].id));
    expect(performance.now() - t0).toBeLessThan(1000);
    ac.abort();
    const id = raised.body.alarms[0].id as string;
    await operator.post(`/api/v1/alarms/${id}/actions`, { action: "acknowledge" });
    await operator.post(`/api/v1/alarms/${id}/actions`, { action: "close", outcome: "false_alarm" });
    expect((await operator.get("/api/v1/follow-ups")).body.items.map((f: { alarmId: string }) => f.alarmId)).not.toContain(id);
    const family = await server.login("family");
    const mine = (await family.get(`/api/v1/me/elders/${elderId}/alarms`)).body.items.find((a: { id: string }) => a.id === id);
    expect(mine).toMatchObject({ type: "sos", status: "closed", outcome: "false_alarm" });
    expect(mine.steps.map((x: { action: string }) => x.action)).toEqual(["acknowledge", "close"]);
    expect((await (await server.login("street")).get(`/api/v1/me/elders/${elderId}/alarms`)).status).toBe(200);
    expect((await (await server.login("worker")).get(`/api/v1/me/elders/${elderId}/alarms`)).status).toBe(404);
  });

  it("on PostgreSQL, alarm news crosses servers: what one stores is NOTIFYed, and what another NOTIFYs reaches this server's consoles", async () => {
    if (server.engine !== "postgres") {
      expect(server.database.listen).toBeUndefined(); // one process holds PGlite: nothing to cross
      return;
    }
    const heard: string[] = [];
    const stop = await server.database.listen!("carecircle_alarms", (p) => heard.push(p));
    const raised = await send({ kind: "event", eventId: `sos-notify-${Date.now()}`, at: now(), type: "sos" });
    const id = raised.body.alarms[0].id as string;
    for (const end = Date.now() + 3000; !heard.some((p) => p.includes(id)) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(heard.find((p) => p.includes(id))!).event).toMatchObject({ kind: expect.stringMatching(/raised|grouped/), alarmId: id, type: "sos" });
    await stop();
    // another server's news, as it would arrive
    const ac = new AbortController();
    const res = await fetch(`${server.url}/api/v1/alarms/stream`, { headers: { cookie: operator.cookie }, signal: ac.signal });
    const reader = res.body!.getReader();
    let text = "";
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read((t) => t.includes("event: ready"));
    const foreign = { origin: "another-server", event: { kind: "raised", alarmId: "00000000-0000-4000-8000-00000000f00d", type: "fall", regionCode: "500107001001", status: "open" } };
    const elsewhere = { origin: "another-server", event: { ...foreign.event, alarmId: "00000000-0000-4000-8000-00000000beef", regionCode: "110101" } };
    await server.database.query("SELECT pg_notify('carecircle_alarms', $1), pg_notify('carecircle_alarms', $2)", [JSON.stringify(elsewhere), JSON.stringify(foreign)]);
    await read((t) => t.includes("f00d"));
    expect(text).not.toContain("beef"); // another region's news is not this operator's
    ac.abort();
  });

  it("a device gone silent raises offline; a safety bell without an 'I'm OK' for 24 hours raises inactivity — once each", async () => {
    const bell = await operator.post("/api/v1/devices", { serial: "BELL-0001", type: "safety_bell", vendor: "v", model: "m", heartbeatSeconds: 3600, elderId });
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    const later = new Date(Date.now() + 25 * 3600_000);
    const first = await checkDeviceSilence(sys, later);
    expect(first.offline).toBeGreaterThanOrEqual(2); // the wristband and the bell
    expect(first.inactivity).toBe(1);
    const again = await checkDeviceSilence(sys, later);
    expect(again.raised).toEqual([]);
    const mine = (await operator.get("/api/v1/alarms?status=open")).body.items.filter((a: { serial: string }) => a.serial === "BELL-0001").map((a: { type: string }) => a.type).sort();
    expect(mine).toEqual(["inactivity", "offline"]);
    // an "I'm OK" press counts: a fresh bell that pressed it is not inactive
    const bell2 = await operator.post("/api/v1/devices", { serial: "BELL-0002", type: "safety_bell", vendor: "v", model: "m", heartbeatSeconds: 86400 * 7, elderId });
    await send({ kind: "event", eventId: "ok-1", at: new Date(Date.now() + 24 * 3600_000).toISOString(), type: "ok_press" }, bell2.body.credentials);
    const third = await checkDeviceSilence(sys, later);
    expect(third.inactivity).toBe(0);
    void bell;
  });

  it("lists the caregivers near the elder with a product to send them under; sending one places an emergency order (once, however often retried)", async () => {
    const raised = await send({ kind: "event", eventId: "sos-dispatch", at: now(), type: "sos" });
    const id = raised.body.alarms[0].id as string;
    const near = (await operator.get(`/api/v1/alarms/${id}/responders`)).body;
    expect(near.items.length).toBeGreaterThan(0);
    const ds = near.items.map((r: { distanceMeters: number }) => r.distanceMeters);
    for (const r of near.items) expect(r.distanceMeters).toBeLessThanOrEqual(near.radiusKm * 1000);
    expect(near.items[0].phone).toMatch(/\*/);
    // on duty and free first, then nearest
    const free = near.items.filter((r: { onDuty: boolean; busy: boolean }) => r.onDuty && !r.busy).map((r: { distanceMeters: number }) => r.distanceMeters);
    expect(free).toEqual([...free].sort((a: number, b: number) => a - b));
    expect(ds.length).toBe(near.items.length);
    const pick = near.items.find((r: { product: unknown }) => r.product);
    expect(pick).toBeTruthy();
    const act = (input: Record<string, unknown>) => operator.post(`/api/v1/alarms/${id}/actions`, input);
    expect((await act({ action: "dispatch", notes: "就近派人", workerId: pick.workerId, productId: pick.product.id })).status).toBe(409); // not acknowledged yet
    await act({ action: "acknowledge" });
    expect((await act({ action: "dispatch", notes: "就近派人", workerId: pick.workerId })).status).toBe(422);
    const orders = () => count(`SELECT count(*) AS n FROM service_orders WHERE elder_id = '${elderId}' AND notes LIKE '告警派单%'`);
    const before = await orders();
    const sent = await act({ action: "dispatch", notes: "就近派人", workerId: pick.workerId, productId: pick.product.id });
    expect(sent.status).toBe(200);
    const step = sent.body.actions.at(-1);
    expect(step.result).toMatch(/^\S+$/);
    expect(step.notes).toContain(step.result);
    expect(await orders()).toBe(before + 1);
    const again = await act({ action: "dispatch", notes: "就近派人", workerId: pick.workerId, productId: pick.product.id });
    expect(again.body.actions.at(-1).result).toBe(step.result);
    expect(await orders()).toBe(before + 1);
    const [order] = await server.database.query<{ status: string; worker_id: string | null; channel: string }>(`SELECT status, worker_id, channel FROM service_orders WHERE order_no = '${step.result}'`);
    expect(order!.channel).toBe("hotline");
    // the provider accepts automatically and the chosen caregiver has it — unless off duty now, when the note says so
    if (order!.status === "assigned") expect(order!.worker_id).toBe(pick.workerId);
    else expect(step.notes).toMatch(/无法接单|待服务商接单/);
  });

  it("reveals a family contact's full phone for calling, on record; pages the alarm lists; names the device's elder", async () => {
    const contact = await operator.get(`/api/v1/elders/${elderId}/contacts`);
    let contactId = contact.body.items[0]?.id as string | undefined;
    if (!contactId) {
      const district = await server.login("district");
      contactId = (await district.post(`/api/v1/elders/${elderId}/contacts`, { name: "李芳", relation: "女儿", phone: "13800138000" })).body.id;
    }
    const full = await operator.post(`/api/v1/elders/${elderId}/contacts/${contactId}/reveal`);
    expect(full.status).toBe(200);
    expect(full.body.phone).toMatch(/^1\d{10}$/);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'contact.reveal' AND target_id = '${elderId}'`)).toBeGreaterThanOrEqual(1);
    expect((await operator.post(`/api/v1/elders/${elderId}/contacts/00000000-0000-4000-8000-000000000000/reveal`)).status).toBe(404);

    const first = (await operator.get("/api/v1/alarms?limit=2")).body;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await operator.get(`/api/v1/alarms?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((a: { id: string }) => a.id)).not.toEqual(expect.arrayContaining(first.items.map((a: { id: string }) => a.id)));
    expect(second.items[0].raisedAt <= first.items[1].raisedAt).toBe(true);
    expect((await operator.get("/api/v1/alarms?cursor=nonsense")).status).toBe(400);
    const elder = await server.login("elder");
    const mine = (await elder.get(`/api/v1/me/elders/${elderId}/alarms?limit=1`)).body;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toHaveProperty("occurredAt"); // the device's own time; null for alarms no message raised (offline)
    expect((await elder.get(`/api/v1/me/elders/${elderId}/alarms?limit=50`)).body.items.some((a: { occurredAt: string | null }) => a.occurredAt)).toBe(true);
    const older = (await elder.get(`/api/v1/me/elders/${elderId}/alarms?limit=1&cursor=${mine.nextCursor}`)).body;
    expect(older.items[0].id).not.toBe(mine.items[0].id);

    const d = (await operator.get(`/api/v1/devices?elderId=${elderId}`)).body.items.find((x: { serial: string }) => x.serial === "SB-TEST-0001");
    expect(d.elderName).toBeTruthy();
  });

  it("is scoped: another street's staff sees none of it; a role without the alarm center is refused", async () => {
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    await createUser({ ctx: sys, input: { username: "street-c", displayName: "c", password: TEST_PASSWORD, role: "street_staff", regionCode: "500107002" } });
    const other = await server.login("street-c");
    expect((await other.get("/api/v1/alarms")).body.items).toEqual([]);
    expect((await other.get("/api/v1/devices")).body.items.map((d: { id: string }) => d.id)).not.toContain(deviceId);
    expect((await other.post(`/api/v1/devices/${deviceId}/binding`, { elderId: null })).status).toBe(404);
    const anyAlarm = (await operator.get("/api/v1/alarms")).body.items[0].id;
    expect((await other.post(`/api/v1/alarms/${anyAlarm}/actions`, { action: "acknowledge" })).status).toBe(404);
    expect((await (await server.login("community")).get("/api/v1/alarms")).status).toBe(403);
    expect((await other.post("/api/v1/devices", { serial: "SB-X", type: "smoke", vendor: "v", model: "m", heartbeatSeconds: 3600, elderId })).status).toBe(404);
    expect((await other.get(`/api/v1/alarms/${anyAlarm}/responders`)).status).toBe(404);
    const contactId = (await operator.get(`/api/v1/elders/${elderId}/contacts`)).body.items[0].id;
    expect((await other.post(`/api/v1/elders/${elderId}/contacts/${contactId}/reveal`)).status).toBe(404);
    expect((await other.get(`/api/v1/me/elders/${elderId}/alarms`)).status).toBe(404);
  });
});
