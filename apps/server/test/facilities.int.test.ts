import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { addDays, shanghaiDate, staffingShortfall } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let sys: Ctx;
let district: Client;
let street: Client;
let provider: Client;
let centerId: string;

/** 杨家坪街道 (the `street` account's street) and its 兴胜路社区, which the demo network leaves without a station. */
const STREET = "500107001";
const COMMUNITY = "500107001004";

const one = async (sql: string) => Number((await server.database.query<{ n: string | number }>(sql))[0]!.n);
const station = (over: Record<string, unknown> = {}) => ({
  name: "兴胜路社区养老服务站",
  tier: "station",
  parentId: centerId,
  regionCode: COMMUNITY,
  address: "重庆市九龙坡区杨家坪街道兴胜路18号",
  lat: 29.5041,
  lng: 106.5112,
  operatorName: "九龙坡区康乐居家养老服务中心",
  operatingModel: "public_private",
  areaM2: 320,
  beds: 10,
  nursingBeds: 6,
  services: ["助餐", "日间照料"],
  ...over,
});
async function newUser(username: string, role: string, regionCode: string): Promise<Client> {
  await createUser({ ctx: sys, input: { username, displayName: username, password: TEST_PASSWORD, role: role as "street_staff", regionCode } });
  return server.login(username);
}

beforeAll(async () => {
  server = await startTestServer();
  sys = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
  [district, street, provider] = await Promise.all(["district", "street", "provider"].map((u) => server.login(u)));
  const centers = (await district.get(`/api/v1/facilities?tier=center&regionCode=${STREET}`)).body.items as { id: string; regionCode: string }[];
  centerId = centers.find((c) => c.regionCode === STREET)!.id;
});
afterAll(() => server?.close());

