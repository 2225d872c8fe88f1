import { auditEvents, facilities, providers, staff, trainings, users } from "@carecircle/db";
import { addDays, addMonths, checkCharacter, maskIdNumber, type Residents, shanghaiDate, type StaffCertificate } from "@carecircle/shared";
import { asc, count, eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { isVillage } from "../facilities/internal.ts";
import { DEMO_DISTRICT_CODE, demoRegions, jitter, mulberry32, type RegionRow } from "./demo-data.ts";

/**
 * The demo district's facility network (C13) and its workforce (C15): a service center in most streets, a station in
 * most communities and a mutual-aid point in most villages (a few gaps, so that the planning page has something to
 * show), five care institutions with their residents by ability, and the caregivers and staff of the centers and
 * institutions — two institutions short of caregivers, a few certificates expiring or expired, most staff trained
 * this year. Mostly run by the demo providers; the demo provider account's provider runs a center and an institution.
 */
type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Streets without a center and communities without a station or point: the planning page's gaps. */
const STREETS_WITHOUT_CENTER = new Set(["500107008", "500107109"]);
const COMMUNITIES_WITHOUT_STATION = new Set(["500107001004", "500107003004", "500107005020", "500107007007", "500107104202", "500107108201", "500107110004"]);

interface InstitutionPlan {
  name: string;
  regionCode: string;
  model: "public" | "public_private" | "private";
  /** true: the demo provider account's provider runs it; false: the bureau itself; null: another demo provider. */
  demoProvider: boolean | null;
  beds: number;
  nursingBeds: number;
  residents: Residents;
  /** Active caregivers on record (the required number follows from the residents and the ratios). */
  caregivers: number;
}
const INSTITUTIONS: InstitutionPlan[] = [
  { name: "九龙坡区社会福利院", regionCode: "500107005", model: "public", demoProvider: false, beds: 300, nursingBeds: 210, residents: { disabled: 90, semiDisabled: 80, selfCare: 60 }, caregivers: 55 },
  { name: "重庆市九龙坡区康乐颐养院", regionCode: "500107001", model: "private", demoProvider: true, beds: 120, nursingBeds: 84, residents: { disabled: 40, semiDisabled: 35, selfCare: 25 }, caregivers: 18 },
  { name: "九龙坡区华岩镇敬老院", regionCode: "500107102", model: "public", demoProvider: false, beds: 80, nursingBeds: 40, residents: { disabled: 8, semiDisabled: 20, selfCare: 35 }, caregivers: 12 },
  { name: "九龙坡区西彭镇中心敬老院", regionCode: "500107110", model: "public_private", demoProvider: null, beds: 100, nursingBeds: 65, residents: { disabled: 20, semiDisabled: 25, selfCare: 30 }, caregivers: 15 },
  { name: "重庆九龙坡区颐康护理院", regionCode: "500107003", model: "private", demoProvider: null, beds: 150, nursingBeds: 120, residents: { disabled: 60, semiDisabled: 40, selfCare: 20 }, caregivers: 24 },
];

const CENTER_SERVICES = ["日间照料", "助餐", "助浴", "康复护理", "文化娱乐", "居家上门服务", "短期托养"];
const STATION_SERVICES = ["助餐", "日间照料", "文化娱乐", "健康监测", "探访关爱"];
const POINT_SERVICES = ["互助服务", "探访关爱", "助餐"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "唐", "邓", "冉", "谭"];
const GIVEN = ["晓燕", "丽", "红梅", "建国", "秀英", "海燕", "小琴", "德华", "春梅", "志强", "桂芳", "明", "玉兰", "军", "婷", "永红", "淑华", "卫东", "小平", "雪梅", "静", "芳", "敏", "磊"];
const COURSES = ["养老护理员岗前培训", "失能老人照护技能", "消防安全与应急疏散", "老年人心理慰藉", "食品安全知识", "急救与心肺复苏"];

const short = (name: string) => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, "");

type FacilityInsert = typeof facilities.$inferInsert;
type StaffInsert = typeof staff.$inferInsert;

