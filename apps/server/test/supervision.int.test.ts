import { facilities, regions } from "@carecircle/db";
import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { DEFAULT_CHECKLISTS, shanghaiDate } from "@carecircle/shared";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beijingSlot } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let sys: Ctx;
let district: Client;
let street: Client;
let city: Client;
let provider: Client;
let providerId: string;
let streetA: string;
let streetB: { code: string; name: string };
let facilityA: string;
let facilityB: string;
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

const checklist = (kind: keyof typeof DEFAULT_CHECKLISTS, failed: string[] = []) => DEFAULT_CHECKLISTS[kind].map((i) => ({ key: i.key, ok: !failed.includes(i.key), ...(failed.includes(i.key) ? { note: "不合格" } : {}) }));
const act = (who: Client, id: string, input: Record<string, unknown>) => who.post(`/api/v1/rectifications/${id}/actions`, input);

async function newUser(username: string, role: string, regionCode: string): Promise<Client> {
  await createUser({ ctx: sys, input: { username, displayName: username, password: TEST_PASSWORD, role: role as "district_admin", regionCode } });
  return server.login(username);
}

async function insertFacility(name: string, regionCode: string, operatorProviderId: string | null) {
  const [f] = await server.database.db
    .insert(facilities)
    .values({ name, tier: "station", regionCode, address: `${name}地址`, operatorName: "运营方", operatorProviderId, operatingModel: "public_private" })
    .returning();
  return f!.id;
}

beforeAll(async () => {
  server = await startTestServer();
  sys = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
  [district, street, city, provider] = await Promise.all(["district", "street", "city", "provider"].map((u) => server.login(u)));
  providerId = (await provider.get("/api/v1/auth/me")).body.providerId;
  streetA = (await street.get("/api/v1/auth/me")).body.regionCode;
  const streets = await server.database.db.select({ code: regions.code, name: regions.name }).from(regions).where(and(eq(regions.parentCode, "500107"), eq(regions.level, 4)));
  streetB = streets.find((s) => s.code !== streetA)!;
  facilityA = await insertFacility("杨家坪社区养老服务站（测试）", streetA, providerId);
  facilityB = await insertFacility("另一街道养老服务站（测试）", streetB.code, providerId);
});
afterAll(() => server?.close());

