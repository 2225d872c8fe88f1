import { describe, expect, it } from "vitest";
import { DEFAULT_VISIT_RULES, VisitRule, visitPlanFor, type VisitRisk } from "./visits.ts";

const base: VisitRisk = { age: 70, livingSituation: "with_family", abilityLevel: 0, recentAlarms: 0, hospitalStays: 0 };

describe("visit plans by risk", () => {
  it.each<[string, Partial<VisitRisk>, number | null, string | null, string[]]>([
    ["living with family, able, 70", {}, null, null, []],
    ["living alone and disabled: weekly at home", { livingSituation: "alone", abilityLevel: 4 }, 7, "home", ["独居且失能", "独居", "失能"]],
    ["living alone: fortnightly at home", { livingSituation: "alone" }, 14, "home", ["独居"]],
    ["empty-nest: a monthly call", { livingSituation: "empty_nest" }, 30, "phone", ["空巢"]],
    ["85 with family: a fortnightly call", { age: 85 }, 14, "phone", ["80岁以上"]],
    ["85, empty-nest and disabled: the call every 14 days wins over the monthly one", { age: 85, livingSituation: "empty_nest", abilityLevel: 3 }, 14, "phone", ["80岁以上", "失能", "空巢"]],
    ["85 and living alone: a home visit beats a call as often", { age: 85, livingSituation: "alone" }, 14, "home", ["独居", "80岁以上"]],
    ["an alarm this month: weekly at home", { recentAlarms: 2, livingSituation: "empty_nest" }, 7, "home", ["近30天有告警", "空巢"]],
    ["back from hospital: weekly at home", { hospitalStays: 1 }, 7, "home", ["近90天住院"]],
    ["level unknown counts as able", { abilityLevel: null, livingSituation: null }, null, null, []],
  ])("%s", (_name, risk, everyDays, kind, reasons) => {
    const plan = visitPlanFor({ ...base, ...risk });
    if (everyDays === null) expect(plan).toBeNull();
    else expect(plan).toMatchObject({ everyDays, kind, reasons });
  });

  it("the default rules are valid rule data; a region's own rules replace them", () => {
    for (const r of DEFAULT_VISIT_RULES) expect(VisitRule.parse(r)).toEqual(r);
    expect(VisitRule.safeParse({ key: "x", label: "x", everyDays: 0, kind: "home" }).success).toBe(false);
    const own = [{ key: "all_80", label: "80岁以上", minAge: 80, everyDays: 30, kind: "home" as const }];
    expect(visitPlanFor({ ...base, age: 81, livingSituation: "alone" }, own)).toMatchObject({ everyDays: 30, kind: "home", ruleKeys: ["all_80"] });
  });
});
