import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let assessor: Client; // 九龙坡区
let street: Client; // 杨家坪街道: may read assessments, not write
let district: Client;
let scale: { code: string; items: { code: string; scores: number[] }[] };
beforeAll(async () => {
  server = await startTestServer();
  assessor = await server.login("assessor");
  street = await server.login("street");
  district = await server.login("district");
  const scales = await assessor.get("/api/v1/assessment-scales");
  scale = scales.body.items.find((s: { code: string }) => s.code === "GB/T 42195-2022");
});
afterAll(() => server?.close());

/** Every item at its maximum, minus `lower` points taken from the first items. */
function scores(lower = 0): Record<string, number> {
  const out: Record<string, number> = {};
  let left = lower;
  for (const item of scale.items) {
    const max = Math.max(...item.scores);
    const take = Math.min(left, max);
    out[item.code] = max - take;
    left -= take;
  }
  return out;
}

const full = (elderId: string, over: Record<string, unknown> = {}) => ({
  elderId,
  scale: "GB/T 42195-2022",
  reason: "first",
  items: scores(),
  assessors: ["张评估", "李评估"],
  informant: "本人",
  submit: true,
  ...over,
});

async function newElder(regionCode = "500107001001") {
  return (await district.post("/api/v1/elders", elderInput({ regionCode }))).body.id as string;
}

describe("scales", () => {
  it("serves GB/T 42195-2022 with 26 items, descriptions per score, and the Barthel index", async () => {
    const res = await assessor.get("/api/v1/assessment-scales");
    expect(res.status).toBe(200);
    const codes = res.body.items.map((s: { code: string }) => s.code);
    expect(codes).toEqual(expect.arrayContaining(["GB/T 42195-2022", "Barthel"]));
    expect(scale.items).toHaveLength(26);
    const eating = res.body.items.find((s: { code: string }) => s.code === "GB/T 42195-2022").items[0];
    expect(Object.keys(eating.descriptions)).toHaveLength(eating.scores.length);
  });
});

