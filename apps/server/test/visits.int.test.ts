import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { type LivingSituation, visitPlanFor } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// Visit plans by risk, the community worker's daily visits, care calls, and the region board — on both engines.
let server: TestServer;
let street: Client;
let community: Client;
let operator: Client;
let elderId: string;
let elderRegion: string;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  [street, community, operator] = await Promise.all(["street", "community", "operator"].map((u) => server.login(u)));
  const me = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0];
  elderId = me.id;
  elderRegion = me.regionCode;
});
afterAll(() => server?.close());

describe("visit plans", () => {
  it("are generated for the street in one statement, exactly as the rules say for each elder", async () => {
    const res = await street.post("/api/v1/visit-plans", {});
    expect(res.status).toBe(200);
    expect(res.body.plans).toBeGreaterThan(0);
    const elders = await server.database.query<{ id: string; age: number; living_situation: LivingSituation; ability_level: number | null; a30: string; h90: string }>(
      `SELECT e.id, date_part('year', age($1::date, e.birth_date))::int AS age, e.living_situation, e.ability_level,
              (SELECT count(*) FROM alarms a WHERE a.elder_id = e.id AND a.raised_at >= now() - interval '30 days') AS a30,
              (SELECT count(*) FROM alarms a WHERE a.elder_id = e.id AND a.raised_at >= now() - interval '90 days' AND a.outcome = 'sent_to_hospital') AS h90
       FROM elders e WHERE e.status = 'active' AND e.region_code LIKE $2`,
      [today(), `${elderRegion.slice(0, 9)}%`],
    );
    const plans = new Map((await server.database.query<{ elder_id: string; every_days: number; kind: string; reasons: string[] }>("SELECT elder_id, every_days, kind, reasons FROM visit_plans")).map((p) => [p.elder_id, p]));
    let planned = 0;
    for (const e of elders) {
      const want = visitPlanFor({ age: e.age, livingSituation: e.living_situation, abilityLevel: e.ability_level, recentAlarms: Number(e.a30), hospitalStays: Number(e.h90) });
      const got = plans.get(e.id);
      if (!want) expect(got).toBeUndefined();
      else {
        planned++;
        expect({ everyDays: Number(got!.every_days), kind: got!.kind, reasons: got!.reasons }).toEqual({ everyDays: want.everyDays, kind: want.kind, reasons: want.reasons });
      }
    }
    expect(planned).toBe(res.body.plans);
    // again: nothing changes
    expect((await street.post("/api/v1/visit-plans", {})).body).toEqual({ plans: planned, ended: 0 });
  });

  it("follow the elder's record: living alone and disabled means weekly home visits; back with family, the plan ends", async () => {
    const patch = (body: Record<string, unknown>) => community.request("PATCH", `/api/v1/elders/${elderId}`, { json: body });
    expect((await patch({ livingSituation: "alone", abilityLevel: 4 })).status).toBe(200);
    const plan = (await community.get("/api/v1/visit-plans?kind=home")).body.items.find((p: { elderId: string }) => p.elderId === elderId);
    expect(plan).toMatchObject({ everyDays: 7, kind: "home", reasons: expect.arrayContaining(["独居且失能"]) });
    expect(plan.assigneeName).toBe("社区网格员");
    // back with family and able: no living-alone reason is left (and no plan at all under 80)
    expect((await patch({ livingSituation: "with_family", abilityLevel: 0 })).status).toBe(200);
    const after = (await community.get("/api/v1/visit-plans")).body.items.find((p: { elderId: string }) => p.elderId === elderId);
    const [{ age }] = await server.database.query<{ age: number }>("SELECT date_part('year', age(birth_date))::int AS age FROM elders WHERE id = $1", [elderId]);
    if (age < 80) expect(after).toBeUndefined();
    else expect(after.reasons).toEqual(["80岁以上"]);
    await patch({ livingSituation: "alone", abilityLevel: 4 });
  });
});

