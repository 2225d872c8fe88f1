import { describe, expect, it } from "vitest";
import { addDays, addMonths, DEFAULT_RATING_SCHEME, overdueStages, RatingSchemeInput, rectificationDeadlines, RULE_13710, scoreEvaluation, staffingShortfall } from "./supervision.ts";

const jiulongpo = RatingSchemeInput.parse(DEFAULT_RATING_SCHEME);
// one section of 100 points: the score is the points, to put totals exactly on the band edges
const flat = RatingSchemeInput.parse({ ...DEFAULT_RATING_SCHEME, sections: [{ key: "all", name: "全部", weight: 100, items: [{ key: "x", name: "x", maxPoints: 100 }] }] });
const at = (points: number) => scoreEvaluation(flat, { x: points });

describe("star bands (≥ 90 five, [80, 90) four, [70, 80) three, below 70 none, below 60 unqualified)", () => {
  it.each([
    [100, 5, false],
    [90, 5, false],
    [89.99, 4, false],
    [80, 4, false],
    [79.99, 3, false],
    [70, 3, false],
    [69.99, 0, false],
    [60, 0, false],
    [59.99, 0, true],
    [0, 0, true],
  ])("%s points: %s stars, unqualified %s", (points, stars, unqualified) => {
    expect(at(points)).toMatchObject({ score: points, stars, unqualified });
  });

  it("weights the sections: the source scheme's full marks are 100, and 90 % everywhere is exactly 90 (five stars)", () => {
    const full = Object.fromEntries(jiulongpo.sections.flatMap((s) => s.items.map((i) => [i.key, i.maxPoints])));
    expect(scoreEvaluation(jiulongpo, full)).toMatchObject({ score: 100, stars: 5, unqualified: false, missing: [] });
    const ninety = Object.fromEntries(jiulongpo.sections.flatMap((s) => s.items.map((i) => [i.key, i.maxPoints * 0.9])));
    expect(scoreEvaluation(jiulongpo, ninety)).toMatchObject({ score: 90, stars: 5 });
  });

  it("a section below its minimum gets no star whatever the total; the unqualified line still follows the total", () => {
    const scores = Object.fromEntries(jiulongpo.sections.flatMap((s) => s.items.map((i) => [i.key, i.maxPoints])));
    for (const i of jiulongpo.sections[0]!.items) scores[i.key] = i.maxPoints * 0.5; // premises at 50 % (< 60 %)
    const r = scoreEvaluation(jiulongpo, scores);
    expect(r.score).toBe(85); // 15 + 30 + 40
    expect(r.sections[0]).toMatchObject({ key: "premises", percent: 50, belowMinimum: true });
    expect(r).toMatchObject({ stars: 0, unqualified: false });
    // exactly at the minimum is not below it
    for (const i of jiulongpo.sections[0]!.items) scores[i.key] = i.maxPoints * 0.6;
    expect(scoreEvaluation(jiulongpo, scores)).toMatchObject({ score: 88, stars: 4 });
  });

  it("names items missing, out of range or unknown", () => {
    const r = scoreEvaluation(jiulongpo, { area: 11, bogus: 1, rules: -1 });
    expect(r.invalid).toEqual(expect.arrayContaining([{ key: "bogus", message: "不是本方案的评分项" }, expect.objectContaining({ key: "area" }), expect.objectContaining({ key: "rules" })]));
    expect(r.missing).toContain("coverage");
  });

  it("refuses a scheme whose weights do not add up to 100, or with an item twice", () => {
    const bad = RatingSchemeInput.safeParse({ ...DEFAULT_RATING_SCHEME, sections: DEFAULT_RATING_SCHEME.sections.slice(1) });
    expect(bad.success).toBe(false);
    const twice = RatingSchemeInput.safeParse({ ...DEFAULT_RATING_SCHEME, sections: [{ key: "a", name: "a", weight: 100, items: [{ key: "x", name: "x", maxPoints: 5 }, { key: "x", name: "y", maxPoints: 5 }] }] });
    expect(twice.success).toBe(false);
  });
});

