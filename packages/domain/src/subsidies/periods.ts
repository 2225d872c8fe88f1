/** Month arithmetic on "YYYY-MM" strings. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function addMonthsTo(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The period an entitlement counts against: the month, the year, or once ever. */
export function periodKey(frequency: string, month: string): string {
  return frequency === "monthly" ? month : frequency === "yearly" ? month.slice(0, 4) : "once";
}

/** When credit of a month lapses under the rule's setting. */
export function expiryFor(expires: string | undefined, month: string): string | null {
  if (expires === "never") return null;
  if (expires === "monthEnd") return monthEnd(month);
  return `${month.slice(0, 4)}-12-31`;
}

export { yearsBefore } from "@carecircle/shared";
