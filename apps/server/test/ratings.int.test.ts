import { facilities } from "@carecircle/db";
import { createUser, type Ctx, DEFAULT_RATING_SCHEME_ID, SYSTEM_ACTOR } from "@carecircle/domain";
import { addMonths, DEFAULT_RATING_SCHEME } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let sys: Ctx;
let district: Client;
let assessor: Client;
let provider: Client;
let providerId: string;
let assessorId: string;
const tag = `R${Math.random().toString(36).slice(2, 7)}`;

/** Full marks, less what `over` changes: in the default scheme points and weights coincide (30 + 30 + 40). */
const full = () => Object.fromEntries(DEFAULT_RATING_SCHEME.sections.flatMap((s) => s.items.map((i) => [i.key, i.maxPoints])));
const scoresOf = (over: Record<string, number>) => ({ ...full(), ...over });
/** Exactly 90.00: service 30 of 40 (75 %, above its 60 % minimum). */
const AT_90 = scoresOf({ coverage: 2 });
/** 59: service below its minimum and the total below 60. */
const AT_59 = scoresOf({ area: 5, barrier_free: 5, fire_safety: 5, equipment: 5, rules: 5, staffing: 5, finance: 5, food_safety: 4, coverage: 5, home_service: 5, activities: 5, satisfaction: 5 });

async function facility(name: string, regionCode = "500107001001") {
  const [row] = await server.database.db
    .insert(facilities)
    .values({ name: `${tag}${name}`, tier: "station", regionCode, address: `九龙坡区${name}路1号`, operatorName: "测试运营方", operatorProviderId: regionCode.startsWith("500107") ? providerId : null, operatingModel: "public_private" })
    .returning();
  return row!;
}
async function newUser(username: string, role: string, regionCode: string): Promise<Client> {
  await createUser({ ctx: sys, input: { username, displayName: username, password: TEST_PASSWORD, role: role as "assessor", regionCode } });
  return server.login(username);
}
async function openRound(facilityIds: string[], over: Record<string, unknown> = {}) {
  const res = await district.post("/api/v1/evaluation-rounds", { name: `${tag}第一批`, schemeId: DEFAULT_RATING_SCHEME_ID, facilityIds, assessorId, ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const list = (await assessor.get(`/api/v1/evaluations?roundId=${res.body.id}`)).body.items as { id: string; facilityId: string }[];
  return { round: res.body, evalOf: (f: string) => list.find((e) => e.facilityId === f)!.id };
}
const submit = (id: string, scores: Record<string, number>) => assessor.patch(`/api/v1/evaluations/${id}`, { scores, submit: true });

beforeAll(async () => {
  server = await startTestServer();
  sys = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
  [district, assessor, provider] = await Promise.all(["district", "assessor", "provider"].map((u) => server.login(u)));
  providerId = (await provider.get("/api/v1/auth/me")).body.providerId;
  assessorId = (await assessor.get("/api/v1/auth/me")).body.id;
  await server.database.exec("INSERT INTO regions (code, name, level, parent_code) VALUES ('500108', '南岸区', 3, '5001') ON CONFLICT DO NOTHING");
});
afterAll(() => server?.close());

describe("rating schemes", () => {
  it("the source document's scheme is there for every region; the bureau adds its own, validated", async () => {
    const list = (await assessor.get("/api/v1/rating-schemes")).body.items as { id: string; isDefault: boolean; scheme: { sections: unknown[] } }[];
    expect(list.find((s) => s.isDefault)?.scheme.sections).toHaveLength(3);
    // an assessor reads schemes but does not make them
    expect((await assessor.post("/api/v1/rating-schemes", DEFAULT_RATING_SCHEME)).status).toBe(403);
    const bad = await district.post("/api/v1/rating-schemes", { ...DEFAULT_RATING_SCHEME, sections: DEFAULT_RATING_SCHEME.sections.slice(0, 2) });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].message).toContain("权重之和");
    const own = await district.post("/api/v1/rating-schemes", { ...DEFAULT_RATING_SCHEME, name: `${tag}本区方案` });
    expect(own.status).toBe(201);
    expect(own.body.regionCode).toBe("500107");
    const nanan = await newUser(`${tag}nanan`, "district_admin", "500108");
    expect((await nanan.get(`/api/v1/rating-schemes/${own.body.id}`)).status).toBe(404);
    expect((await nanan.get(`/api/v1/rating-schemes/${DEFAULT_RATING_SCHEME_ID}`)).status).toBe(200);
  });
});