describe("facilities", () => {
  it("the district registers a station under its street's center; the center lists it among the stations it leads", async () => {
    const res = await district.post("/api/v1/facilities", station());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tier: "station", parentId: centerId, regionCode: COMMUNITY, status: "operating", beds: 10, nursingBeds: 6 });
    const list = (await street.get("/api/v1/facilities?tier=station&q=兴胜路")).body.items as { id: string; tier: string }[];
    expect(list.map((f) => f.id)).toContain(res.body.id);
    expect(list.every((f) => f.tier === "station")).toBe(true);
    const center = (await district.get(`/api/v1/facilities/${centerId}`)).body;
    expect(center.ledStations.map((s: { id: string }) => s.id)).toContain(res.body.id);
    // status change with a reason, audited; then filing
    const suspended = await district.post(`/api/v1/facilities/${res.body.id}/status`, { status: "suspended", reason: "消防整改" });
    expect(suspended.body).toMatchObject({ status: "suspended", statusReason: "消防整改" });
    expect((await district.get(`/api/v1/facilities?status=suspended`)).body.items.map((f: { id: string }) => f.id)).toContain(res.body.id);
    expect(await one(`SELECT count(*) AS n FROM audit_events WHERE action = 'facility.status' AND target_id = '${res.body.id}'`)).toBe(1);
    expect((await district.post(`/api/v1/facilities/${res.body.id}/status`, { status: "operating", reason: "整改完成" })).body.status).toBe("operating");
    const filed = await district.post(`/api/v1/facilities/${res.body.id}/filing`, { filingNo: "九民养备〔2026〕901号", filedAt: "2026-03-01", documents: [{ name: "备案书" }] });
    expect(filed.body).toMatchObject({ filingNo: "九民养备〔2026〕901号", filedAt: "2026-03-01", filingDocuments: [{ name: "备案书" }] });
  });

  it("bad input is 422 naming each field, and nothing is written", async () => {
    const before = await one("SELECT count(*) AS n FROM facilities");
    const beds = await district.post("/api/v1/facilities", station({ beds: 5, nursingBeds: 8 }));
    expect(beds.status).toBe(422);
    expect(beds.headers.get("content-type")).toContain("application/problem+json");
    expect(beds.body.errors.map((e: { path: string }) => e.path)).toEqual(["nursingBeds"]);
    const tier = await district.post("/api/v1/facilities", station({ tier: "hospital", beds: -1 }));
    expect(tier.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["beds", "tier"]);
    // a station led by the center of another street
    const otherCenter = ((await district.get("/api/v1/facilities?tier=center&regionCode=500107002")).body.items as { id: string }[])[0]!.id;
    const parent = await district.post("/api/v1/facilities", station({ parentId: otherCenter }));
    expect(parent.status).toBe(422);
    expect(parent.body.errors[0].path).toBe("parentId");
    // a center must stand in a street, not a community
    const center = await district.post("/api/v1/facilities", station({ tier: "center", parentId: null }));
    expect(center.body.errors[0].path).toBe("regionCode");
    const update = await district.patch(`/api/v1/facilities/${centerId}`, { nursingBeds: 100000 });
    expect(update.status).toBe(422);
    expect(await one("SELECT count(*) AS n FROM facilities")).toBe(before);
    expect(await one(`SELECT nursing_beds AS n FROM facilities WHERE id = '${centerId}'`)).toBeLessThan(100000);
  });

  it("another street's staff neither see nor change this street's facilities (404); a provider admin sees what it runs, read-only", async () => {
    const other = await newUser("huangjueping", "street_staff", "500107002");
    expect((await other.get(`/api/v1/facilities/${centerId}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/facilities/${centerId}`, { staffCount: 3 })).status).toBe(404);
    expect((await other.post(`/api/v1/facilities/${centerId}/status`, { status: "closed", reason: "x" })).status).toBe(404);
    const seen = (await other.get("/api/v1/facilities?limit=500")).body.items as { regionCode: string }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((f) => f.regionCode.startsWith("500107002"))).toBe(true);
    expect((await other.get(`/api/v1/facilities?regionCode=${STREET}`)).status).toBe(404);
    expect((await other.post("/api/v1/facilities", station({ parentId: null }))).body.errors[0].path).toBe("regionCode");
    // a community worker reads, does not register
    expect((await (await server.login("community")).post("/api/v1/facilities", station())).status).toBe(403);

    const providerId = (await provider.get("/api/v1/auth/me")).body.providerId as string;
    const mine = (await provider.get("/api/v1/facilities?limit=500")).body.items as { operatorProviderId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.operatorProviderId === providerId)).toBe(true);
    expect(mine.length).toBe(await one(`SELECT count(*) AS n FROM facilities WHERE operator_provider_id = '${providerId}'`));
    expect((await provider.patch(`/api/v1/facilities/${centerId}`, { staffCount: 3 })).status).toBe(403);
    // its staff list holds the staff of its own facilities and its own provider only
    const staff = (await provider.get("/api/v1/staff?limit=500")).body.items as { id: string }[];
    expect(staff.length).toBe(await one(`SELECT count(*) AS n FROM staff WHERE provider_id = '${providerId}' OR facility_id IN (SELECT id FROM facilities WHERE operator_provider_id = '${providerId}')`));
    expect(staff.length).toBeGreaterThan(0);
    expect((await provider.get("/api/v1/planning")).status).toBe(403);
  });

  it("the demo network keeps its own rules: stations and points led by a center of their street, nursing beds within beds", async () => {
    const misled = await one(
      "SELECT count(*) AS n FROM facilities s JOIN facilities c ON c.id = s.parent_id JOIN regions r ON r.code = s.region_code WHERE c.tier <> 'center' OR c.region_code <> r.parent_code",
    );
    expect(misled).toBe(0);
    expect(await one("SELECT count(*) AS n FROM facilities WHERE nursing_beds > beds OR nursing_beds < 0")).toBe(0);
    expect(await one("SELECT count(*) AS n FROM facilities WHERE tier = 'institution'")).toBeGreaterThanOrEqual(3);
    expect(await one("SELECT count(*) AS n FROM facilities WHERE tier = 'point'")).toBeGreaterThan(0);
    // the API is documented
    const doc = (await server.anonymous().get("/api/openapi.json")).body;
    for (const path of ["/api/v1/facilities", "/api/v1/facilities/{id}", "/api/v1/planning", "/api/v1/staff", "/api/v1/staff/{id}/trainings", "/api/v1/staffing"]) expect(doc.paths[path]).toBeDefined();
  });
});

