import { createUser, type Ctx, ensureDemoTimebank, SYSTEM_ACTOR } from "@carecircle/domain";
import { distanceMeters } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput, makeIdNumber, makePhone, north, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// Time-bank volunteers on the alarm console's nearby list (over HTTP, both engines): only verified volunteers of the
// alarm's district living within the radius; 请志愿者前往 records a dispatch step naming them and places no order;
// their full phone is read on record; nothing of it crosses into another region.
let server: TestServer;
let district: Client;
let operator: Client;
let alarmId: string;
let elderId: string;
const HOME = { lat: 29.5031, lng: 106.5123 };
const COMMUNITY = "500107001001";
const count = async (q: string) => Number((await server.database.query<{ n: string }>(q))[0]!.n);
const sys = (): Ctx => ({ database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR });

async function volunteer(as: Client, name: string, over: Record<string, unknown> = {}, verified = true) {
  const res = await as.post("/api/v1/volunteers", { name, idNumber: makeIdNumber(uniqueBirth(1963), "F"), phone: makePhone(), regionCode: COMMUNITY, team: "应急邻里队", ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (verified) expect((await as.post(`/api/v1/volunteers/${res.body.id}/status`, { status: "verified" })).status).toBe(200);
  return res.body as { id: string; name: string; phone: string };
}
const responders = async (as = operator, id = alarmId) => as.get(`/api/v1/alarms/${id}/responders`);
const act = (input: Record<string, unknown>, as = operator) => as.post(`/api/v1/alarms/${alarmId}/actions`, input);

beforeAll(async () => {
  server = await startTestServer();
  [district, operator] = await Promise.all(["district", "operator"].map((u) => server.login(u)));
  const elder = await district.post("/api/v1/elders", elderInput({ name: "求助老人", regionCode: COMMUNITY, ...HOME }));
  expect(elder.status, JSON.stringify(elder.body)).toBe(201);
  elderId = elder.body.id;
  const device = await operator.post("/api/v1/devices", { serial: `SB-VOL-${Date.now() % 1e6}`, type: "call_button", vendor: "v", model: "m", heartbeatSeconds: 3600, elderId });
  expect(device.status).toBe(201);
  const { username, password } = device.body.credentials;
  const raised = await server
    .anonymous()
    .request("POST", "/api/v1/device-messages", { json: { kind: "event", eventId: "vol-sos-1", at: new Date().toISOString(), type: "sos" }, headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` } });
  expect(raised.status).toBe(202);
  alarmId = raised.body.alarms[0].id;
  // a neighbouring district (南岸区) the demo data lacks: a community of it, a few hundred metres across the river
  await server.database.query(
    `INSERT INTO regions (code, name, level, parent_code, lat, lng) VALUES ('500108', '南岸区', 3, '5001', 29.52, 106.56), ('500108001', '测试街道', 4, '500108', 29.52, 106.56), ('500108001001', '测试社区', 5, '500108001', 29.52, 106.56) ON CONFLICT DO NOTHING`,
  );
  await createUser({ ctx: sys(), input: { username: "op-nanan", displayName: "南岸坐席", password: TEST_PASSWORD, role: "operator", regionCode: "500108" } });
  await createUser({ ctx: sys(), input: { username: "street-vol-c", displayName: "c", password: TEST_PASSWORD, role: "street_staff", regionCode: "500107002" } });
});
afterAll(() => server?.close());

describe("volunteers near an alarm", () => {
  let near: { id: string; name: string; phone: string };
  let patched: { id: string };

  it("lists verified volunteers of the district living within the radius, nearest among the caregivers after those on duty and free", async () => {
    near = await volunteer(district, "邻居王阿姨", north(HOME, 300));
    await volunteer(district, "远处李叔", north(HOME, 8000)); // 8 km away
    await volunteer(district, "待审张姐", north(HOME, 200), false); // not verified yet
    await volunteer(district, "无号码赵哥", { ...north(HOME, 250), phone: undefined }); // nobody could call him
    patched = await volunteer(district, "后补坐标陈姐"); // no position yet
    const city = await server.login("city");
    const other = await volunteer(city, "邻区刘哥", { ...north(HOME, 100), regionCode: "500108001001" }); // near, but of another district

    const list = (await responders(city)).body; // the city sees both districts: the district rule, not its scope, leaves 刘哥 out
    const names = list.items.filter((r: { kind: string }) => r.kind === "volunteer").map((r: { name: string }) => r.name);
    expect(names).toEqual(["邻居王阿姨"]);
    expect(JSON.stringify(list)).not.toContain(other.id);

    const mine = (await responders()).body.items as { kind: string; volunteerId?: string; phone: string; distanceMeters: number; onDuty?: boolean; busy?: boolean; team?: string }[];
    const v = mine.find((r) => r.kind === "volunteer")!;
    expect(v).toMatchObject({ volunteerId: near.id, team: "应急邻里队" });
    expect(v.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(v.distanceMeters).toBeGreaterThan(250);
    expect(v.distanceMeters).toBeLessThan(350);
    // the demo district's caregivers stay on the list, as workers
    expect(mine.some((r) => r.kind === "worker")).toBe(true);
    expect(mine.filter((r) => r.kind === "worker").every((r) => typeof r.onDuty === "boolean")).toBe(true);
    // caregivers on duty and free first; after them everyone else by distance
    const firstRest = mine.findIndex((r) => !(r.kind === "worker" && r.onDuty && !r.busy));
    const rest = mine.slice(firstRest).map((r) => r.distanceMeters);
    expect(mine.slice(firstRest).every((r) => !(r.kind === "worker" && r.onDuty && !r.busy))).toBe(true);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it("staff give a volunteer a home position later (audited); half a position or another street's staff change nothing", async () => {
    const half = await district.post("/api/v1/volunteers", { name: "半个坐标", idNumber: makeIdNumber(uniqueBirth(1963)), regionCode: COMMUNITY, lat: HOME.lat });
    expect(half.status).toBe(422);
    expect(half.body.errors[0].path).toBe("lng");
    expect((await district.patch(`/api/v1/volunteers/${patched.id}`, { lat: HOME.lat })).status).toBe(422);
    expect((await district.patch(`/api/v1/volunteers/${patched.id}`, {})).status).toBe(422);
    const stranger = await server.login("street-vol-c");
    expect((await stranger.patch(`/api/v1/volunteers/${patched.id}`, north(HOME, 600))).status).toBe(404);
    expect((await responders()).body.items.some((r: { volunteerId?: string }) => r.volunteerId === patched.id)).toBe(false);
    const ok = await district.patch(`/api/v1/volunteers/${patched.id}`, { ...north(HOME, 600), team: "夜间队" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ team: "夜间队", lat: north(HOME, 600).lat, lng: HOME.lng });
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'volunteer.update' AND target_id = '${patched.id}'`)).toBe(1);
    const items = (await responders()).body.items.filter((r: { kind: string }) => r.kind === "volunteer").map((r: { volunteerId: string }) => r.volunteerId);
    expect(items).toEqual([near.id, patched.id]);
  });

  it("请志愿者前往 records a dispatch step naming the volunteer and places no order; bad picks change nothing", async () => {
    expect((await act({ action: "dispatch", notes: "请邻居先去看看", volunteerId: near.id })).status).toBe(409); // not acknowledged yet
    expect((await act({ action: "acknowledge" })).status).toBe(200);
    const orders = () => count(`SELECT count(*) AS n FROM service_orders WHERE elder_id = '${elderId}'`);
    const steps = () => count(`SELECT count(*) AS n FROM alarm_actions WHERE alarm_id = '${alarmId}'`);
    const [ordersBefore, stepsBefore] = [await orders(), await steps()];
    const pending = (await district.get("/api/v1/volunteers?status=pending")).body.items.find((x: { name: string }) => x.name === "待审张姐");
    expect((await act({ action: "dispatch", notes: "x", volunteerId: pending.id })).status).toBe(422);
    const both = await act({ action: "dispatch", notes: "x", volunteerId: near.id, workerId: near.id, productId: near.id });
    expect(both.status).toBe(422);
    expect(both.body.errors[0].path).toBe("volunteerId");
    expect(await steps()).toBe(stepsBefore);

    const sent = await act({ action: "dispatch", notes: "请邻居先去看看", volunteerId: near.id });
    expect(sent.status).toBe(200);
    const step = sent.body.actions.at(-1);
    expect(step).toMatchObject({ action: "dispatch", result: null, volunteer: { id: near.id, name: "邻居王阿姨" } });
    expect(step.notes).toContain("邻居王阿姨");
    const [kept] = await server.database.query<{ volunteer_id: string }>(`SELECT volunteer_id FROM alarm_actions WHERE alarm_id = '${alarmId}' AND action = 'dispatch'`);
    expect(kept!.volunteer_id).toBe(near.id);
    expect(await orders()).toBe(ordersBefore);
    expect(await steps()).toBe(stepsBefore + 1);
    const [audit] = await server.database.query<{ detail: { volunteerId: string; volunteerName: string } }>(`SELECT detail FROM audit_events WHERE action = 'alarm.dispatch' AND target_id = '${alarmId}'`);
    expect(audit!.detail).toEqual({ volunteerId: near.id, volunteerName: "邻居王阿姨" });
    const record = (await operator.get(`/api/v1/alarms/${alarmId}`)).body;
    expect(record.actions.at(-1).volunteer).toEqual({ id: near.id, name: "邻居王阿姨" });
    expect(record.actions[0].volunteer).toBeNull();
  });

  it("reveals a volunteer's full phone to call, on record; not for a role without the alarm center, nor across regions", async () => {
    const full = await operator.post(`/api/v1/alarms/${alarmId}/volunteers/${near.id}/reveal`);
    expect(full.status).toBe(200);
    expect(full.body.phone).toMatch(/^1\d{10}$/);
    expect(full.body.phone.slice(-4)).toBe(near.phone.slice(-4));
    const [ev] = await server.database.query<{ actor_username: string; detail: { alarmId: string } }>(`SELECT actor_username, detail FROM audit_events WHERE action = 'volunteer.reveal_phone' AND target_id = '${near.id}'`);
    expect(ev).toMatchObject({ actor_username: "operator", detail: { alarmId } });
    const pending = (await district.get("/api/v1/volunteers?status=pending")).body.items.find((x: { name: string }) => x.name === "待审张姐");
    expect((await operator.post(`/api/v1/alarms/${alarmId}/volunteers/${pending.id}/reveal`)).status).toBe(404);
    expect((await (await server.login("community")).post(`/api/v1/alarms/${alarmId}/volunteers/${near.id}/reveal`)).status).toBe(403);

    // another district's operator, and another street's staff: the alarm is not found, nothing is read or written
    const before = await count("SELECT count(*) AS n FROM audit_events WHERE action = 'volunteer.reveal_phone'");
    for (const username of ["op-nanan", "street-vol-c"]) {
      const other = await server.login(username);
      expect((await responders(other)).status).toBe(404);
      expect((await other.post(`/api/v1/alarms/${alarmId}/volunteers/${near.id}/reveal`)).status).toBe(404);
      expect((await act({ action: "dispatch", notes: "x", volunteerId: near.id }, other)).status).toBe(404);
    }
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'volunteer.reveal_phone'")).toBe(before);
  });
});

