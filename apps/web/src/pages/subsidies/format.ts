import type { TFunction } from "i18next";
import type { Frequency, SubsidyRule } from "./api.ts";

const YUAN = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer fen as yuan with two decimals and thousands separators: 123450 → "1,234.50". */
export function yuan(fen: number | null | undefined): string {
  return YUAN.format((fen ?? 0) / 100);
}

/** Integer fen as money: 123450 → "¥1,234.50". */
export function money(fen: number | null | undefined): string {
  return `¥${yuan(fen)}`;
}

/** Minutes as hours, without needless decimals: 120 → "2", 90 → "1.5". */
export function hours(minutes: number | null | undefined): string {
  return String(Number(((minutes ?? 0) / 60).toFixed(2)));
}

/** Yuan typed in the form → integer fen (no float drift). */
export { toFen } from "../../lib/money.ts";

/** A rule's conditions in words: "80周岁以上、本地户籍". */
export function conditionsText(t: TFunction, c: SubsidyRule["conditions"]): string {
  const parts: string[] = [];
  const lab = (prefix: string, v: string | number) => t(`${prefix}.${String(v)}`, { defaultValue: String(v) });
  if (c.minAge !== undefined && c.maxAge !== undefined) parts.push(t("subsidy.cond.ageRange", { min: c.minAge, max: c.maxAge }));
  else if (c.minAge !== undefined) parts.push(t("subsidy.cond.minAge", { n: c.minAge }));
  else if (c.maxAge !== undefined) parts.push(t("subsidy.cond.maxAge", { n: c.maxAge }));
  const sep = t("subsidy.cond.or");
  if (c.hukouTypes?.length) parts.push(c.hukouTypes.map((v) => lab("hukouType", v)).join(sep));
  if (c.economicStatuses?.length) parts.push(c.economicStatuses.map((v) => lab("economicStatus", v)).join(sep));
  if (c.livingSituations?.length) parts.push(c.livingSituations.map((v) => lab("livingSituation", v)).join(sep));
  if (c.abilityLevels?.length) parts.push(c.abilityLevels.map((v) => lab("abilityLevel", v)).join(sep));
  if (c.tagsAny?.length) parts.push(t("subsidy.cond.tags", { tags: c.tagsAny.join(sep) }));
  if (c.specialDifficulty) parts.push(t("subsidy.cond.specialDifficulty"));
  return parts.length ? parts.join(t("subsidy.cond.and")) : t("subsidy.cond.everyone");
}

export function frequencyLabel(t: TFunction, f: Frequency): string {
  return t(`subsidy.frequencyPrefix.${f}`);
}

/** A rule's benefit in words: "每月现金100.00元", "每月计入服务补贴25.00元，年底清零", "每月免费服务2小时，当月有效". */
export function benefitText(t: TFunction, rule: Pick<SubsidyRule, "benefit" | "frequency">): string {
  const b = rule.benefit;
  const freq = frequencyLabel(t, rule.frequency);
  const expiry = b.kind === "cash" || b.kind === "provider" ? "" : t(`subsidy.expirySuffix.${b.expires ?? "yearEnd"}`);
  if (b.kind === "hours") return t("subsidy.benefitText.hours", { freq, hours: hours(b.minutes) }) + expiry;
  return t(`subsidy.benefitText.${b.kind}`, { freq, amount: yuan(b.amountFen) }) + expiry;
}
