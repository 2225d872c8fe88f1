import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssessmentFacts, ScaleDefinition } from "./scale-types.ts";
import { BARTHEL, GBT_42195_2022 as GBT, LTC_2021, SCALES, scaleByCode } from "./scales/index.ts";
import { describeLevel, scoreAssessment, validateScores } from "./scoring.ts";

const max = (scores: number[]) => Math.max(...scores);

/** A complete item set with the given total: start from every item's maximum and lower items greedily. */
function withTotal(def: ScaleDefinition, total: number): Record<string, number> {
  let need = def.items.reduce((s, i) => s + max(i.scores), 0) - total;
  const items: Record<string, number> = {};
  for (const item of def.items) {
    const top = max(item.scores);
    const score = item.scores.find((s) => top - s <= need) ?? top;
    items[item.code] = score;
    need -= top - score;
  }
  if (need !== 0) throw new Error(`total ${total} is not reachable on ${def.code}`);
  return items;
}

const score = (def: ScaleDefinition, total: number, facts: AssessmentFacts = {}) => scoreAssessment(def, withTotal(def, total), facts);
const cumulative = (def: ScaleDefinition): ScaleDefinition => ({ ...def, settings: { ...def.settings, adjustmentsCumulative: true } });

describe("scale definitions", () => {
  it.each(SCALES.map((s) => [s.code, s] as const))("%s is consistent", (_code, def) => {
    const codes = def.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of def.items) {
      expect(def.groups.some((g) => g.code === item.group)).toBe(true);
      expect(item.scores).toEqual([...item.scores].sort((a, b) => a - b));
      expect(Object.keys(item.descriptions).map(Number).sort((a, b) => a - b)).toEqual(item.scores);
      for (const text of Object.values(item.descriptions)) expect(text.length).toBeGreaterThan(0);
    }
    for (const g of def.groups) {
      expect(g.max).toBe(def.items.filter((i) => i.group === g.code).reduce((s, i) => s + max(i.scores), 0));
    }
    const top = def.groups.reduce((s, g) => s + g.max, 0);
    if (def.kind === "computed") {
      // Bands cover 0..top without gaps or overlaps, and every level lies within [0, worstLevel].
      for (let t = 0; t <= top; t++) expect(def.bands.filter((b) => t >= b.min && t <= b.max)).toHaveLength(1);
      expect(Math.min(...def.bands.map((b) => b.min))).toBe(0);
      expect(Math.max(...def.bands.map((b) => b.max))).toBe(top);
      for (const b of def.bands) expect(b.level).toBeLessThanOrEqual(def.settings.worstLevel);
    } else {
      expect(def.bands).toEqual([]);
      expect(def.recordedLevels?.map((l) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
    }
    expect(scaleByCode(def.code)).toBe(def);
  });

  it("has the standard's shape", () => {
    expect(GBT.items).toHaveLength(26);
    expect(GBT.groups.map((g) => g.max)).toEqual([32, 15, 28, 15]);
    expect(GBT.items.map((i) => i.code)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `B1.${n}`),
      ...[1, 2, 3, 4].map((n) => `B2.${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `B3.${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `B4.${n}`),
    ]);
    const range = (code: string) => GBT.items.find((i) => i.code === code)?.scores;
    expect(range("B2.4")).toEqual([0, 1, 2, 3]); // stairs
    expect(range("B3.7")).toEqual([0, 1]); // aggression
    expect(range("B3.8")).toEqual([0, 1]); // depression, 1 = none
    expect(range("B3.9")).toEqual([0, 1, 2]); // consciousness
    expect(range("B4.4")).toEqual([0, 1, 2, 3]); // transport
    expect(BARTHEL.items.map((i) => max(i.scores))).toEqual([10, 5, 5, 10, 10, 10, 10, 15, 15, 10]);
    expect(LTC_2021.items).toHaveLength(17);
    expect(LTC_2021.groups.map((g) => LTC_2021.items.filter((i) => i.group === g.code).length)).toEqual([10, 4, 3]);
    expect(scaleByCode("nope")).toBeUndefined();
  });
});