/** Seeds the network once: when providers exist (the demo marketplace ran) and no facility does. */
export async function ensureDemoFacilities(ctx: Ctx, opts: { seed?: number } = {}): Promise<number> {
  const db = ctx.database.db;
  const [existing] = await db.select({ n: count() }).from(facilities);
  const [providerUser] = await db.select({ providerId: users.providerId }).from(users).where(eq(users.username, "provider"));
  const provs = await db.select({ id: providers.id, name: providers.name, regionCode: providers.regionCode }).from(providers).where(eq(providers.status, "approved")).orderBy(asc(providers.createdAt), asc(providers.id));
  if ((existing?.n ?? 0) > 0 || !providerUser?.providerId || provs.length === 0) return 0;
  const demoProviderId = providerUser.providerId;
  const demoProviderName = provs.find((p) => p.id === demoProviderId)?.name ?? "九龙坡区康乐居家养老服务中心";
  const rng = mulberry32(opts.seed ?? 0x6c13);
  const today = shanghaiDate();
  const regions = demoRegions().filter((r) => r.code.startsWith(DEMO_DISTRICT_CODE));
  const streets = regions.filter((r) => r.level === 4);
  const operatorFor = (street: RegionRow, first: boolean) => {
    if (first) return { operatorProviderId: demoProviderId, operatorName: demoProviderName };
    const local = provs.filter((p) => p.regionCode === street.code && p.id !== demoProviderId);
    const p = local.length ? pick(rng, local) : pick(rng, provs);
    return { operatorProviderId: p.id, operatorName: p.name };
  };
  const filing = (n: number) => {
    const filedAt = addDays(today, -int(rng, 60, 900));
    return { filingNo: `九民养备〔${filedAt.slice(0, 4)}〕${String(n).padStart(3, "0")}号`, filedAt, filingDocuments: [{ name: "养老服务设施备案书" }, { name: "消防安全检查合格证明" }, { name: "场地产权或租赁证明" }] };
  };

  const centers: FacilityInsert[] = [];
  const stations: (FacilityInsert & { streetCode: string })[] = [];
  let n = 0;
  for (const [i, street] of streets.entries()) {
    const town = street.name.endsWith("镇");
    if (!STREETS_WITHOUT_CENTER.has(street.code) && street.lat !== null && street.lng !== null) {
      const [lat, lng] = jitter(rng, street.lat, street.lng, 500);
      const beds = int(rng, 20, 60);
      centers.push({
        name: `${street.name}养老服务中心`,
        tier: "center",
        regionCode: street.code,
        address: `重庆市九龙坡区${street.name}${short(regions.find((r) => r.parentCode === street.code)?.name ?? street.name)}${int(rng, 1, 200)}号`,
        lat,
        lng,
        ...operatorFor(street, i === 0),
        operatingModel: town ? "public" : "public_private",
        areaM2: int(rng, 8, 20) * 100,
        beds,
        nursingBeds: Math.round(beds * (0.55 + rng() * 0.25)),
        staffCount: int(rng, 10, 25),
        openingHours: "08:00–20:00",
        services: CENTER_SERVICES.slice(0, int(rng, 4, CENTER_SERVICES.length)),
        status: "operating",
        statusAt: new Date(),
        ...filing(++n),
      });
    }
    for (const c of regions.filter((r) => r.parentCode === street.code)) {
      if (COMMUNITIES_WITHOUT_STATION.has(c.code) || c.lat === null || c.lng === null) continue;
      const village = isVillage(c.name);
      const [lat, lng] = jitter(rng, c.lat, c.lng, 250);
      const beds = village ? 0 : pick(rng, [0, 0, 4, 6, 8, 10]);
      stations.push({
        streetCode: street.code,
        name: village ? `${short(c.name)}互助养老点` : `${short(c.name)}养老服务站`,
        tier: village ? "point" : "station",
        regionCode: c.code,
        address: `重庆市九龙坡区${street.name}${short(c.name)}${int(rng, 1, 120)}号${village ? "（村委会旁）" : ""}`,
        lat,
        lng,
        ...(village ? { operatorProviderId: null, operatorName: `${short(c.name)}村民委员会` } : operatorFor(street, c.code === "500107001001")),
        operatingModel: village ? "public" : pick(rng, ["public_private", "public_private", "private"] as const),
        areaM2: village ? int(rng, 80, 200) : int(rng, 200, 600),
        beds,
        nursingBeds: Math.round(beds * 0.6),
        staffCount: village ? int(rng, 1, 3) : int(rng, 3, 8),
        openingHours: village ? "09:00–17:00" : "08:30–18:00",
        services: (village ? POINT_SERVICES : STATION_SERVICES).slice(0, int(rng, 2, village ? 3 : 5)),
        status: "operating",
        statusAt: new Date(),
        ...(rng() < 0.8 ? filing(++n) : {}),
      });
    }
  }

  const others = provs.filter((p) => p.id !== demoProviderId);
  const institutions: (FacilityInsert & { plan: InstitutionPlan })[] = INSTITUTIONS.map((plan) => {
    const street = streets.find((s) => s.code === plan.regionCode)!;
    const [lat, lng] = jitter(rng, street.lat!, street.lng!, 900);
    const op = plan.demoProvider === true ? { operatorProviderId: demoProviderId, operatorName: demoProviderName } : plan.demoProvider === false ? { operatorProviderId: null, operatorName: "九龙坡区民政局" } : (() => {
      const p = pick(rng, others.length ? others : provs);
      return { operatorProviderId: p.id, operatorName: p.name };
    })();
    return {
      plan,
      name: plan.name,
      tier: "institution",
      regionCode: plan.regionCode,
      address: `重庆市九龙坡区${street.name}${int(rng, 1, 300)}号`,
      lat,
      lng,
      ...op,
      operatingModel: plan.model,
      areaM2: plan.beds * int(rng, 30, 45),
      beds: plan.beds,
      nursingBeds: plan.nursingBeds,
      staffCount: plan.caregivers + 8,
      openingHours: "全天",
      services: ["长期照护", "失能照护", "康复护理", "医养结合", "短期托养"],
      residents: plan.residents,
      status: "operating",
      statusAt: new Date(),
      ...filing(++n),
    };
  });

  const ids = new Set<string>();
  const idNumber = () => {
    for (;;) {
      const birth = `${int(rng, 1965, 2002)}${String(int(rng, 1, 12)).padStart(2, "0")}${String(int(rng, 1, 28)).padStart(2, "0")}`;
      const body = `${DEMO_DISTRICT_CODE}${birth}${String(int(rng, 1, 999)).padStart(3, "0")}`;
      const v = body + checkCharacter(body);
      if (!ids.has(v)) {
        ids.add(v);
        return v;
      }
    }
  };
  const person = (regionCode: string, facilityId: string, post: string, level?: number): StaffInsert => {
    const id = idNumber();
    const certificates: StaffCertificate[] = [];
    // about one in twelve certificates expires within the month, one in twenty has expired
    const validTo = () => {
      const r = rng();
      return r < 0.05 ? addDays(today, -int(rng, 1, 60)) : r < 0.13 ? addDays(today, int(rng, 0, 29)) : addDays(today, int(rng, 60, 1400));
    };
    if (post === "caregiver") certificates.push({ kind: "caregiver", level: level ?? pick(rng, [5, 5, 4, 4, 3, 2]), number: `YLHL${int(rng, 10_000_000, 99_999_999)}`, validTo: validTo() });
    if (post === "nurse") certificates.push({ kind: "nurse", level: null, number: `HS${int(rng, 100_000_000, 999_999_999)}`, validTo: validTo() });
    if (post === "caregiver" || post === "cook" || post === "nurse") certificates.push({ kind: "health", level: null, number: `JK${int(rng, 1_000_000, 9_999_999)}`, validTo: validTo() });
    const young = Number(id.slice(6, 10)) >= 1996;
    const education = young ? pick(rng, ["vocational", "junior_college", "junior_college", "bachelor"]) : pick(rng, ["junior_high", "high_school", "vocational", "junior_college"]);
    return {
      regionCode,
      facilityId,
      name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
      idNumberEnc: ctx.secrets.encrypt(id),
      idNumberHash: ctx.secrets.lookupHash("id", id),
      idNumberMasked: maskIdNumber(id),
      post,
      certificates,
      education,
      graduatedOn: young ? `${Number(id.slice(6, 10)) + (education === "bachelor" ? 22 : 20)}-07-01` : null,
      hiredOn: addMonths(today, -int(rng, 2, 96)),
    };
  };

  const count_ = await db.transaction(async (tx) => {
    const centerRows = await tx.insert(facilities).values(centers).returning({ id: facilities.id, regionCode: facilities.regionCode });
    const centerOf = new Map(centerRows.map((c) => [c.regionCode, c.id]));
    const stationRows = await tx.insert(facilities).values(stations.map(({ streetCode, ...s }) => ({ ...s, parentId: centerOf.get(streetCode) ?? null }))).returning({ id: facilities.id });
    const instRows = await tx.insert(facilities).values(institutions.map(({ plan: _p, ...f }) => f)).returning({ id: facilities.id, regionCode: facilities.regionCode });
    const people: StaffInsert[] = [];
    for (const [i, inst] of instRows.entries()) {
      const plan = institutions[i]!.plan;
      for (let k = 0; k < plan.caregivers; k++) people.push(person(inst.regionCode, inst.id, "caregiver"));
      for (const post of ["nurse", "nurse", "manager", "social_worker", "cook"]) people.push(person(inst.regionCode, inst.id, post));
    }
    for (const c of centerRows) for (const post of ["caregiver", "caregiver", "caregiver", "manager", "cook"]) people.push(person(c.regionCode, c.id, post));
    const staffRows = await tx.insert(staff).values(people).returning({ id: staff.id });
    // most staff passed a training this year; some failed one and have not retaken it
    const records = staffRows.flatMap((s) => {
      const r = rng();
      if (r < 0.2) return [];
      const result = r < 0.27 ? "fail" : "pass";
      return [{ staffId: s.id, course: pick(rng, COURSES), hours: pick(rng, [8, 16, 24, 40]), result, trainedOn: addDays(today, -int(rng, 5, 330)) }];
    });
    if (records.length) await tx.insert(trainings).values(records);
    await tx.insert(auditEvents).values({ actorUsername: "system", actorRole: "system", action: "seed.facilities", regionCode: DEMO_DISTRICT_CODE, detail: { centers: centerRows.length, stations: stationRows.length, institutions: instRows.length, staff: staffRows.length } });
    return centerRows.length + stationRows.length + instRows.length;
  });
  await ctx.database.exec("ANALYZE facilities; ANALYZE staff");
  return count_;
}
