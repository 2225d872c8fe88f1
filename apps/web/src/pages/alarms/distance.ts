/**
 * A distance as the operator reads it: whole metres under a kilometre ("850 米"), kilometres with one decimal above
 * ("1.2 公里", "5 公里" rather than "5.0").
 * @example distanceParts(1234) // { unit: "km", value: "1.2" }
 */
export function distanceParts(meters: number): { unit: "m" | "km"; value: string } {
  const m = Math.max(0, Math.round(meters));
  if (m < 1000) return { unit: "m", value: String(m) };
  return { unit: "km", value: (m / 1000).toFixed(1).replace(/\.0$/, "") };
}