describe("13710 deadlines", () => {
  it("ordinary: same day, feedback within 3 days, solved within 7 — across a weekend and a month end", () => {
    // Friday 27 November 2026
    expect(rectificationDeadlines("2026-11-27", "ordinary")).toEqual({ acknowledgeBy: "2026-11-27", feedbackBy: "2026-11-30", resolveBy: "2026-12-04" });
    // New Year's Eve
    expect(rectificationDeadlines("2026-12-31", "ordinary")).toEqual({ acknowledgeBy: "2026-12-31", feedbackBy: "2027-01-03", resolveBy: "2027-01-07" });
  });

  it("major: within a month, clamped to the month's end (31 January → 28 February; 29 in a leap year)", () => {
    expect(rectificationDeadlines("2026-11-24", "major").resolveBy).toBe("2026-12-24");
    expect(rectificationDeadlines("2027-01-31", "major").resolveBy).toBe("2027-02-28");
    expect(rectificationDeadlines("2028-01-31", "major").resolveBy).toBe("2028-02-29");
    expect(addMonths("2026-12-31", 1)).toBe("2027-01-31");
  });

  it("in working days when a region says so: weekends and listed holidays do not count", () => {
    const rule = { ...RULE_13710, dayKind: "working" as const, holidays: ["2027-01-01"] };
    // Friday → feedback by Wednesday, solved by the next Tuesday
    expect(rectificationDeadlines("2026-11-27", "ordinary", rule)).toEqual({ acknowledgeBy: "2026-11-27", feedbackBy: "2026-12-02", resolveBy: "2026-12-08" });
    // 31 December (Thursday) with 1 January a holiday: Mon 4, Tue 5, Wed 6
    expect(addDays("2026-12-31", 3, "working", rule.holidays)).toBe("2027-01-06");
  });

  it("flags what is overdue: a deadline passed without the step, or the step done late", () => {
    const d = rectificationDeadlines("2026-11-27", "ordinary");
    expect(overdueStages(d, { acknowledgedOn: "2026-11-27" }, "2026-11-30")).toEqual([]);
    expect(overdueStages(d, { acknowledgedOn: "2026-11-27" }, "2026-12-01")).toEqual(["feedback"]);
    expect(overdueStages(d, {}, "2026-11-28")).toEqual(["acknowledge"]);
    expect(overdueStages(d, { acknowledgedOn: "2026-11-27", feedbackOn: "2026-11-29", resolvedOn: "2026-12-05" }, "2026-12-10")).toEqual(["resolve"]);
    expect(overdueStages(d, { acknowledgedOn: "2026-11-27", feedbackOn: "2026-11-29", resolvedOn: "2026-12-04" }, "2027-06-01")).toEqual([]);
  });
});

describe("staffing ratios (1:3 disabled, 1:5 semi-disabled, 1:10 self-care)", () => {
  it.each([
    [{ disabled: 3, semiDisabled: 0, selfCare: 0 }, 1, 1, 0],
    [{ disabled: 4, semiDisabled: 0, selfCare: 0 }, 1, 2, 1],
    [{ disabled: 30, semiDisabled: 25, selfCare: 40 }, 15, 19, 4],
    [{ disabled: 1, semiDisabled: 1, selfCare: 1 }, 1, 1, 0], // 1/3 + 1/5 + 1/10 = 0.63
    [{ disabled: 0, semiDisabled: 0, selfCare: 0 }, 0, 0, 0],
    [{ disabled: 6, semiDisabled: 10, selfCare: 20 }, 8, 6, 0],
  ])("%o with %i caregivers needs %i, lacks %i", (residents, caregivers, required, shortfall) => {
    expect(staffingShortfall(residents, caregivers)).toEqual({ required, caregivers, shortfall });
  });
});
