/**
 * Money is integer fen everywhere; these turn fen and minutes into the words people read.
 * @example yuanText(2500) // "25.00"
 * @example hoursText(90) // "1.5"
 */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Minutes as hours with at most one decimal: 120 → "2", 90 → "1.5". */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10);
}