describe("visits", () => {
  it("the community worker's list has the elder; a check-in 1 km away is refused with the distance; a worrying visit raises an alarm-center task", async () => {
    const mine = (await community.get("/api/v1/visits")).body.items;
    expect(mine.map((v: { elderId: string }) => v.elderId)).toContain(elderId);
    const [home] = await server.database.query<{ lat: number; lng: number }>("SELECT lat, lng FROM elders WHERE id = $1", [elderId]);
    const visit = (body: Record<string, unknown>, as = community) => as.post("/api/v1/visits", { elderId, kind: "home", datum: "gcj02", ...body });
    const findings = { health: "concern", homeSafety: "fair", mood: "poor", needs: ["medical", "meal"], notes: "腿肿，药吃完了" };
    expect((await visit({ outcome: "visited" })).status).toBe(422); // no position, no findings
    const far = await visit({ outcome: "visited", lat: home!.lat + 0.01, lng: home!.lng, findings });
    expect(far.status).toBe(422);
    expect(far.body.distanceMeters).toBeGreaterThan(1000);
    const before = Number((await server.database.query<{ n: string }>("SELECT count(*) AS n FROM visits"))[0]!.n);
    const done = await visit({ outcome: "visited", lat: home!.lat, lng: home!.lng, findings, followUp: { alarmTask: true, referral: "转社区卫生服务中心上门看腿" } });
    expect(done.status).toBe(201);
    expect(done.body.worrying).toBe(true);
    expect(done.body.followUps.map((f: { kind: string }) => f.kind)).toEqual(["referral", "alarm_task"]);
    expect(Number((await server.database.query<{ n: string }>("SELECT count(*) AS n FROM visits"))[0]!.n)).toBe(before + 1);
    const task = (await operator.get("/api/v1/follow-ups")).body.items.find((f: { elderId: string; kind: string }) => f.elderId === elderId && f.kind === "visit_concern");
    expect(task).toBeTruthy();
    expect((await operator.post(`/api/v1/follow-ups/${task.id}/close`, { note: "" })).status).toBe(422);
    expect((await operator.post(`/api/v1/follow-ups/${task.id}/close`, { note: "已联系家庭医生上门" })).status).toBe(200);
    expect((await operator.post(`/api/v1/follow-ups/${task.id}/close`, { note: "again" })).status).toBe(409);
    expect((await operator.get("/api/v1/follow-ups")).body.items.map((f: { id: string }) => f.id)).not.toContain(task.id);
    const plan = (await community.get("/api/v1/visit-plans")).body.items.find((p: { elderId: string }) => p.elderId === elderId);
    expect(plan.lastDoneOn).toBe(today());
    expect(plan.nextDue > today()).toBe(true);
    expect((await community.get("/api/v1/visits")).body.items.map((v: { elderId: string }) => v.elderId)).not.toContain(elderId);
    await expect(server.database.exec("UPDATE visits SET worrying = false")).rejects.toThrow(/append-only/);
  });

  it("three care calls nobody answers make a home visit due today on the community worker's list", async () => {
    // a phone plan for this elder: empty-nest, able, under 80
    const sys = `UPDATE visit_plans SET kind = 'phone', every_days = 30, next_due = $2::date WHERE elder_id = $1`;
    await server.database.query(sys, [elderId, today()]);
    expect((await operator.get("/api/v1/care-calls")).body.items.some((c: { elderId: string }) => c.elderId === elderId)).toBe(true);
    const call = () => operator.post("/api/v1/visits", { elderId, kind: "phone", outcome: "no_answer" });
    expect((await call()).body.unansweredCalls).toBe(1);
    expect((await call()).body.unansweredCalls).toBe(2);
    const third = await call();
    expect(third.body.followUps.map((f: { kind: string }) => f.kind)).toEqual(["home_visit"]);
    const task = (await community.get("/api/v1/visits")).body.items.find((v: { elderId: string; task: boolean }) => v.elderId === elderId && v.task);
    expect(task).toMatchObject({ kind: "home", reasons: ["连续三次电话无人接听"] });
    // nobody home either: its own outcome
    expect((await community.post("/api/v1/visits", { elderId, kind: "home", outcome: "no_answer" })).status).toBe(201);
    expect((await community.get("/api/v1/visits")).body.items.some((v: { elderId: string; task: boolean }) => v.elderId === elderId && v.task)).toBe(false);
  });

  it("the board counts plans, coverage, the overdue by level and what was found; another street sees none of it", async () => {
    await server.database.query("UPDATE visit_plans SET next_due = $1::date - 10 WHERE elder_id IN (SELECT elder_id FROM visit_plans WHERE elder_id <> $2 ORDER BY elder_id LIMIT 2)", [today(), elderId]);
    const board = (await street.get("/api/v1/visits/board")).body;
    expect(board.plans).toBeGreaterThan(0);
    expect(board.escalatedToStreet).toBeGreaterThanOrEqual(2);
    expect(board.last30Days.worrying).toBeGreaterThanOrEqual(1);
    expect(board.last30Days.noAnswer).toBeGreaterThanOrEqual(4);
    expect(board.last30Days.findings.health).toBeGreaterThanOrEqual(1);
    const overdue = (await street.get("/api/v1/visit-plans?overdue=true")).body.items;
    expect(overdue[0]).toMatchObject({ escalatedTo: "street" });
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    await createUser({ ctx: sys, input: { username: "street-v", displayName: "其他街道", password: TEST_PASSWORD, role: "street_staff", regionCode: "500107002" } });
    const other = await server.login("street-v");
    expect((await other.get("/api/v1/visit-plans")).body.items.map((p: { elderId: string }) => p.elderId)).not.toContain(elderId);
    expect((await other.post("/api/v1/visits", { elderId, kind: "phone", outcome: "no_answer" })).status).toBe(404);
    expect((await other.get(`/api/v1/visits/board?regionCode=${elderRegion}`)).status).toBe(404);
    expect((await other.post(`/api/v1/visit-plans/${elderId}/assignee`, { userId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await (await server.login("elder")).post("/api/v1/visits", { elderId, kind: "phone", outcome: "no_answer" })).status).toBe(403);
  });
});

describe("visit rules per region", () => {
  it("a street sets its own rules: its elders' plans follow them at once, the other streets keep theirs; bad rules and other regions are refused and change nothing", async () => {
    const streetCode = elderRegion.slice(0, 9);
    const before = (await street.get("/api/v1/visit-rules")).body;
    expect(before).toMatchObject({ regionCode: streetCode, from: null });
    expect(before.rules.length).toBeGreaterThan(3);
    const count = async () => Number((await server.database.query<{ n: string }>("SELECT count(*) AS n FROM visit_plans")).at(0)!.n);
    const plansBefore = await count();

    // a rule set that is not valid: a duplicated key, a frequency of 0 — 422, nothing written
    const bad = await street.request("PUT", "/api/v1/visit-rules", { json: { rules: [{ key: "a", label: "x", everyDays: 0, kind: "home" }] } });
    expect(bad.status).toBe(422);
    const dup = await street.request("PUT", "/api/v1/visit-rules", { json: { rules: [{ key: "a", label: "x", everyDays: 7, kind: "home" }, { key: "a", label: "y", everyDays: 7, kind: "phone" }] } });
    expect(dup.status).toBe(422);
    expect(await count()).toBe(plansBefore);
    // a community worker does not set rules; another street cannot set ours nor read them
    expect((await community.request("PUT", "/api/v1/visit-rules", { json: { rules: [] } })).status).toBe(403);
    const other = await server.login("street-v");
    expect((await other.request("PUT", "/api/v1/visit-rules", { json: { regionCode: streetCode, rules: [] } })).status).toBe(404);
    expect((await other.get(`/api/v1/visit-rules?regionCode=${streetCode}`)).status).toBe(404);

    // ours: everyone 60 and over gets a monthly call, those living alone a home visit every 10 days
    const rules = [
      { key: "alone10", label: "独居（本街道）", livingIn: ["alone"], everyDays: 10, kind: "home" },
      { key: "all60", label: "全体老人月度电话", minAge: 60, everyDays: 30, kind: "phone" },
    ];
    const set = await street.request("PUT", "/api/v1/visit-rules", { json: { rules } });
    expect(set.status).toBe(200);
    expect(set.body.plans.plans).toBeGreaterThan(0);
    expect((await street.get("/api/v1/visit-rules")).body).toMatchObject({ from: streetCode, rules });
    const mine = await server.database.query<{ every_days: number; kind: string; reasons: string[]; living_situation: string }>(
      "SELECT p.every_days, p.kind, p.reasons, e.living_situation FROM visit_plans p JOIN elders e ON e.id = p.elder_id WHERE p.region_code LIKE $1",
      [`${streetCode}%`],
    );
    expect(mine.length).toBe(set.body.plans.plans);
    for (const p of mine) {
      if (p.living_situation === "alone") expect([Number(p.every_days), p.kind]).toEqual([10, "home"]);
      else expect({ everyDays: Number(p.every_days), kind: p.kind, reasons: p.reasons }).toEqual({ everyDays: 30, kind: "phone", reasons: ["全体老人月度电话"] });
    }
    // another street's plans still come from the platform's rules
    const elsewhere = await server.database.query<{ reasons: string[] }>("SELECT reasons FROM visit_plans WHERE region_code NOT LIKE $1", [`${streetCode}%`]);
    for (const p of elsewhere) expect(p.reasons).not.toContain("全体老人月度电话");
    // one elder's record changing is planned by the street's rules too
    const patch = (body: Record<string, unknown>) => community.request("PATCH", `/api/v1/elders/${elderId}`, { json: body });
    expect((await patch({ livingSituation: "with_family" })).status).toBe(200);
    const [one] = await server.database.query<{ reasons: string[] }>("SELECT reasons FROM visit_plans WHERE elder_id = $1", [elderId]);
    expect(one!.reasons).toEqual(["全体老人月度电话"]);
    // a version for next month is scheduled, not applied
    const next = new Date(Date.now() + 8 * 3600_000 + 40 * 86_400_000).toISOString().slice(0, 10);
    const later = await street.request("PUT", "/api/v1/visit-rules", { json: { rules: rules.slice(0, 1), effectiveFrom: next } });
    expect(later.body.plans).toBeNull();
    expect((await street.get("/api/v1/visit-rules")).body).toMatchObject({ rules, scheduled: [{ effectiveFrom: next, rules: rules.slice(0, 1) }] });
    // a community following the street sees the street's coming version too
    expect((await community.get("/api/v1/visit-rules")).body).toMatchObject({ from: streetCode, scheduled: [{ effectiveFrom: next, regionCode: streetCode }] });

    // back to the platform's rules for whatever runs after
    await server.database.query("DELETE FROM region_rules WHERE key = 'visits.rules'");
    await patch({ livingSituation: "alone" });
    expect((await street.post("/api/v1/visit-plans", {})).status).toBe(200);
  });
});