describe("inspections and 13710 rectification", () => {
  it("an inspection's findings become tasks with the 13710 deadlines, in one transaction", async () => {
    // found on 31 January: feedback by 3 February, the ordinary one solved by 7 February, the major one by 28 February
    const res = await street.post("/api/v1/inspections", {
      facilityId: facilityB,
      kind: "fire",
      inspectedOn: "2026-01-31",
      checklist: checklist("fire", ["exits", "electric"]),
      findings: [
        { description: "安全出口堆放杂物", severity: "major" },
        { description: "插线板私拉乱接", severity: "ordinary" },
      ],
    });
    // the street staff's own street is A; B is another street of the district: not theirs
    expect(res.status).toBe(404);
    const made = await district.post("/api/v1/inspections", {
      facilityId: facilityB,
      kind: "fire",
      inspectedOn: "2026-01-31",
      checklist: checklist("fire", ["exits", "electric"]),
      findings: [
        { description: "安全出口堆放杂物", severity: "major" },
        { description: "插线板私拉乱接", severity: "ordinary" },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.body.checklist.filter((c: { ok: boolean }) => !c.ok).map((c: { key: string }) => c.key)).toEqual(["exits", "electric"]);
    const [major, ordinary] = made.body.rectifications;
    expect(major).toMatchObject({ severity: "major", acknowledgeBy: "2026-01-31", feedbackBy: "2026-02-03", resolveBy: "2026-02-28", status: "open" });
    expect(ordinary).toMatchObject({ severity: "ordinary", acknowledgeBy: "2026-01-31", feedbackBy: "2026-02-03", resolveBy: "2026-02-07", status: "open" });

    // a bad finding (no description) refuses the whole inspection: no inspection, no task
    const before = (await district.get(`/api/v1/inspections?facilityId=${facilityB}`)).body.items.length;
    const bad = await district.post("/api/v1/inspections", { facilityId: facilityB, kind: "fire", checklist: checklist("fire"), findings: [{ description: "", severity: "major" }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toContain("findings");
    const missing = await district.post("/api/v1/inspections", { facilityId: facilityB, kind: "food", checklist: checklist("fire") });
    expect(missing.status).toBe(422);
    expect((await district.get(`/api/v1/inspections?facilityId=${facilityB}`)).body.items.length).toBe(before);
  });

  it("the facility acknowledges, answers and resolves; the bureau closes; the board counts it closed on time", async () => {
    const today = shanghaiDate();
    const made = await street.post("/api/v1/inspections", {
      facilityId: facilityA,
      kind: "food",
      checklist: checklist("food", ["samples"]),
      findings: [
        { description: "未按规定留样", severity: "major" },
        { description: "操作间地面油污", severity: "ordinary" },
      ],
    });
    expect(made.status).toBe(201);
    const [major, ordinary] = made.body.rectifications as { id: string }[];
    const boardBefore = (await street.get("/api/v1/rectifications/board")).body;

    // the provider that runs the facility sees its tasks, with the actions open to it
    const mine = (await provider.get(`/api/v1/rectifications?facilityId=${facilityA}`)).body.items as { id: string; actions: string[]; dueSoon: boolean }[];
    expect(mine.find((t) => t.id === major!.id)).toMatchObject({ actions: ["acknowledge"], dueSoon: true });

    // the bureau cannot do the facility's steps, nor the facility the bureau's
    expect((await act(street, major!.id, { action: "acknowledge" })).status).toBe(403);
    expect((await act(provider, major!.id, { action: "close" })).status).toBe(403);
    // steps out of order: 409
    expect((await act(provider, major!.id, { action: "resolve", evidence: [{ note: "已留样" }] })).status).toBe(409);

    const ack = await act(provider, major!.id, { action: "acknowledge" });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: "acknowledged", acknowledgedOn: today });
    expect((await act(provider, major!.id, { action: "acknowledge" })).status).toBe(409);

    // a written plan is for a major finding only
    await act(provider, ordinary!.id, { action: "acknowledge" });
    const planOrdinary = await act(provider, ordinary!.id, { action: "feedback", feedback: "正在清理", plan: "分两步", planDate: today });
    expect(planOrdinary.status).toBe(422);
    const planDate = new Date(Date.parse(`${today}T00:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10);
    const fb = await act(provider, major!.id, { action: "feedback", feedback: "已购置留样柜", plan: "培训厨师并建立留样台账", planDate });
    expect(fb.body).toMatchObject({ status: "feedback", feedbackOn: today, planDate, effectiveResolveBy: planDate });

    // evidence: a photo that is not an image is refused, nothing changes
    expect((await act(provider, major!.id, { action: "resolve", evidence: [{ note: "x", photo: "data:text/plain;base64,AAAA" }] })).status).toBe(422);
    expect((await provider.get(`/api/v1/rectifications/${major!.id}`)).body.status).toBe("feedback");
    const resolved = await act(provider, major!.id, { action: "resolve", evidence: [{ note: "留样柜与台账", photo: PNG }] });
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedOn: today, actions: [] });
    expect(resolved.body.evidence[0].photo).toBe(PNG);

    const closed = await act(street, major!.id, { action: "close", note: "复查合格" });
    expect(closed.body).toMatchObject({ status: "closed", closedOn: today, closedOnTime: true, overdue: false });
    expect((await act(street, major!.id, { action: "close" })).status).toBe(409);

    // the ordinary one fails its re-check: back to open with the note, then solved and closed
    await act(provider, ordinary!.id, { action: "resolve", evidence: [{ note: "已拖地" }] });
    const reopenedNoNote = await act(street, ordinary!.id, { action: "reopen" });
    expect(reopenedNoNote.status).toBe(422);
    const reopened = await act(street, ordinary!.id, { action: "reopen", note: "油污仍在，需彻底清洁" });
    expect(reopened.body).toMatchObject({ status: "open", resolvedOn: null, recheckNote: "油污仍在，需彻底清洁", acknowledgedOn: today });
    await act(provider, ordinary!.id, { action: "acknowledge" });
    await act(provider, ordinary!.id, { action: "resolve", evidence: [{ note: "已彻底清洁" }] });
    expect((await act(street, ordinary!.id, { action: "close" })).body.closedOnTime).toBe(true);

    const board = (await street.get("/api/v1/rectifications/board")).body;
    expect(board.regionCode).toBe(streetA);
    expect(board.counts.closedOnTime).toBe(boardBefore.counts.closedOnTime + 2);
    expect(board.counts.open).toBe(boardBefore.counts.open - 2);
    expect(board.bySeverity.major.closedOnTime).toBe(boardBefore.bySeverity.major.closedOnTime + 1);
  });

  it("a task past its feedback date is overdue and escalated to the district's board", async () => {
    const made = await street.post("/api/v1/inspections", { facilityId: facilityA, kind: "service", checklist: checklist("service", ["records"]), findings: [{ description: "服务台账缺失", severity: "ordinary" }] });
    const id = made.body.rectifications[0].id as string;
    await act(provider, id, { action: "acknowledge" });
    // found ten days ago, acknowledged then, never answered
    await server.database.exec(
      `UPDATE rectifications SET found_on = found_on - 10, acknowledge_by = acknowledge_by - 10, acknowledged_on = acknowledged_on - 10, feedback_by = feedback_by - 10, resolve_by = resolve_by - 10 WHERE id = '${id}'`,
    );
    const t = (await street.get(`/api/v1/rectifications/${id}`)).body;
    expect(t).toMatchObject({ overdue: true, escalated: true, escalatedTo: { regionCode: "500107" } });
    expect(t.overdueStages).toEqual(["feedback", "resolve"]);
    expect((await street.get("/api/v1/rectifications?overdue=true")).body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await street.get("/api/v1/rectifications?overdue=false")).body.items.map((x: { id: string }) => x.id)).not.toContain(id);

    // the street's board counts it; the district's board lists it among those escalated from its streets
    expect((await street.get("/api/v1/rectifications/board")).body.counts.overdue).toBeGreaterThanOrEqual(1);
    expect((await street.get("/api/v1/rectifications/board")).body.escalated).toEqual([]);
    const board = (await district.get("/api/v1/rectifications/board?regionCode=500107")).body;
    expect(board.escalated.map((x: { id: string }) => x.id)).toContain(id);
    // and the January tasks of street B, never acted on
    expect(board.escalated.filter((x: { regionCode: string }) => x.regionCode === streetB.code).length).toBe(2);
    const b = board.byStreet.find((s: { regionCode: string }) => s.regionCode === streetB.code);
    expect(b.counts).toMatchObject({ total: 2, overdue: 2, open: 2 });
    const a = board.byStreet.find((s: { regionCode: string }) => s.regionCode === streetA);
    expect(a.counts.closedOnTime).toBe(2);

    // solved late and closed: closed late
    await act(provider, id, { action: "resolve", evidence: [{ note: "补建台账" }] });
    const closed = await act(street, id, { action: "close" });
    expect(closed.body).toMatchObject({ closedOnTime: false, overdue: false, escalated: false });
    expect((await street.get("/api/v1/rectifications/board")).body.counts.closedLate).toBe(1);
  });

  it("a provider is inspected too: its own admin answers the provider's tasks", async () => {
    const made = await district.post("/api/v1/inspections", { providerId, kind: "finance", checklist: checklist("finance", ["fees"]), findings: [{ description: "上门服务加收未公示的交通费", severity: "ordinary" }] });
    expect(made.status).toBe(201);
    const id = made.body.rectifications[0].id as string;
    const t = (await provider.get(`/api/v1/rectifications/${id}`)).body;
    expect(t).toMatchObject({ providerId, facilityId: null, actions: ["acknowledge"] });
    expect((await act(provider, id, { action: "acknowledge" })).body.status).toBe("acknowledged");
    // the bureau sees it on the provider's list, with the provider named
    expect((await district.get(`/api/v1/rectifications?providerId=${providerId}`)).body.items.find((x: { id: string }) => x.id === id).targetName).toBeTruthy();
  });

  it("the routes are in the OpenAPI document", async () => {
    const doc = await server.anonymous().get("/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/inspections", "/api/v1/rectifications", "/api/v1/rectifications/board", "/api/v1/rectifications/{id}/actions", "/api/v1/credit-records", "/api/v1/credit-records/{id}/approve", "/api/v1/public/blacklist"]),
    );
  });

  it("lists page by keyset: no task twice, none left out", async () => {
    const all = (await district.get("/api/v1/rectifications?limit=500")).body.items.map((x: { id: string }) => x.id) as string[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await district.get(`/api/v1/rectifications?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(2);
    expect((await district.get("/api/v1/rectifications?cursor=bm9wZQ")).status).toBe(400);
    expect((await district.get("/api/v1/rectifications?status=nope")).status).toBe(422);
  });

  it("another region's staff and another provider are refused", async () => {
    await server.database.exec("INSERT INTO regions (code, name, level, parent_code) VALUES ('500108', '南岸区', 3, '5001') ON CONFLICT DO NOTHING");
    const other = await newUser("nanan-sup", "district_admin", "500108");
    const task = (await district.get(`/api/v1/rectifications?facilityId=${facilityB}`)).body.items[0];
    expect((await other.get(`/api/v1/rectifications/${task.id}`)).status).toBe(404);
    expect((await act(other, task.id, { action: "close" })).status).toBe(404);
    expect((await other.get("/api/v1/rectifications")).body.items).toEqual([]);
    expect((await other.get("/api/v1/inspections")).body.items).toEqual([]);
    expect((await other.post("/api/v1/inspections", { facilityId: facilityA, kind: "fire", checklist: checklist("fire") })).status).toBe(404);
    expect((await other.get(`/api/v1/rectifications/board?regionCode=${streetA}`)).status).toBe(404);
    // a facility run by nobody's provider: the provider admin does not see its tasks
    const stranger = await insertFacility("非本服务商运营的站点", streetA, null);
    const t2 = (await street.post("/api/v1/inspections", { facilityId: stranger, kind: "fire", checklist: checklist("fire"), findings: [{ description: "灭火器过期", severity: "ordinary" }] })).body.rectifications[0];
    expect((await act(provider, t2.id, { action: "acknowledge" })).status).toBe(404);
    // a community worker may read (facility:read) but acts on nothing
    const community = await server.login("community");
    expect((await community.post("/api/v1/inspections", { facilityId: facilityA, kind: "fire", checklist: checklist("fire") })).status).toBe(403);
  });
});

describe("credit records and the blacklist", () => {
  let elderId: string;
  let productId: string;
  let workerId: string;
  let otherProviderId: string;

  beforeAll(async () => {
    const elder = await server.login("elder");
    elderId = (await elder.get("/api/v1/me/elders")).body.items[0].id;
    const items = (await server.anonymous().get(`/api/v1/service-products?category=cleaning&providerId=${providerId}`)).body.items as { id: string; name: string }[];
    productId = items.find((p) => p.name === "居家保洁")!.id;
    otherProviderId = ((await district.get("/api/v1/providers?status=approved")).body.items as { id: string }[]).find((p) => p.id !== providerId)!.id;
  });

  it("records a violation of the negative list; a blacklisting waits for the district, and the proposer cannot approve it", async () => {
    const noItem = await street.post("/api/v1/credit-records", { subjectKind: "facility", subjectId: facilityA, kind: "violation", reason: "向老人推销保健品" });
    expect(noItem.status).toBe(422);
    expect(noItem.body.errors[0].path).toBe("prohibition");
    const v = await street.post("/api/v1/credit-records", { subjectKind: "facility", subjectId: facilityA, kind: "violation", prohibition: "fake_health_products", reason: "向老人推销保健品", evidence: [{ note: "现场照片", photo: PNG }] });
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({ status: "approved", subjectName: "杨家坪社区养老服务站（测试）", prohibitionName: expect.stringContaining("保健品") });

    const proposal = await street.post("/api/v1/credit-records", { subjectKind: "legal_person", subjectName: "张三丰", kind: "blacklist", reason: "非法集资", startsOn: shanghaiDate(), endsOn: "2099-12-31" });
    expect(proposal.body.status).toBe("pending");
    // a street cannot approve (district or above); nor can a district admin their own proposal
    expect((await street.post(`/api/v1/credit-records/${proposal.body.id}/approve`, {})).status).toBe(403);
    const own = await district.post("/api/v1/credit-records", { subjectKind: "provider", subjectId: otherProviderId, kind: "blacklist", reason: "隐性收费屡教不改", startsOn: shanghaiDate(), endsOn: "2099-12-31" });
    expect((await district.post(`/api/v1/credit-records/${own.body.id}/approve`, {})).status).toBe(403);
    expect((await city.post(`/api/v1/credit-records/${own.body.id}/reject`, { note: "证据不足" })).body.status).toBe("rejected");
    expect((await city.post(`/api/v1/credit-records/${own.body.id}/approve`, {})).status).toBe(409);

    // not in force until approved: not public
    const anon = server.anonymous();
    expect((await anon.get("/api/v1/public/blacklist")).body.items.map((x: { id: string }) => x.id)).not.toContain(proposal.body.id);
    const approved = await district.post(`/api/v1/credit-records/${proposal.body.id}/approve`, {});
    expect(approved.body).toMatchObject({ status: "approved", inForce: true });
    // public, without login: the person's name masked
    const pub = (await anon.get("/api/v1/public/blacklist")).body.items as { id: string; name: string }[];
    expect(pub.find((x) => x.id === proposal.body.id)!.name).toBe("张**");
    expect(JSON.stringify(pub)).not.toContain("张三丰");
    // another region does not see the records
    const other = await server.login("nanan-sup");
    expect((await other.get("/api/v1/credit-records")).body.items).toEqual([]);
    expect((await other.post(`/api/v1/credit-records/${proposal.body.id}/revoke`, {})).status).toBe(404);
  });

  it("a blacklisted worker is not dispatched, not assignable by hand, not hired or linked by another provider", async () => {
    const e = (await district.get(`/api/v1/elders/${elderId}`)).body;
    // the provider's only active caregiver for this test: a new one at the elder's home, linked to a new account
    const workers = (await provider.get(`/api/v1/providers/${providerId}/workers`)).body.items as { id: string }[];
    for (const w of workers) await provider.patch(`/api/v1/workers/${w.id}`, { active: false });
    await createUser({ ctx: sys, input: { username: "bl-worker", displayName: "李四", password: TEST_PASSWORD, role: "worker", regionCode: "500107" } });
    const w = await provider.post(`/api/v1/providers/${providerId}/workers`, { name: "李四", phone: "13900001234", username: "bl-worker", skills: ["cleaning"], workDays: [1, 2, 3, 4, 5, 6, 7], workStart: "06:00", workEnd: "22:00", baseLat: e.lat, baseLng: e.lng });
    expect(w.status).toBe(201);
    workerId = w.body.id;
    const elder = await server.login("elder");
    const first = await elder.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(2, 9) });
    expect(first.body).toMatchObject({ status: "assigned", workerId });

    const bl = await street.post("/api/v1/credit-records", { subjectKind: "worker", subjectId: workerId, kind: "blacklist", prohibition: "abuse_neglect", reason: "服务中辱骂老人", startsOn: shanghaiDate(), endsOn: "2099-12-31" });
    expect(bl.body.subjectName).toBe("李四");
    // pending: no effect yet
    expect((await elder.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(2, 13) })).body.workerId).toBe(workerId);
    expect((await district.post(`/api/v1/credit-records/${bl.body.id}/approve`, {})).status).toBe(200);

    // dispatch skips them: the order stays accepted, nobody assigned
    const second = await elder.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(3, 9) });
    expect(second.body.status).toBe("accepted");
    expect(second.body.workerId ?? null).toBeNull();
    // assigning them by hand is refused with the reason
    const manual = await provider.post(`/api/v1/service-orders/${second.body.id}/transitions`, { action: "assign", workerId });
    expect(manual.status).toBe(422);
    expect(manual.body.detail).toContain("黑名单");
    // another provider cannot hire the same person (name and phone) nor link their account
    const hire = await district.post(`/api/v1/providers/${otherProviderId}/workers`, { name: "李四", phone: "139 0000 1234", skills: ["cleaning"], baseLat: e.lat, baseLng: e.lng });
    expect(hire.status).toBe(422);
    expect(hire.body.detail).toContain("黑名单");
    const link = await district.post(`/api/v1/providers/${otherProviderId}/workers`, { name: "李小四", phone: "13900009999", username: "bl-worker", skills: ["cleaning"], baseLat: e.lat, baseLng: e.lng });
    expect(link.status).toBe(422);
    // the public list shows them masked
    const pub = (await server.anonymous().get("/api/v1/public/blacklist")).body.items as { id: string; name: string; reason: string | null }[];
    expect(pub.find((x) => x.id === bl.body.id)).toMatchObject({ name: "李**", reason: null });

    // revoked: work again
    expect((await district.post(`/api/v1/credit-records/${bl.body.id}/revoke`, {})).body.status).toBe("revoked");
    expect((await provider.post(`/api/v1/service-orders/${second.body.id}/transitions`, { action: "assign", workerId })).body.workerId).toBe(workerId);
  });

  it("a blacklisted facility's products cannot be ordered, nor a blacklisted provider's", async () => {
    // the cleaning product is delivered by facility A; A is blacklisted
    await server.database.exec(`UPDATE service_products SET facility_id = '${facilityA}' WHERE id = '${productId}'`);
    const fb = await street.post("/api/v1/credit-records", { subjectKind: "facility", subjectId: facilityA, kind: "blacklist", prohibition: "fire_safety", reason: "消防通道长期堵塞拒不整改", startsOn: shanghaiDate(), endsOn: "2099-12-31" });
    await district.post(`/api/v1/credit-records/${fb.body.id}/approve`, {});
    const elderClient = await server.login("elder");
    const byFacility = await elderClient.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(4, 14) });
    expect(byFacility.status).toBe(422);
    expect(byFacility.body.detail).toContain("设施");
    await district.post(`/api/v1/credit-records/${fb.body.id}/revoke`, {});
    await server.database.exec(`UPDATE service_products SET facility_id = NULL WHERE id = '${productId}'`);

    const bl = await street.post("/api/v1/credit-records", { subjectKind: "provider", subjectId: providerId, kind: "blacklist", prohibition: "hidden_fees", reason: "多次收取未公示费用", startsOn: shanghaiDate(), endsOn: "2099-12-31" });
    await district.post(`/api/v1/credit-records/${bl.body.id}/approve`, {});
    const elder = await server.login("elder");
    const refused = await elder.post("/api/v1/service-orders", { elderId, productId, slotStart: beijingSlot(4, 9) });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("黑名单");
    // institutions are named in full in public
    const pub = (await server.anonymous().get("/api/v1/public/blacklist")).body.items as { id: string; name: string }[];
    expect(pub.find((x) => x.id === bl.body.id)!.name).not.toContain("*");
  });
});