describe("GB/T 42195-2022 bands", () => {
  it.each([
    [90, 0, "能力完好"],
    [89, 1, "轻度失能"],
    [66, 1, "轻度失能"],
    [65, 2, "中度失能"],
    [46, 2, "中度失能"],
    [45, 3, "重度失能"],
    [30, 3, "重度失能"],
    [29, 4, "完全失能"],
    [0, 4, "完全失能"],
  ])("total %i → level %i %s", (total, level, name) => {
    const r = score(GBT, total);
    expect(r.total).toBe(total);
    expect(r.preliminaryLevel).toBe(level);
    expect(r.finalLevel).toBe(level);
    expect(r.reasons).toEqual([]);
    expect(describeLevel(GBT, level)).toBe(name);
  });

  it("adds up subtotals per group", () => {
    expect(score(GBT, 90).subtotals).toEqual({ B1: 32, B2: 15, B3: 28, B4: 15 });
    const items = withTotal(GBT, 90);
    items["B1.1"] = 2;
    items["B3.8"] = 0;
    expect(scoreAssessment(GBT, items, {})).toMatchObject({ subtotals: { B1: 30, B2: 15, B3: 27, B4: 15 }, total: 87, preliminaryLevel: 1 });
  });
});

describe("Barthel bands (MZ/T 039-2013 grades)", () => {
  it.each([
    [100, 0, "能力完好"],
    [95, 1, "轻度受损"],
    [65, 1, "轻度受损"],
    [60, 2, "中度受损"],
    [45, 2, "中度受损"],
    [40, 3, "重度受损"],
    [0, 3, "重度受损"],
  ])("total %i → grade %i %s", (total, level, name) => {
    const r = score(BARTHEL, total, { coma: true, dementia: true, riskEvents: ["fall", "fall"] });
    expect(r).toMatchObject({ total, preliminaryLevel: level, finalLevel: level, reasons: [], subtotals: { ADL: total } });
    expect(describeLevel(BARTHEL, level)).toBe(name);
  });
});

