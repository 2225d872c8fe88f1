import i18n from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { RULE_LIMITS } from "../../../../packages/domain/src/regions/rule-settings.ts";
import { RULE_DEFAULTS } from "../../../../packages/domain/src/regions/rules.ts";
import { en } from "../i18n/en.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { formatRuleValue, groupOf, unitOf } from "./region-rules.ts";

// The 区域规则 page shows every rule the server knows in words and human units, and sends back exactly the API's value.
const keys = Object.keys(RULE_LIMITS) as (keyof typeof RULE_LIMITS)[];
beforeAll(async () => {
  await i18n.init({ resources: { "zh-CN": { translation: zhCN }, en: { translation: en } }, lng: "zh-CN", fallbackLng: false, showSupportNotice: false, interpolation: { escapeValue: false } });
});

describe("region rules in the console", () => {
  it("names and explains every rule and group in Chinese and English", () => {
    for (const lng of ["zh-CN", "en"]) {
      for (const key of keys) {
        for (const part of ["name", "hint"]) expect(i18n.exists(`regionRules.rule.${key}.${part}`, { lng }), `${lng} ${key}.${part}`).toBe(true);
        expect(i18n.exists(`regionRules.group.${groupOf(key)}`, { lng }), `${lng} group of ${key}`).toBe(true);
      }
    }
  });

  it("converts every value within the bounds to the unit people use and back unchanged", () => {
    for (const key of keys) {
      const limit = RULE_LIMITS[key];
      if (limit.kind !== "number" || limit.choices) continue;
      const unit = unitOf(key);
      for (let v = limit.min; v <= limit.max; v += Math.max(limit.step, (limit.max - limit.min) / 2000)) {
        const exact = Math.round(v / limit.step) * limit.step;
        const api = Number.isInteger(limit.step) ? exact : Math.round(exact * 100) / 100;
        expect(unit.toApi(unit.fromApi(api)), `${key} ${api}`).toBe(api);
      }
    }
  });

  it("shows values in human terms", () => {
    const zh = (key: keyof typeof RULE_DEFAULTS, v: number | string[]) => formatRuleValue(i18n.t, "zh-CN", key, v);
    expect(zh("timebank.capMinutes", 90_000)).toBe("1,500 小时");
    expect(zh("timebank.dailyMaxMinutes", 0)).toBe("不限");
    expect(zh("timebank.dailyMaxMinutes", 120)).toBe("2 小时");
    expect(zh("timebank.granularityMinutes", 30)).toBe("半小时");
    expect(zh("timebank.providerServices", 1)).toBe("是");
    expect(zh("timebank.scopeDigits", 4)).toBe("全市通存通兑");
    expect(zh("timebank.expiryMonths", 0)).toBe("不过期");
    expect(zh("timebank.expiryMonths", 24)).toBe("24 个月");
    expect(zh("ratings.rewardFenStar3", 2_000_000)).toBe("20,000 元/年");
    expect(zh("rectification.workingDays", 1)).toBe("按工作日");
    expect(zh("orders.returnVisitRate", 0.1)).toBe("10%");
    expect(zh("orders.geofenceMeters", 200)).toBe("200 米");
    expect(zh("workforce.bonusEducations", ["junior_college", "bachelor"])).toBe("大专、本科");
    // every default shows as words, never as a bare key
    for (const key of keys) expect(zh(key, RULE_DEFAULTS[key] as number | string[])).not.toContain("regionRules");
    expect(formatRuleValue(i18n.getFixedT("en"), "en", "timebank.capMinutes", 90_000)).toBe("1,500 h");
  });
});
