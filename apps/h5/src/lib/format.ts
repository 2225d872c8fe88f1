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

const locale = (lang: string) => (lang === "en" ? "en-US" : "zh-CN");

/** "10:00": the clock time of an instant in Shanghai. */
export function shanghaiTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** "11月25日 周三" / "Wed, Nov 25": a Beijing date ("YYYY-MM-DD") as people say it. */
export function dayText(date: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TZ, month: lang === "en" ? "short" : "long", day: "numeric", weekday: "short" }).format(new Date(`${date}T12:00:00+08:00`));
}

/** The date and the weekday apart, for the date chips ("11月25日", "周三"). */
export function dayParts(date: string, lang: string): { date: string; weekday: string } {
  const d = new Date(`${date}T12:00:00+08:00`);
  return {
    date: new Intl.DateTimeFormat(locale(lang), { timeZone: TZ, month: lang === "en" ? "short" : "long", day: "numeric" }).format(d),
    weekday: new Intl.DateTimeFormat(locale(lang), { timeZone: TZ, weekday: "short" }).format(d),
  };
}

/** "11月24日 06:55": when something happened, for a timeline. */
export function shanghaiDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(locale(lang), { timeZone: TZ, month: lang === "en" ? "short" : "long", day: "numeric" }).format(d);
  return `${date} ${shanghaiTime(iso)}`;
}