describe("GB/T 42195-2022 adjustments", () => {
  it("coma: directly complete", () => {
    const r = score(GBT, 90, { coma: true });
    expect(r).toMatchObject({ preliminaryLevel: 0, finalLevel: 4, reasons: [{ code: "coma", text: "昏迷：直接评定为完全失能" }] });
  });

  it("each one-level condition alone lowers one level", () => {
    expect(score(GBT, 90, { dementia: true })).toMatchObject({ finalLevel: 1, reasons: [{ code: "dementia", text: "确诊痴呆：降低一级" }] });
    expect(score(GBT, 70, { mentalDisorder: true })).toMatchObject({ preliminaryLevel: 1, finalLevel: 2, reasons: [{ code: "mentalDisorder" }] });
    expect(score(GBT, 50, { riskEvents: ["fall", "choking"] })).toMatchObject({ preliminaryLevel: 2, finalLevel: 3, reasons: [{ code: "riskEvents" }] });
    expect(score(GBT, 50, { riskEvents: ["fall", "fall"] }).finalLevel).toBe(3); // two falls are two events
  });

  it("one risk event, or facts that are false, change nothing", () => {
    expect(score(GBT, 90, { riskEvents: ["wandering"] })).toMatchObject({ finalLevel: 0, reasons: [] });
    expect(score(GBT, 90, { coma: false, dementia: false, mentalDisorder: false, riskEvents: [] })).toMatchObject({ finalLevel: 0, reasons: [] });
  });

  it("coma beats everything", () => {
    const r = score(GBT, 90, { coma: true, dementia: true, mentalDisorder: true, riskEvents: ["fall", "selfHarm", "other"] });
    expect(r.finalLevel).toBe(4);
    expect(r.reasons.map((x) => x.code)).toEqual(["coma", "superseded"]);
    expect(r.reasons[1]?.text).toContain("不再另行降级");
    expect(scoreAssessment(cumulative(GBT), withTotal(GBT, 90), { coma: true, dementia: true }).finalLevel).toBe(4);
  });

  it("dementia and risk events do not add up by default: one level", () => {
    const r = score(GBT, 90, { dementia: true, riskEvents: ["fall", "choking"] });
    expect(r.finalLevel).toBe(1);
    expect(r.reasons).toEqual([
      { code: "dementia", text: "确诊痴呆：降低一级" },
      { code: "riskEvents", text: "近30天内发生2次及以上照护风险事件：降低一级" },
      { code: "nonCumulative", text: "按规则设置，多项降级条件不叠加，只降低一级" },
    ]);
    expect(score(GBT, 90, { dementia: true, mentalDisorder: true, riskEvents: ["fall", "choking"] }).finalLevel).toBe(1);
  });

  it("with the cumulative setting they add up: two levels", () => {
    const r = scoreAssessment(cumulative(GBT), withTotal(GBT, 90), { dementia: true, riskEvents: ["fall", "choking"] });
    expect(r.finalLevel).toBe(2);
    expect(r.reasons.map((x) => x.code)).toEqual(["dementia", "riskEvents"]);
    const three = scoreAssessment(cumulative(GBT), withTotal(GBT, 90), { dementia: true, mentalDisorder: true, riskEvents: ["fall", "choking"] });
    expect(three.finalLevel).toBe(3);
  });

  it("never goes below complete", () => {
    const r = score(GBT, 20, { dementia: true });
    expect(r).toMatchObject({ preliminaryLevel: 4, finalLevel: 4 });
    expect(r.reasons.at(-1)).toEqual({ code: "floor", text: "初评等级已是完全失能，不再降低" });
    const c = scoreAssessment(cumulative(GBT), withTotal(GBT, 40), { dementia: true, mentalDisorder: true, riskEvents: ["fall", "other"] });
    expect(c).toMatchObject({ preliminaryLevel: 3, finalLevel: 4 });
    expect(c.reasons.at(-1)).toEqual({ code: "floor", text: "最多降至完全失能" });
  });

  it("a setLevel never makes the level more able than the scores", () => {
    const def: ScaleDefinition = { ...GBT, adjustments: [{ code: "x", name: "测试", kind: "setLevel", when: { fact: "coma" }, level: 1 }] };
    const r = scoreAssessment(def, withTotal(GBT, 40), { coma: true });
    expect(r).toMatchObject({ preliminaryLevel: 3, finalLevel: 3 });
    expect(r.reasons[0]?.text).toContain("维持不变");
  });
});

describe("recorded scales and levels", () => {
  it("are not computed", () => {
    expect(() => scoreAssessment(LTC_2021, {}, {})).toThrow(/不计算/);
    expect(describeLevel(LTC_2021, 5)).toBe("重度失能三级");
    expect(describeLevel(LTC_2021, 0)).toBe("基本正常");
    expect(describeLevel(GBT, 7)).toBeUndefined();
  });
});