describe("an evaluation round", () => {
  it("draft, refusals, submit exactly at the 90 band edge, appeal in the window, confirm", async () => {
    const a = await facility("甲站");
    const b = await facility("乙站");
    // another district cannot put this district's facility in its round
    const nanan = await newUser(`${tag}nanan2`, "district_admin", "500108");
    const nananAssessor = await newUser(`${tag}nananpg`, "assessor", "500108");
    const nananAssessorId = (await nananAssessor.get("/api/v1/auth/me")).body.id;
    expect((await nanan.post("/api/v1/evaluation-rounds", { name: "越界", schemeId: DEFAULT_RATING_SCHEME_ID, facilityIds: [a.id], assessorId: nananAssessorId })).status).toBe(404);
    // nor assign an assessor of another district
    expect((await district.post("/api/v1/evaluation-rounds", { name: "x", schemeId: DEFAULT_RATING_SCHEME_ID, facilityIds: [a.id], assessorId: nananAssessorId })).status).toBe(422);

    const { round, evalOf } = await openRound([a.id, b.id]);
    expect(round.evaluations).toBe(2);
    const ea = evalOf(a.id);
    const eb = evalOf(b.id);

    // a draft: some items, a remark, an evidence photo
    const photo = `data:image/png;base64,${Buffer.from("not really a png").toString("base64")}`;
    const draft = await assessor.patch(`/api/v1/evaluations/${ea}`, { scores: { area: 10, barrier_free: 8 }, remarks: { area: "功能分区齐全" }, addPhotos: [{ itemKey: "area", photo }] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ status: "assigned", score: null, scores: { area: 10, barrier_free: 8 }, remarks: { area: "功能分区齐全" } });
    expect(draft.body.photos).toHaveLength(1);
    // the facility does not see a draft
    expect((await provider.get(`/api/v1/evaluations/${ea}`)).status).toBe(404);
    expect((await provider.get(`/api/v1/evaluations?roundId=${round.id}`)).body.items).toHaveLength(0);

    // submitting with an item missing: 422 naming it, and nothing of the request is kept
    const { coverage: _c, ...missing } = AT_90;
    const refused = await submit(ea, { ...missing, area: 9 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(["scores.coverage"]);
    const after = (await assessor.get(`/api/v1/evaluations/${ea}`)).body;
    expect(after).toMatchObject({ status: "assigned", scores: { area: 10, barrier_free: 8 } });
    expect(after.scores.rules).toBeUndefined();
    // out of range, or not an item of the scheme
    expect((await submit(ea, { ...AT_90, area: 11 })).body.errors[0]).toMatchObject({ path: "scores.area" });
    expect((await assessor.patch(`/api/v1/evaluations/${ea}`, { scores: { nonsense: 1 } })).status).toBe(422);

    // another assessor, the bureau, another district: refused
    const other = await newUser(`${tag}assessor2`, "assessor", "500107");
    expect((await other.patch(`/api/v1/evaluations/${ea}`, { scores: { area: 1 } })).status).toBe(404);
    expect((await other.get(`/api/v1/evaluations/${ea}`)).status).toBe(404);
    expect((await other.get(`/api/v1/evaluations?roundId=${round.id}`)).body.items).toHaveLength(0);
    expect((await district.patch(`/api/v1/evaluations/${ea}`, { scores: { area: 1 } })).status).toBe(403);
    expect((await nanan.get(`/api/v1/evaluations/${ea}`)).status).toBe(404);
    expect((await nanan.get(`/api/v1/evaluations?roundId=${round.id}`)).body.items).toHaveLength(0);

    // exactly 90.00 is five stars; 89.5 four
    const done = await submit(ea, AT_90);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: "submitted", scoreCenti: 9000, score: 90, stars: 5, unqualified: false });
    expect(done.body.result.sections.map((s: { key: string; percent: number }) => [s.key, s.percent])).toEqual([["premises", 100], ["operations", 100], ["service", 75]]);
    expect((await submit(eb, scoresOf({ coverage: 1.5 }))).body).toMatchObject({ scoreCenti: 8950, stars: 4 });
    // handed in: the assessor can no longer change it
    expect((await assessor.patch(`/api/v1/evaluations/${ea}`, { scores: { area: 1 } })).status).toBe(409);

    // before confirmation nothing is public
    const anon = server.anonymous();
    const pub0 = (await anon.get(`/api/v1/public/ratings?q=${encodeURIComponent(tag)}`)).body.items as { id: string; stars: number | null; score: number | null }[];
    expect(pub0.find((f) => f.id === a.id)).toMatchObject({ stars: null, score: null });

    // the facility sees its result and appeals within the window
    expect((await provider.get(`/api/v1/evaluations/${ea}`)).body.stars).toBe(5);
    const appeal = await provider.post(`/api/v1/evaluations/${ea}/appeal`, { reason: "服务覆盖项的服务人次统计有遗漏" });
    expect(appeal.status).toBe(200);
    expect(appeal.body.status).toBe("appealed");
    expect((await provider.post(`/api/v1/evaluations/${ea}/appeal`, { reason: "再次申诉" })).status).toBe(409);
    // past the window: 409, nothing changed
    await server.database.query("UPDATE evaluations SET submitted_at = now() - interval '8 days' WHERE id = $1", [eb]);
    const late = await provider.post(`/api/v1/evaluations/${eb}/appeal`, { reason: "逾期申诉" });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain("申诉期已过");
    expect((await provider.get(`/api/v1/evaluations/${eb}`)).body).toMatchObject({ status: "submitted", appealReason: null });

    // the bureau must answer the appeal to confirm
    expect((await district.post(`/api/v1/evaluations/${ea}/confirm`, {})).status).toBe(422);
    expect((await nanan.post(`/api/v1/evaluations/${ea}/confirm`, { answer: "x" })).status).toBe(404);
    const confirmed = await district.post(`/api/v1/evaluations/${ea}/confirm`, { answer: "经核实，原评分无误，维持五星" });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "confirmed", stars: 5, appealAnswer: "经核实，原评分无误，维持五星", rectificationId: null });
    // the operating reward of five stars (RULE_DEFAULTS), recorded on the result
    expect(confirmed.body.result.reward).toMatchObject({ amountFen: 5_000_000, budgetLine: "facility_star_reward" });
    const [fa] = await server.database.query<{ stars: number; unqualified: boolean; rated_at: Date | null; status: string }>("SELECT stars, unqualified, rated_at, status FROM facilities WHERE id = $1", [a.id]);
    expect(fa).toMatchObject({ stars: 5, unqualified: false, status: "operating" });
    expect(fa!.rated_at).not.toBeNull();
    expect((await district.post(`/api/v1/evaluations/${ea}/confirm`, {})).status).toBe(409);

    // a corrected re-score by the bureau is recomputed; the assessor's figures stay on record
    const rescored = await district.post(`/api/v1/evaluations/${eb}/confirm`, { scores: scoresOf({ coverage: 2, rules: 0, staffing: 6 }) });
    expect(rescored.body).toMatchObject({ scoreCenti: 8000, stars: 4 });
    expect(rescored.body.result.rescored).toMatchObject({ assessorScore: 89.5, assessorStars: 4 });
    expect(rescored.body.result.reward.amountFen).toBe(3_000_000);
    // every facility of the round is confirmed: the round is closed
    expect((await district.get("/api/v1/evaluation-rounds")).body.items.find((r: { id: string }) => r.id === round.id)).toMatchObject({ status: "closed", byStatus: { confirmed: 2 } });

    // public, no login: the stars and the history
    const pub = (await anon.get(`/api/v1/public/ratings?regionCode=500107001&q=${encodeURIComponent(tag)}&stars=5`)).body.items as { id: string; stars: number; score: number; tier: string; address: string; ratedAt: string }[];
    expect(pub.find((f) => f.id === a.id)).toMatchObject({ stars: 5, score: 90, tier: "station", address: "九龙坡区甲站路1号" });
    expect(pub.find((f) => f.id === b.id)).toBeUndefined();
    const hist = await anon.get(`/api/v1/public/ratings/${a.id}`);
    expect(hist.status).toBe(200);
    expect(hist.body.history).toHaveLength(1);
    expect(hist.body.history[0]).toMatchObject({ roundName: `${tag}第一批`, score: 90, stars: 5 });
    expect(hist.body.history[0].assessorId).toBeUndefined();
  });

  it("an unqualified result gets a 13710 rectification; failing the re-check suspends the facility", async () => {
    const u = await facility("丙站");
    const first = await openRound([u.id]);
    const res = await submit(first.evalOf(u.id), AT_59);
    expect(res.body).toMatchObject({ scoreCenti: 5900, stars: 0, unqualified: true });
    const c1 = await district.post(`/api/v1/evaluations/${first.evalOf(u.id)}/confirm`, {});
    expect(c1.status).toBe(200);
    expect(c1.body.result.reward).toBeNull();
    const [task] = await server.database.query<{ id: string; severity: string; description: string; found_on: string; resolve_by: string; facility_id: string; status: string }>(
      "SELECT id, severity, description, found_on::text, resolve_by::text, facility_id, status FROM rectifications WHERE evaluation_id = $1",
      [first.evalOf(u.id)],
    );
    expect(task).toMatchObject({ id: c1.body.rectificationId, severity: "major", description: "星级评定不合格，限期整改", facility_id: u.id, status: "open" });
    expect(task!.resolve_by).toBe(addMonths(task!.found_on, 1));
    expect((await server.database.query("SELECT status FROM facilities WHERE id = $1", [u.id]))[0]).toMatchObject({ status: "operating" });

    // the re-check: still unqualified, so the facility is suspended (audited)
    const recheck = await openRound([u.id], { name: `${tag}复评`, recheck: true });
    await submit(recheck.evalOf(u.id), { ...AT_59, coverage: 5.5 });
    const c2 = await district.post(`/api/v1/evaluations/${recheck.evalOf(u.id)}/confirm`, {});
    expect(c2.body).toMatchObject({ unqualified: true, facilityStatus: "suspended" });
    const [fu] = await server.database.query<{ status: string; status_reason: string; unqualified: boolean }>("SELECT status, status_reason, unqualified FROM facilities WHERE id = $1", [u.id]);
    expect(fu).toMatchObject({ status: "suspended", unqualified: true });
    expect(fu!.status_reason).toContain("复评");
    const audit = await server.database.query("SELECT action FROM audit_events WHERE target_id = $1 AND action = 'facility.suspend'", [u.id]);
    expect(audit).toHaveLength(1);
    // the public history shows both confirmed results, newest first
    const hist = (await server.anonymous().get(`/api/v1/public/ratings/${u.id}`)).body;
    expect(hist.history.map((h: { recheck: boolean; score: number }) => [h.recheck, h.score])).toEqual([[true, 59.5], [false, 59]]);
    expect(hist.status).toBe("suspended");

    // a later re-check passed lifts that suspension (and only that one), audited
    const third = await openRound([u.id], { name: `${tag}再复评`, recheck: true });
    await submit(third.evalOf(u.id), AT_90);
    const c3 = await district.post(`/api/v1/evaluations/${third.evalOf(u.id)}/confirm`, {});
    expect(c3.body).toMatchObject({ stars: 5, unqualified: false, facilityStatus: "operating" });
    expect((await server.database.query("SELECT status, unqualified FROM facilities WHERE id = $1", [u.id]))[0]).toMatchObject({ status: "operating", unqualified: false });
    expect(await server.database.query("SELECT action FROM audit_events WHERE target_id = $1 AND action = 'facility.resume'", [u.id])).toHaveLength(1);
  });

  it("a re-check that passes suspends nothing and lifts no other suspension; a failed confirm writes nothing", async () => {
    const f = await facility("丁站");
    const r = await openRound([f.id], { recheck: true });
    const id = r.evalOf(f.id);
    await submit(id, AT_59);
    // a bad re-score is refused: the evaluation, the facility and the rectifications are untouched
    const bad = await district.post(`/api/v1/evaluations/${id}/confirm`, { scores: { area: 3 } });
    expect(bad.status).toBe(422);
    expect((await server.database.query("SELECT count(*)::int AS n FROM rectifications WHERE evaluation_id = $1", [id]))[0]).toMatchObject({ n: 0 });
    expect((await district.get(`/api/v1/evaluations/${id}`)).body.status).toBe("submitted");
    // suspended by the bureau for another reason: a passing re-check does not lift it
    await server.database.query("UPDATE facilities SET status = 'suspended', status_reason = '消防整改未完成' WHERE id = $1", [f.id]);
    // re-scored by the bureau to a pass: three stars, no task, no change of status
    const ok = await district.post(`/api/v1/evaluations/${id}/confirm`, { scores: scoresOf({ area: 4, rules: 0, coverage: 0, home_service: 6 }) });
    expect(ok.body).toMatchObject({ scoreCenti: 7000, stars: 3, unqualified: false, facilityStatus: "suspended", rectificationId: null });
    expect((await server.database.query("SELECT status_reason FROM facilities WHERE id = $1", [f.id]))[0]).toMatchObject({ status_reason: "消防整改未完成" });
  });

  it("a facility added to an open round; who sees what; a closed round takes no more", async () => {
    const [f1, f2, f3] = [await facility("戊站"), await facility("己站"), await facility("庚站")];
    const r = await openRound([f1.id]);
    // one more facility in the open round, once
    const added = await district.post("/api/v1/evaluations", { roundId: r.round.id, facilityId: f2.id, assessorId });
    expect(added.status).toBe(201);
    expect((await district.post("/api/v1/evaluations", { roundId: r.round.id, facilityId: f2.id, assessorId })).status).toBe(409);
    expect((await assessor.post("/api/v1/evaluations", { roundId: r.round.id, facilityId: f3.id, assessorId })).status).toBe(403);
    await submit(r.evalOf(f1.id), AT_90);
    await submit(added.body.id, AT_90);
    // the operator sees handed-in results; a community worker of the region only confirmed ones
    expect((await provider.get(`/api/v1/evaluations?roundId=${r.round.id}`)).body.items).toHaveLength(2);
    const community = await server.login("community");
    expect((await community.get(`/api/v1/evaluations?roundId=${r.round.id}`)).body.items).toHaveLength(0);
    expect((await community.get(`/api/v1/evaluations/${added.body.id}`)).status).toBe(404);
    await district.post(`/api/v1/evaluations/${r.evalOf(f1.id)}/confirm`, {});
    await district.post(`/api/v1/evaluations/${added.body.id}/confirm`, {});
    expect((await community.get(`/api/v1/evaluations?roundId=${r.round.id}`)).body.items).toHaveLength(2);
    // every evaluation confirmed: the round is closed
    expect((await district.post("/api/v1/evaluations", { roundId: r.round.id, facilityId: f3.id, assessorId })).status).toBe(409);
  });

  it("the public endpoints need no login; the others do", async () => {
    const anon = server.anonymous();
    expect((await anon.get("/api/v1/public/ratings")).status).toBe(200);
    expect((await anon.get("/api/v1/evaluations")).status).toBe(401);
    expect((await anon.get("/api/v1/rating-schemes")).status).toBe(401);
    expect((await anon.get("/api/v1/public/ratings/not-an-id")).status).toBe(404);
    expect((await anon.get("/api/v1/public/ratings?stars=9")).status).toBe(422);
    const doc = (await anon.get("/api/openapi.json")).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/rating-schemes", "/api/v1/evaluation-rounds", "/api/v1/evaluations", "/api/v1/evaluations/{id}", "/api/v1/evaluations/{id}/appeal", "/api/v1/evaluations/{id}/confirm", "/api/v1/public/ratings", "/api/v1/public/ratings/{facilityId}"]),
    );
    // paging: one at a time, no facility twice
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await anon.get(`/api/v1/public/ratings?q=${encodeURIComponent(tag)}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      for (const it of page.body.items) {
        expect(seen.has(it.id)).toBe(false);
        seen.add(it.id);
      }
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.size).toBe(7);
  });
});