describe("planning", () => {
  it("shows each target against figures counted from the registry and the network", async () => {
    const res = await street.get(`/api/v1/planning?regionCode=${STREET}`);
    expect(res.status).toBe(200);
    const elders = await one(`SELECT count(*) AS n FROM elders WHERE region_code LIKE '${STREET}%' AND status = 'active'`);
    const beds = await one(`SELECT coalesce(sum(beds), 0) AS n FROM facilities WHERE region_code LIKE '${STREET}%' AND status = 'operating'`);
    const nursing = await one(`SELECT coalesce(sum(nursing_beds), 0) AS n FROM facilities WHERE region_code LIKE '${STREET}%' AND status = 'operating'`);
    const communities = await server.database.query<{ code: string }>(`SELECT code FROM regions WHERE code LIKE '${STREET}%' AND level = 5 AND code NOT IN (SELECT region_code FROM facilities WHERE tier IN ('station', 'point') AND status = 'operating') ORDER BY code`);
    expect(res.body.figures).toMatchObject({ elders, beds, nursingBeds: nursing, streets: 1 });
    const target = (key: string) => res.body.targets.find((t: { key: string }) => t.key === key);
    expect(target("planning.bedsPer1000Elders")).toMatchObject({ target: 40 });
    expect(target("planning.bedsPer1000Elders").actual).toBeCloseTo((beds * 1000) / elders, 6);
    expect(target("planning.nursingBedShare").actual).toBeCloseTo(nursing / beds, 6);
    expect(target("planning.centersPerStreet")).toMatchObject({ target: 1, met: true });
    // households are not in our data: the target is shown, the actual is unknown
    expect(target("planning.areaM2Per100Households")).toMatchObject({ target: 20, actual: null, unknown: "households" });
    expect(res.body.communitiesWithoutStation.map((c: { code: string }) => c.code)).toEqual(communities.map((c) => c.code));

    // the district's view lists the streets the demo network leaves without a center
    const all = (await district.get("/api/v1/planning")).body;
    const noCenter = await server.database.query<{ code: string }>("SELECT code FROM regions WHERE code LIKE '500107%' AND level = 4 AND code NOT IN (SELECT region_code FROM facilities WHERE tier = 'center' AND status = 'operating') ORDER BY code");
    expect(all.streetsWithoutCenter.map((s: { code: string }) => s.code)).toEqual(noCenter.map((s) => s.code));
    expect(noCenter.length).toBeGreaterThan(0);
    expect(all.targets.find((t: { key: string }) => t.key === "planning.centersPerStreet").met).toBe(false);
    // another street's staff cannot ask for this street's figures
    expect((await (await server.login("huangjueping")).get(`/api/v1/planning?regionCode=${STREET}`)).status).toBe(404);
  });
});

