import { describe, expect, it } from "vitest";
import { ageOn, CreateElderInput, isValidPhone, parseIdNumber } from "@carecircle/shared";
import { DEMO_TAGS, demoRegions, generateDemoElders, mulberry32, type DemoElder, type RegionRow } from "./demo-data.ts";

const TODAY = "2025-06-30";
const TODAY_DATE = new Date("2025-06-30T12:00:00+08:00");

/** Distance in metres (equirectangular; fine at district scale). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = Math.PI / 180;
  const x = (b.lng - a.lng) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

const regions = demoRegions();
const communities = regions.filter((r) => r.level === 5);
const byCode = new Map(regions.map((r) => [r.code, r]));
const elders = generateDemoElders({ count: 5000, seed: 7, today: TODAY, communities });

const share = (pred: (e: DemoElder) => boolean, list: DemoElder[] = elders) => list.filter(pred).length / list.length;

describe("mulberry32", () => {
  it("is deterministic and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe("demoRegions", () => {
  it("is the real 九龙坡区 tree with up to 4 communities per street", () => {
    expect(regions.filter((r) => r.level === 1).map((r) => [r.code, r.name])).toEqual([["50", "重庆市"]]);
    expect(byCode.get("5001")).toMatchObject({ level: 2, parentCode: "50", name: "重庆市市辖区" });
    expect(byCode.get("500107")).toMatchObject({ level: 3, parentCode: "5001", name: "九龙坡区" });
    const streets = regions.filter((r) => r.level === 4);
    expect(streets).toHaveLength(19);
    expect(streets.map((s) => s.name)).toContain("杨家坪街道");
    expect(streets.map((s) => s.name)).toContain("铜罐驿镇");
    expect(communities.length).toBeGreaterThanOrEqual(60);
    expect(communities.length).toBeLessThanOrEqual(76);
    expect(byCode.get("500107001001")?.name).toBe("西郊二村社区居民委员会");
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    for (const s of streets) {
      expect(s.code).toMatch(/^500107\d{3}$/);
      expect(s.parentCode).toBe("500107");
      const own = communities.filter((c) => c.parentCode === s.code);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(4);
    }
  });

  it("places streets and communities in the district, communities near their street", () => {
    for (const r of regions.filter((x) => x.level >= 4)) {
      expect(r.lat).toBeGreaterThan(29.3);
      expect(r.lat).toBeLessThan(29.6);
      expect(r.lng).toBeGreaterThan(106.2);
      expect(r.lng).toBeLessThan(106.6);
    }
    for (const c of communities) {
      expect(c.code).toMatch(/^\d{12}$/);
      const street = byCode.get(c.parentCode!)!;
      expect(c.code.startsWith(street.code)).toBe(true);
      expect(metres(c as { lat: number; lng: number }, street as { lat: number; lng: number })).toBeLessThan(1050);
    }
  });

  it("returns copies and the same data each time", () => {
    const again = demoRegions();
    expect(again).toEqual(regions);
    again[0]!.name = "x";
    expect(demoRegions()[0]!.name).toBe("重庆市");
  });
});

describe("generateDemoElders", () => {
  it("is deterministic for the same options and differs for another seed", () => {
    const a = generateDemoElders({ count: 1000, seed: 1, today: TODAY, communities });
    const b = generateDemoElders({ count: 1000, seed: 1, today: TODAY, communities });
    const c = generateDemoElders({ count: 1000, seed: 2, today: TODAY, communities });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(generateDemoElders({ count: 0, communities })).toEqual([]);
  });

  it("produces records the CreateElderInput contract accepts", () => {
    for (const e of elders) {
      const r = CreateElderInput.safeParse(e);
      if (!r.success) throw new Error(`${JSON.stringify(e)}: ${r.error.message}`);
    }
  });

  it("gives valid, unique ID numbers whose age is 60–105 and matches the tags", () => {
    expect(new Set(elders.map((e) => e.idNumber)).size).toBe(elders.length);
    let male = 0;
    for (const e of elders) {
      const p = parseIdNumber(e.idNumber, TODAY_DATE);
      if (!p.ok) throw new Error(`${e.idNumber}: ${p.problem}`);
      expect(p.value.value).toBe(e.idNumber);
      const age = ageOn(p.value.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(60);
      expect(age).toBeLessThanOrEqual(105);
      expect(e.tags.includes("高龄")).toBe(age >= 80);
      if (p.value.sex === "M") male++;
      if (e.hukouType === "local") expect(e.idNumber.slice(0, 2)).toMatch(/^5[01]$/);
    }
    expect(male / elders.length).toBeGreaterThan(0.4);
    expect(male / elders.length).toBeLessThan(0.5);
    const ages = elders.map((e) => {
      const p = parseIdNumber(e.idNumber, TODAY_DATE);
      return p.ok ? ageOn(p.value.birthDate, TODAY) : -1;
    });
    const under75 = ages.filter((a) => a < 75).length / ages.length;
    expect(under75).toBeGreaterThan(0.6);
    expect(under75).toBeLessThan(0.85);
    expect(ages.filter((a) => a >= 95).length / ages.length).toBeLessThan(0.01);
  });

  it("gives unique, valid phone numbers, mostly mobiles", () => {
    expect(new Set(elders.map((e) => e.phone)).size).toBe(elders.length);
    for (const e of elders) expect(isValidPhone(e.phone), e.phone).toBe(true);
    const landlines = share((e) => e.phone.startsWith("023"));
    expect(landlines).toBeGreaterThan(0.03);
    expect(landlines).toBeLessThan(0.15);
  });

  it("places every elder in a demo community, within ~800 m of it, with a matching address", () => {
    const codes = new Set(communities.map((c) => c.code));
    for (const e of elders) {
      expect(codes.has(e.regionCode), e.regionCode).toBe(true);
      const c = byCode.get(e.regionCode)! as RegionRow & { lat: number; lng: number };
      const street = byCode.get(c.parentCode!)!;
      expect(metres(e, c)).toBeLessThan(820);
      expect(e.address.startsWith(`重庆市九龙坡区${street.name}${c.name.replace(/(居民|村民)委员会$/, "")} `)).toBe(true);
      expect(e.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
    // every community gets someone at this size
    expect(new Set(elders.map((e) => e.regionCode)).size).toBe(communities.length);
  });

  it("has realistic shares of living situations and economic statuses", () => {
    const living = (v: string) => share((e) => e.livingSituation === v);
    expect(living("alone")).toBeGreaterThan(0.09);
    expect(living("alone")).toBeLessThan(0.15);
    expect(living("empty_nest")).toBeGreaterThan(0.3);
    expect(living("empty_nest")).toBeLessThan(0.4);
    expect(living("left_behind")).toBeGreaterThan(0.015);
    expect(living("left_behind")).toBeLessThan(0.045);
    expect(living("lost_only_child")).toBeGreaterThan(0.001);
    expect(living("lost_only_child")).toBeLessThan(0.012);
    // left-behind elders live mostly in towns (street code ≥ 100)
    const leftBehind = elders.filter((e) => e.livingSituation === "left_behind");
    expect(share((e) => Number(e.regionCode.slice(6, 9)) >= 100, leftBehind)).toBeGreaterThan(0.7);

    const eco = (v: string) => share((e) => e.economicStatus === v);
    expect(eco("extreme_poverty")).toBeGreaterThan(0.007);
    expect(eco("extreme_poverty")).toBeLessThan(0.025);
    expect(eco("minimum_living")).toBeGreaterThan(0.035);
    expect(eco("minimum_living")).toBeLessThan(0.065);
    expect(eco("low_income")).toBeGreaterThan(0.035);
    expect(eco("low_income")).toBeLessThan(0.065);
    expect(eco("family_planning_hardship")).toBeGreaterThan(0.004);
    expect(eco("family_planning_hardship")).toBeLessThan(0.02);
  });

  it("has a realistic ability-level distribution that worsens with age", () => {
    const assessed = elders.filter((e) => e.abilityLevel !== null);
    const notAssessed = 1 - assessed.length / elders.length;
    expect(notAssessed).toBeGreaterThan(0.03);
    expect(notAssessed).toBeLessThan(0.15);
    const lvl = (l: number, list = assessed) => share((e) => e.abilityLevel === l, list);
    expect(lvl(0)).toBeGreaterThan(0.62);
    expect(lvl(0)).toBeLessThan(0.78);
    expect(lvl(1)).toBeGreaterThan(0.1);
    expect(lvl(1)).toBeLessThan(0.2);
    expect(lvl(2)).toBeGreaterThan(0.05);
    expect(lvl(2)).toBeLessThan(0.11);
    expect(lvl(3)).toBeGreaterThan(0.02);
    expect(lvl(3)).toBeLessThan(0.06);
    expect(lvl(4)).toBeGreaterThan(0.015);
    expect(lvl(4)).toBeLessThan(0.05);
    const old = assessed.filter((e) => e.tags.includes("高龄"));
    const young = assessed.filter((e) => !e.tags.includes("高龄"));
    expect(lvl(0, old)).toBeLessThan(lvl(0, young) - 0.2);
    const disabled = share((e) => e.disabilityKind !== "none");
    expect(disabled).toBeGreaterThan(0.01);
    expect(disabled).toBeLessThan(0.08);
    for (const e of elders) expect(e.disabilityGrade === null).toBe(e.disabilityKind === "none");
  });

  it("keeps tags consistent with the other fields", () => {
    for (const e of elders) {
      for (const t of e.tags) expect(DEMO_TAGS as readonly string[]).toContain(t);
      expect(e.tags.includes("独居")).toBe(e.livingSituation === "alone");
      expect(e.tags.includes("空巢")).toBe(e.livingSituation === "empty_nest");
      expect(e.tags.includes("低保")).toBe(e.economicStatus === "minimum_living");
      expect(e.tags.includes("特困")).toBe(e.economicStatus === "extreme_poverty");
      expect(e.tags.includes("失能")).toBe(e.abilityLevel !== null && e.abilityLevel >= 2);
      if (e.economicStatus === "extreme_poverty" || e.livingSituation === "left_behind") {
        expect(e.tags).toContain("重点关注");
      }
      expect(e.hukouType === "nonlocal").toBe(!e.hukouAddress.startsWith("重庆市九龙坡区"));
    }
  });

  it("has plausible health archives", () => {
    const hasDisease = (d: string) => share((e) => e.health.chronicDiseases.includes(d));
    expect(hasDisease("高血压")).toBeGreaterThan(0.35);
    expect(hasDisease("高血压")).toBeLessThan(0.6);
    expect(hasDisease("2型糖尿病")).toBeGreaterThan(0.1);
    expect(hasDisease("2型糖尿病")).toBeLessThan(0.25);
    expect(share((e) => e.health.allergies.length === 0)).toBeGreaterThan(0.75);
    const doctor = share((e) => e.health.familyDoctor != null);
    expect(doctor).toBeGreaterThan(0.33);
    expect(doctor).toBeLessThan(0.47);
    for (const e of elders) {
      // no medication without a disease
      if (e.health.chronicDiseases.length === 0) expect(e.health.medications).toEqual([]);
      const fd = e.health.familyDoctor;
      if (fd) {
        expect(fd.institution).toMatch(/(社区卫生服务中心|卫生院)$/);
        expect(fd.contractDate <= TODAY).toBe(true);
      }
    }
  });

  it("generates 100,000 unique elders quickly", () => {
    const t0 = performance.now();
    const many = generateDemoElders({ count: 100_000, seed: 99, today: TODAY, communities });
    const ms = performance.now() - t0;
    expect(many).toHaveLength(100_000);
    expect(new Set(many.map((e) => e.idNumber)).size).toBe(100_000);
    expect(new Set(many.map((e) => e.phone)).size).toBe(100_000);
    // ~1 s on a laptop; generous for loaded CI machines
    expect(ms).toBeLessThan(8000);
  });
});