describe("validateScores", () => {
  it("names unknown items", () => {
    expect(validateScores(GBT, { X: 1 }, { complete: false })).toEqual([{ path: "items.X", message: "未知的评估项目：X" }]);
  });

  it("names scores that are not allowed", () => {
    const msg = "进食的得分应为 0、1、2、3、4 之一";
    for (const bad of [5, -1, 2.5, "3", true, Number.NaN, {}]) {
      expect(validateScores(GBT, { "B1.1": bad }, { complete: false })).toEqual([{ path: "items.B1.1", message: msg }]);
    }
    expect(validateScores(GBT, { "B2.4": 4 }, { complete: false })[0]?.message).toBe("上下楼梯的得分应为 0、1、2、3 之一");
    expect(validateScores(BARTHEL, { "ADL.1": 7 }, { complete: false })).toEqual([{ path: "items.ADL.1", message: "进食的得分应为 0、5、10 之一" }]);
  });

  it("names missing items only when complete", () => {
    expect(validateScores(GBT, { "B1.1": 4 }, { complete: false })).toEqual([]);
    expect(validateScores(GBT, { "B1.1": null }, { complete: false })).toEqual([]);
    const problems = validateScores(GBT, { "B1.2": 4 }, { complete: true });
    expect(problems).toHaveLength(25);
    expect(problems[0]).toEqual({ path: "items.B1.1", message: "缺少评估项目：进食（B1.1）" });
    expect(validateScores(GBT, withTotal(GBT, 50), { complete: true })).toEqual([]);
  });

  it("reports every problem at once, and refuses a non-object", () => {
    const problems = validateScores(GBT, { ...withTotal(GBT, 90), "B3.9": 3, Z: 0, ["__proto__"]: 1 }, { complete: true });
    expect(problems.map((p) => p.path).sort()).toEqual(["items.B3.9", "items.Z", "items.__proto__"]);
    expect(validateScores(GBT, JSON.parse('{"__proto__": 1}'), { complete: false })).toEqual([{ path: "items.__proto__", message: "未知的评估项目：__proto__" }]);
    expect(validateScores(GBT, [] as never, { complete: true })).toEqual([{ path: "items", message: "评估项目应为对象：{ 项目代码: 得分 }" }]);
  });

  it("validates recorded scales the same way", () => {
    expect(validateScores(LTC_2021, { "L1.7": 15, "L2.1": 5 }, { complete: false })).toEqual([
      { path: "items.L2.1", message: "时间定向的得分应为 0、1、2、3、4 之一" },
    ]);
    expect(validateScores(LTC_2021, {}, { complete: true })).toHaveLength(17);
  });
});

describe("properties", () => {
  const itemsOf = (def: ScaleDefinition) =>
    fc.record(Object.fromEntries(def.items.map((i) => [i.code, fc.constantFrom(...i.scores)])) as Record<string, fc.Arbitrary<number>>);
  const facts: fc.Arbitrary<AssessmentFacts> = fc.record(
    {
      coma: fc.boolean(),
      dementia: fc.boolean(),
      mentalDisorder: fc.boolean(),
      riskEvents: fc.array(fc.constantFrom("fall" as const, "choking" as const, "selfHarm" as const, "wandering" as const, "other" as const), { maxLength: 4 }),
    },
    { requiredKeys: [] },
  );

  it.each([GBT, BARTHEL].map((d) => [d.code, d] as const))("%s: every valid combination maps to exactly one band; final in [preliminary, worst]", (_c, def) => {
    fc.assert(
      fc.property(itemsOf(def), facts, fc.boolean(), (items, f, cumul) => {
        expect(validateScores(def, items, { complete: true })).toEqual([]);
        const d = cumul ? cumulative(def) : def;
        const r = scoreAssessment(d, items, f);
        const bands = def.bands.filter((b) => r.total >= b.min && r.total <= b.max);
        expect(bands).toHaveLength(1);
        expect(r.preliminaryLevel).toBe(bands[0]?.level);
        expect(r.finalLevel).toBeGreaterThanOrEqual(r.preliminaryLevel);
        expect(r.finalLevel).toBeLessThanOrEqual(def.settings.worstLevel);
        if (f.coma && def.adjustments.length > 0) expect(r.finalLevel).toBe(def.settings.worstLevel);
        if (r.finalLevel !== r.preliminaryLevel) expect(r.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("GB/T: the total is the sum of the subtotals and lies in [0, 90]", () => {
    fc.assert(
      fc.property(itemsOf(GBT), (items) => {
        const r = scoreAssessment(GBT, items, {});
        expect(Object.values(r.subtotals).reduce((s, n) => s + n, 0)).toBe(r.total);
        expect(r.total).toBe(Object.values(items).reduce((s, n) => s + n, 0));
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(90);
        for (const g of GBT.groups) expect(r.subtotals[g.code]).toBeLessThanOrEqual(g.max);
      }),
      { numRuns: 500 },
    );
  });

  it("GB/T default: one-level conditions lower by at most one level", () => {
    fc.assert(
      fc.property(itemsOf(GBT), facts, (items, f) => {
        const r = scoreAssessment(GBT, items, { ...f, coma: false });
        expect(r.finalLevel - r.preliminaryLevel).toBeLessThanOrEqual(1);
      }),
    );
  });
});