describe("workforce", () => {
  const staffInput = (over: Record<string, unknown> = {}) => ({
    name: "刘晓燕",
    idNumber: makeIdNumber("19980412", "F", "500107"),
    facilityId: centerId,
    post: "caregiver",
    certificates: [{ kind: "caregiver", level: 4, number: "YLHL20260001", validTo: addDays(shanghaiDate(), 10) }],
    education: "junior_college",
    graduatedOn: "2024-07-01",
    ...over,
  });

  it("a wrong ID number is refused and nothing is written; a good one is stored encrypted and shown masked", async () => {
    const before = await one("SELECT count(*) AS n FROM staff");
    const bad = await street.post("/api/v1/staff", staffInput({ idNumber: "500107199804120011" }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("idNumber");
    const noLevel = await street.post("/api/v1/staff", staffInput({ certificates: [{ kind: "caregiver", number: "x", validTo: "2030-01-01" }] }));
    expect(noLevel.body.errors[0].path).toBe("certificates.0.level");
    expect(await one("SELECT count(*) AS n FROM staff")).toBe(before);

    const input = staffInput();
    const res = await street.post("/api/v1/staff", input);
    expect(res.status).toBe(201);
    expect(res.body.idNumber).toBe(`${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`);
    expect(res.body.regionCode).toBe(STREET);
    expect(res.body.bonus).toMatchObject({ eligible: true, until: "2027-07-01" });
    expect(res.body.certificates[0].state).toBe("expiring");
    const [row] = await server.database.query<{ enc: Buffer }>(`SELECT id_number_enc AS enc FROM staff WHERE id = '${res.body.id}'`);
    expect(Buffer.from(row!.enc).toString("utf8")).not.toContain(input.idNumber);
    expect(server.secrets.decrypt(Buffer.from(row!.enc))).toBe(input.idNumber);
    // the same person twice: 409
    expect((await street.post("/api/v1/staff", staffInput({ idNumber: input.idNumber }))).status).toBe(409);
    // expiring within 30 days: listed; another street's staff do not see them
    const expiring = (await street.get("/api/v1/staff?expiring=30&limit=500")).body.items as { id: string; certificateAlert: string }[];
    expect(expiring.map((s) => s.id)).toContain(res.body.id);
    expect(expiring.every((s) => s.certificateAlert === "expiring" || s.certificateAlert === "expired")).toBe(true);
    const later = await street.post("/api/v1/staff", staffInput({ name: "周明", idNumber: makeIdNumber("19800101", "M", "500107"), certificates: [{ kind: "health", number: "JK1", validTo: addDays(shanghaiDate(), 200) }], education: "high_school" }));
    expect(later.body.bonus).toMatchObject({ eligible: false, reason: "education" });
    expect(((await street.get("/api/v1/staff?expiring=30&limit=500")).body.items as { id: string }[]).map((s) => s.id)).not.toContain(later.body.id);
    const huangjueping = await server.login("huangjueping");
    expect((await huangjueping.get(`/api/v1/staff/${res.body.id}`)).status).toBe(404);
    expect(((await huangjueping.get("/api/v1/staff?limit=500")).body.items as { regionCode: string }[]).every((s) => s.regionCode.startsWith("500107002"))).toBe(true);
    expect((await huangjueping.post(`/api/v1/staff/${res.body.id}/trainings`, { course: "x", hours: 8, result: "pass", trainedOn: shanghaiDate() })).status).toBe(404);
  });

  it("a renewed certificate clears the reminder; a staff member who leaves is no longer active; bad values change nothing", async () => {
    const s = (await street.post("/api/v1/staff", staffInput({ name: "王春梅", idNumber: makeIdNumber("19920808", "F", "500107") }))).body;
    expect(s.certificateAlert).toBe("expiring");
    const bad = await street.patch(`/api/v1/staff/${s.id}`, { certificates: [{ kind: "caregiver", level: 6, number: "N", validTo: "2030-01-01" }], active: "no" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["active", "certificates.0.level"]);
    expect((await street.get(`/api/v1/staff/${s.id}`)).body.certificates[0].validTo).toBe(s.certificates[0].validTo);
    const renewed = await street.patch(`/api/v1/staff/${s.id}`, { certificates: [{ kind: "caregiver", level: 3, number: "YLHL20260002", validTo: addDays(shanghaiDate(), 1095) }] });
    expect(renewed.body).toMatchObject({ certificateAlert: null, certificates: [{ level: 3, state: "valid" }] });
    expect(((await street.get("/api/v1/staff?expiring=30&limit=500")).body.items as { id: string }[]).map((x) => x.id)).not.toContain(s.id);
    expect((await street.patch(`/api/v1/staff/${s.id}`, { active: false })).body.active).toBe(false);
    expect(await one(`SELECT count(*) AS n FROM audit_events WHERE action = 'staff.update' AND target_id = '${s.id}'`)).toBe(2);
    expect((await (await server.login("huangjueping")).patch(`/api/v1/staff/${s.id}`, { active: true })).status).toBe(404);
  });

  it("trainings are recorded and the training rate is the share of active staff who passed one in the last 12 months", async () => {
    const s = (await street.post("/api/v1/staff", staffInput({ name: "陈丽", idNumber: makeIdNumber("19900505", "F", "500107") }))).body;
    const bad = await street.post(`/api/v1/staff/${s.id}/trainings`, { course: "失能老人照护", hours: 0, result: "ok", trainedOn: "2026-02-30" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["hours", "result", "trainedOn"]);
    const res = await street.post(`/api/v1/staff/${s.id}/trainings`, { course: "失能老人照护", hours: 16, result: "pass", trainedOn: addDays(shanghaiDate(), -3) });
    expect(res.status).toBe(201);
    expect(res.body.trainings).toHaveLength(1);
    expect(res.body.lastPassedTrainingOn).toBe(addDays(shanghaiDate(), -3));
    const summary = (await street.get("/api/v1/workforce")).body;
    const active = await one(`SELECT count(*) AS n FROM staff WHERE region_code LIKE '${STREET}%' AND active`);
    const trained = await one(
      `SELECT count(*) AS n FROM staff s WHERE s.region_code LIKE '${STREET}%' AND s.active AND EXISTS (SELECT 1 FROM trainings t WHERE t.staff_id = s.id AND t.result = 'pass' AND t.trained_on > (now() AT TIME ZONE 'Asia/Shanghai')::date - interval '12 months')`,
    );
    expect(summary).toMatchObject({ activeStaff: active, trainedLast12Months: trained });
    expect(summary.trainingRate).toBeCloseTo(trained / active, 9);
  });
});

describe("staffing", () => {
  it("lists an institution's required caregivers and its shortfall, shortfalls first", async () => {
    const inst = await district.post("/api/v1/facilities", {
      name: "杨家坪测试护理院",
      tier: "institution",
      regionCode: STREET,
      address: "重庆市九龙坡区杨家坪街道西郊路1号",
      operatorName: "测试护理院有限公司",
      operatingModel: "private",
      beds: 40,
      nursingBeds: 30,
      residents: { disabled: 7, semiDisabled: 6, selfCare: 11 },
    });
    expect(inst.status).toBe(201);
    // one caregiver on record, and a nurse who does not count toward the ratio
    await street.post("/api/v1/staff", { name: "赵敏", idNumber: makeIdNumber("19850303", "F", "500107"), facilityId: inst.body.id, post: "caregiver", certificates: [{ kind: "caregiver", level: 3, number: "C1", validTo: "2030-01-01" }] });
    await street.post("/api/v1/staff", { name: "孙静", idNumber: makeIdNumber("19870303", "F", "500107"), facilityId: inst.body.id, post: "nurse" });
    // 7/3 + 6/5 + 11/10 = 4.63 → 5 caregivers
    const expected = staffingShortfall({ disabled: 7, semiDisabled: 6, selfCare: 11 }, 1);
    expect(expected).toEqual({ required: 5, caregivers: 1, shortfall: 4 });
    const res = await street.get("/api/v1/staffing");
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { facilityId: string }) => i.facilityId === inst.body.id);
    expect(item).toMatchObject({ required: 5, caregivers: 1, shortfall: 4, residents: { disabled: 7, semiDisabled: 6, selfCare: 11 }, ratios: { disabled: 3, semiDisabled: 5, selfCare: 10 } });
    const shortfalls = (res.body.items as { shortfall: number }[]).map((i) => i.shortfall);
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
    // another street's institutions are not in this street's check
    expect(((await (await server.login("huangjueping")).get("/api/v1/staffing")).body.items as { facilityId: string }[]).map((i) => i.facilityId)).not.toContain(inst.body.id);
  });
});
