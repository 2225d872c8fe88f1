export const TZ = "Asia/Shanghai";

/** Integer fen as yuan with two decimals (2500 → "25.00"); minutes as hours (90 → "1.5"): the server's own wording. */
export { hoursText as hours, yuanText as yuan } from "@carecircle/shared";

/** A UTC instant as a calendar date in Shanghai, in the UI's language ("2026年11月5日" / "November 5, 2026"). */
export function shanghaiDate(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "en" ? "en-US" : "zh-CN", { timeZone: TZ, year: "numeric", month: "long", day: "numeric" }).format(d);
}

/** "YYYY-MM-DD" of a UTC instant in Shanghai (for the machine-readable <time dateTime>). */
export function shanghaiIsoDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}