describe("the API document", () => {
  it("has the volunteer routes: the phone reveal on an alarm, and the volunteer's PATCH", async () => {
    const doc = (await operator.get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/alarms/{id}/volunteers/{volunteerId}/reveal", "/api/v1/volunteers/{id}"]));
    expect(doc.paths["/api/v1/volunteers/{id}"].patch).toBeTruthy();
  });
});

describe("the demo time bank", () => {
  it("gives its volunteers phones and homes within about a kilometre of their community's centre: the demo elder's alarm lists the verified ones", async () => {
    const demo = await startTestServer();
    try {
      expect(await ensureDemoTimebank({ database: demo.database, secrets: demo.secrets, actor: SYSTEM_ACTOR })).toBeGreaterThan(0);
      const rows = await demo.database.query<{ id: string; status: string; lat: number; lng: number; phone_masked: string | null; c_lat: number; c_lng: number }>(
        "SELECT v.id, v.status, v.lat, v.lng, v.phone_masked, r.lat AS c_lat, r.lng AS c_lng FROM volunteers v JOIN regions r ON r.code = v.region_code",
      );
      for (const v of rows) {
        expect(v.phone_masked).toMatch(/\*{4}/);
        expect(distanceMeters({ lat: v.lat, lng: v.lng }, { lat: v.c_lat, lng: v.c_lng })).toBeLessThan(1500);
      }
      const op = await demo.login("operator");
      const me = (await (await demo.login("elder")).get("/api/v1/me/elders")).body.items[0];
      const device = await op.post("/api/v1/devices", { serial: "SB-DEMO-VOL", type: "call_button", vendor: "v", model: "m", heartbeatSeconds: 3600, elderId: me.id });
      const { username, password } = device.body.credentials;
      const raised = await demo
        .anonymous()
        .request("POST", "/api/v1/device-messages", { json: { kind: "event", eventId: "demo-sos", at: new Date().toISOString(), type: "sos" }, headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` } });
      const listed = (await op.get(`/api/v1/alarms/${raised.body.alarms[0].id}/responders`)).body.items.filter((r: { kind: string }) => r.kind === "volunteer").map((r: { volunteerId: string }) => r.volunteerId);
      expect(listed.length).toBeGreaterThan(0);
      const verified = rows.filter((v) => v.status === "verified").map((v) => v.id);
      expect(verified).toEqual(expect.arrayContaining(listed));
      expect(listed).not.toContain(rows.find((v) => v.status !== "verified")!.id);
    } finally {
      await demo.close();
    }
  });
});