describe("scoring an elder", () => {
  it("computes subtotals, total and level, and the registry shows the level and when re-assessment is due", async () => {
    const elderId = await newElder();
    const res = await assessor.post("/api/v1/assessments", full(elderId, { items: scores(30), assessedAt: "2026-11-20" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "submitted", total: 60, preliminaryLevel: { level: 2, name: "中度失能" }, finalLevel: { level: 2 } });
    expect(Object.values(res.body.subtotals as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(60);
    const elder = (await street.get(`/api/v1/elders/${elderId}`)).body;
    expect(elder).toMatchObject({ abilityLevel: 2, abilityAssessedAt: "2026-11-20", abilityDueAt: "2027-11-20", abilityAssessmentId: res.body.id });
    const list = await street.get(`/api/v1/elders/${elderId}/assessments`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
  });

  it("lowers the level for dementia and risk events (one level: they do not add up by default), and says why", async () => {
    const elderId = await newElder();
    const res = await assessor.post("/api/v1/assessments", full(elderId, { items: scores(10), adjustments: { dementia: true, riskEvents: ["fall", "choking"] } }));
    expect(res.body).toMatchObject({ total: 80, preliminaryLevel: { level: 1 }, finalLevel: { level: 2 } });
    expect(res.body.reasons.length).toBeGreaterThan(0);
    const coma = await assessor.post("/api/v1/assessments", full(await newElder(), { adjustments: { coma: true } }));
    expect(coma.body).toMatchObject({ total: 90, preliminaryLevel: { level: 0 }, finalLevel: { level: 4, name: "完全失能" } });
  });

  it("saves a draft, resumes it, submits it; a submitted assessment is immutable", async () => {
    const elderId = await newElder();
    const partial = Object.fromEntries(Object.entries(scores()).slice(0, 10));
    const draft = await assessor.post("/api/v1/assessments", { elderId, scale: "GB/T 42195-2022", reason: "routine", items: partial });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", total: null, finalLevel: null });
    const missing = await assessor.patch(`/api/v1/assessments/${draft.body.id}`, { submit: true });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain(`items.${scale.items[10]!.code}`);
    const resumed = await assessor.patch(`/api/v1/assessments/${draft.body.id}`, { items: scores(), assessors: ["甲", "乙"], informant: "女儿", version: draft.body.version });
    expect(resumed.body).toMatchObject({ status: "draft", total: 90, finalLevel: { level: 0 } });
    const submitted = await assessor.patch(`/api/v1/assessments/${draft.body.id}`, { submit: true });
    expect(submitted.body.status).toBe("submitted");
    expect((await assessor.patch(`/api/v1/assessments/${draft.body.id}`, { informant: "x" })).status).toBe(409);
  });

  it("corrects a submitted assessment with a new one that supersedes it, with its reason", async () => {
    const elderId = await newElder();
    const first = (await assessor.post("/api/v1/assessments", full(elderId, { items: scores(5) }))).body;
    const bad = await assessor.post("/api/v1/assessments", full(elderId, { supersedes: first.id }));
    expect(bad.status).toBe(422);
    const fix = await assessor.post("/api/v1/assessments", full(elderId, { reason: "dispute", items: scores(40), supersedes: first.id, correctionReason: "家属申请复评，首次评估漏记如厕情况" }));
    expect(fix.status).toBe(201);
    expect(fix.body).toMatchObject({ supersedes: first.id, finalLevel: { level: 2 } });
    expect((await assessor.get(`/api/v1/assessments/${first.id}`)).body).toMatchObject({ status: "superseded", supersededBy: fix.body.id });
    expect((await assessor.post("/api/v1/assessments", full(elderId, { supersedes: first.id, correctionReason: "again" }))).status).toBe(409);
    expect((await street.get(`/api/v1/elders/${elderId}`)).body.abilityLevel).toBe(2);
  });

  // cases are functions: the scale's items are known only after beforeAll
  it.each([
    ["a score out of range", () => ({ items: { ...scores(), "B1.1": 7 } }), "items.B1.1"],
    ["an unknown item code", () => ({ items: { ...scores(), "Z9.9": 1 } }), "items.Z9.9"],
    ["a missing item on submit", () => ({ items: Object.fromEntries(Object.entries(scores()).slice(1)) }), "items.B1.1"],
    ["one assessor only", () => ({ assessors: ["张"] }), "assessors"],
    ["an unknown scale", () => ({ scale: "NOPE" }), "scale"],
    ["a bad reason", () => ({ reason: "whim" }), "reason"],
    ["a future date", () => ({ assessedAt: "2099-01-01" }), "assessedAt"],
  ])("refuses %s with a problem naming it, writing nothing", async (_label, over, path) => {
    const elderId = await newElder();
    const res = await assessor.post("/api/v1/assessments", full(elderId, over()));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await assessor.get(`/api/v1/elders/${elderId}/assessments`)).body.items).toEqual([]);
  });

  it("records a long-term-care assessment as entered, without computing it", async () => {
    const scales = (await assessor.get("/api/v1/assessment-scales")).body.items;
    const ltc = scales.find((s: { kind: string }) => s.kind === "recorded");
    const items = Object.fromEntries(ltc.items.map((i: { code: string; scores: number[] }) => [i.code, i.scores[0]]));
    const elderId = await newElder();
    const res = await assessor.post("/api/v1/assessments", { elderId, scale: ltc.code, reason: "first", items, assessors: ["甲", "乙"], informant: "本人", recordedLevel: 3, submit: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ finalLevel: { level: 3 }, total: null });
    // the registry's ability level comes from GB/T 42195 only
    expect((await street.get(`/api/v1/elders/${elderId}`)).body.abilityAssessmentId).toBeNull();
  });

  it("prints a PDF report and audits it", async () => {
    const elderId = await newElder();
    const a = (await assessor.post("/api/v1/assessments", full(elderId))).body;
    const pdf = await assessor.get(`/api/v1/assessments/${a.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.raw.subarray(0, 5).toString()).toBe("%PDF-");
    const audit = await district.get(`/api/v1/audit-events?action=assessment.report&targetId=${elderId}`);
    expect(audit.body.items).toHaveLength(1);
  });
});

describe("re-assessment due list and region isolation", () => {
  it("lists elders due or overdue in the region, earliest first", async () => {
    const elderId = await newElder();
    await assessor.post("/api/v1/assessments", full(elderId, { assessedAt: "2025-11-01" })); // due 2026-11-01: overdue
    const res = await street.get("/api/v1/assessments/due?withinDays=30");
    const mine = res.body.items.find((e: { id: string }) => e.id === elderId);
    expect(mine).toMatchObject({ abilityDueAt: "2026-11-01", overdue: true });
    const dates = res.body.items.map((e: { abilityDueAt: string }) => e.abilityDueAt);
    expect([...dates].sort()).toEqual(dates);
  });

  it("refuses an elder or an assessment outside the user's region with 404, and writers without the permission with 403", async () => {
    const other = await newElder("500107003001"); // 谢家湾街道
    const a = (await assessor.post("/api/v1/assessments", full(other))).body;
    expect((await street.get(`/api/v1/assessments/${a.id}`)).status).toBe(404);
    expect((await street.get(`/api/v1/assessments/${a.id}/report.pdf`)).status).toBe(404);
    expect((await street.get(`/api/v1/elders/${other}/assessments`)).status).toBe(404);
    expect((await street.get("/api/v1/assessments/due")).body.items.every((e: { regionCode: string }) => e.regionCode.startsWith("500107001"))).toBe(true);
    expect((await street.post("/api/v1/assessments", full(await newElder()))).status).toBe(403);
    const community = await server.login("community"); // 西郊二村社区: assessor-less, read-only
    expect((await community.get(`/api/v1/assessments/${a.id}`)).status).toBe(404);
  });
});
