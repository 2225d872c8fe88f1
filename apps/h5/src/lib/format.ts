export const TZ = "Asia/Shanghai";

/** Integer fen as yuan with two decimals: 2500 → "25.00". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Minutes as hours, at most one decimal: 120 → "2", 90 → "1.5". */
export function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10);
}

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
