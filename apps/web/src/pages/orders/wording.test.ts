import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { zhCN } from "../../i18n/zh-CN.ts";
import { yuan, toFen } from "../../lib/money.ts";
import { certificateExpired, workDaysText } from "../providers/format.ts";
import { filtersFromParams, filtersToParams, filtersToQuery } from "./filters.ts";
import { slotParts } from "./OrderTable.tsx";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: "zh-CN", resources: { "zh-CN": { translation: zhCN } }, interpolation: { escapeValue: false } });
});

describe("the console's wording of schedules, slots and money", () => {
  it("joins runs of working days", () => {
    expect(workDaysText(i18n.t, [1, 2, 3, 4, 5, 6])).toBe("周一至周六");
    expect(workDaysText(i18n.t, [5, 1, 2, 3])).toBe("周一至周三、周五");
    expect(workDaysText(i18n.t, [6, 7])).toBe("周六、周日");
    expect(workDaysText(i18n.t, [1, 2, 3, 4, 5, 6, 7])).toBe("每天");
  });

  it("shows a slot in Beijing time, with the end's day when it runs past midnight", () => {
    expect(slotParts("2026-11-25T02:00:00.000Z", "2026-11-25T04:00:00.000Z")).toEqual({ day: "2026-11-25", time: "10:00–12:00" });
    expect(slotParts("2026-11-25T15:00:00.000Z", "2026-11-26T01:00:00.000Z")).toEqual({ day: "2026-11-25", time: "23:00–11-26 09:00" });
  });

  it("a certificate is valid through its last day", () => {
    expect(certificateExpired({ kind: "health", validTo: "2026-11-24" }, "2026-11-24")).toBe(false);
    expect(certificateExpired({ kind: "health", validTo: "2026-11-23" }, "2026-11-24")).toBe(true);
  });

  it("money is fen on the wire and ¥ with two decimals on screen", () => {
    expect(yuan(2560)).toBe("¥25.60");
    expect(yuan(null)).toBe("—");
    expect(toFen(25.6)).toBe(2560);
    expect(toFen(0.07)).toBe(7);
  });
});

describe("the order filters in the URL", () => {
  it("round-trip, dropping unknown statuses and malformed days", () => {
    const f = filtersFromParams(new URLSearchParams("status=assigned,bogus,disputed&flagged=true&day=2026-11-25&region=500107001"));
    expect(f).toEqual({ status: ["assigned", "disputed"], flagged: true, day: "2026-11-25", region: "500107001" });
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
    expect(filtersToQuery(f)).toEqual({ status: "assigned,disputed", flagged: "true", day: "2026-11-25", regionCode: "500107001" });
    expect(filtersFromParams(new URLSearchParams("day=tomorrow")).day).toBeUndefined();
  });
});
