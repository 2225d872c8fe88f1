import type { TFunction } from "i18next";
import type { Certificate } from "../../api/marketplace.ts";

/** 4.6 分（12 条评价）, or 暂无评价. */
export function ratingText(t: TFunction, rating: number | null, count: number): string {
  return rating === null ? t("provider.noRating") : t("provider.ratingValue", { rating: rating.toFixed(1), count });
}

/** A certificate is expired once its last valid day (YYYY-MM-DD) lies before today. */
export function certificateExpired(c: Certificate, today: string): boolean {
  return c.validTo < today;
}

/** 养老护理员证（四级） — the caregiver certificate names its skill level. */
export function certificateName(t: TFunction, c: Pick<Certificate, "kind" | "level">): string {
  const name = t(`certificate.${c.kind}`, { defaultValue: c.kind });
  return c.kind === "caregiver" && c.level ? `${name}（${t(`caregiverLevel.${c.level}`)}）` : name;
}

/** Days 1–7 with runs joined: [1…6] → 周一至周六, [1, 2, 3, 5] → 周一至周三、周五; all seven → 每天. */
export function workDaysText(t: TFunction, days: readonly number[]): string {
  if (days.length === 7) return t("worker.everyDay");
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const day = (d: number) => t(`weekday.${d}`);
  return runs.map(([a, b]) => (a === b ? day(a) : b === a + 1 ? `${day(a)}、${day(b)}` : t("worker.dayRange", { from: day(a), to: day(b) }))).join("、");
}
