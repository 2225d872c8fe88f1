import i18n, { type TFunction } from "i18next";
import { can, isBureau } from "./auth.ts";
import type { Me } from "./types.ts";

/** What a rule's value may be (the server's RULE_LIMITS): a number within bounds in steps, or a list drawn from options. */
export type RuleLimit = { kind: "number"; min: number; max: number; step: number; choices?: number[] } | { kind: "list"; options: string[] };
export type RuleValue = number | string[];

/** One rule as GET /region-rules answers it. */
export interface RegionRule {
  key: string;
  value: RuleValue;
  /** The region the value comes from; null: the platform default. */
  from: string | null;
  fromName: string | null;
  since: string | null;
  defaultValue: RuleValue;
  limit: RuleLimit;
  scheduled: { effectiveFrom: string; value: RuleValue }[];
}
export interface RegionRulesView {
  regionCode: string;
  items: RegionRule[];
}
export interface SetRegionRuleResult {
  regionCode: string;
  key: string;
  value: RuleValue;
  effectiveFrom: string;
}

/** Bureau and street staff reading their region see its rules; the district and city bureau set them. */
export const mayReadRegionRules = (me: Me) => isBureau(me) && can(me, "region:read");
export const mayManageRegionRules = (me: Me) => can(me, "rules:manage");

/**
 * How a rule's numbers are shown and typed: in the units people use (hours, not minutes; yuan, not fen; percent, not
 * shares), the API's unit on the wire. `toApi(fromApi(x)) === x` for every value within the bounds.
 */
export interface RuleUnit {
  kind: "hours" | "yuan" | "percent" | "plain";
  fromApi: (v: number) => number;
  toApi: (v: number) => number;
}
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const UNITS: Record<RuleUnit["kind"], RuleUnit> = {
  hours: { kind: "hours", fromApi: (v) => round(v / 60, 4), toApi: (v) => Math.round(v * 60) },
  yuan: { kind: "yuan", fromApi: (v) => round(v / 100, 2), toApi: (v) => Math.round(v * 100) },
  percent: { kind: "percent", fromApi: (v) => round(v * 100, 4), toApi: (v) => round(v / 100, 6) },
  plain: { kind: "plain", fromApi: (v) => v, toApi: (v) => v },
};
export function unitOf(key: string): RuleUnit {
  if (key === "timebank.capMinutes" || key === "timebank.dailyMaxMinutes") return UNITS.hours;
  if (key.startsWith("ratings.rewardFen")) return UNITS.yuan;
  if (key === "orders.returnVisitRate" || key === "planning.nursingBedShare") return UNITS.percent;
  return UNITS.plain;
}

/** The group of a rule: the part of its key before the dot (timebank, planning, …). */
export const groupOf = (key: string) => key.slice(0, key.indexOf("."));

/** Whether a rule is picked from a few values (0/1 flags, the time unit, the deposit scope) rather than typed. */
export const isChoice = (rule: Pick<RegionRule, "limit">) => rule.limit.kind === "number" && !!rule.limit.choices;

/** A number in the user's language (1,500). */
export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
}

/** A value as people read it: "1,500 小时", "20,000 元/年", "10%", "半小时", "按工作日", "大专、本科", "不过期". */
export function formatRuleValue(t: TFunction, lang: string, key: string, value: RuleValue): string {
  const base = `regionRules.rule.${key}`;
  if (Array.isArray(value)) return value.length ? value.map((v) => t(`education.${v}`, { defaultValue: v })).join(t("regionRules.listSeparator")) : t("regionRules.none");
  if (i18n.exists(`${base}.choice.${value}`)) return t(`${base}.choice.${value}`);
  if (value === 0 && i18n.exists(`${base}.zero`)) return t(`${base}.zero`);
  const unit = unitOf(key);
  const n = formatNumber(unit.fromApi(value), lang);
  if (unit.kind === "hours") return t("regionRules.fmt.hours", { n });
  if (unit.kind === "yuan") return t("regionRules.fmt.yuanYear", { n });
  if (unit.kind === "percent") return t("regionRules.fmt.percent", { n });
  const suffix = i18n.exists(`${base}.unit`) ? t(`${base}.unit`) : "";
  return suffix ? `${n} ${suffix}` : n;
}

/** The unit typed next to the input: 小时, 元/年, %, or the rule's own (岁, 分钟, 张). */
export function unitLabel(t: TFunction, key: string): string {
  const unit = unitOf(key);
  if (unit.kind === "hours") return t("regionRules.fmt.hoursUnit");
  if (unit.kind === "yuan") return t("regionRules.fmt.yuanYearUnit");
  if (unit.kind === "percent") return "%";
  return i18n.exists(`regionRules.rule.${key}.unit`) ? t(`regionRules.rule.${key}.unit`) : "";
}
