/**
 * Chinese resident ID-card numbers per GB 11643-1999.
 *
 * 18 characters: 6-digit address code, birth date YYYYMMDD, 3-digit sequence
 * (odd = male, even = female) and a check character computed mod 11.
 * Address codes are not checked against today's region tree: old cards keep
 * codes that no longer exist.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

export type IdNumberProblem = "format" | "checksum" | "birthDate" | "future";

export interface ParsedIdNumber {
  /** Upper-case, 18 characters. */
  value: string;
  birthDate: string; // YYYY-MM-DD
  sex: "M" | "F";
  addressCode: string;
}

/**
 * The check character for the first 17 digits.
 * @example checkCharacter("11010519491231002") // "X"
 */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates and parses an ID number; `today` is injectable for tests.
 * @example parseIdNumber("11010519491231002x") // { ok: true, value: { value: "11010519491231002X", sex: "F", ... } }
 */
export function parseIdNumber(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: "format" };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: "birthDate" };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > shanghaiDate(today)) return { ok: false, problem: "future" };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: "checksum" };
  return {
    ok: true,
    value: {
      value,
      birthDate,
      sex: Number(value[16]) % 2 === 1 ? "M" : "F",
      addressCode: value.slice(0, 6),
    },
  };
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: "身份证号应为18位，前17位为数字，最后一位为数字或X",
  checksum: "身份证号校验位不正确",
  birthDate: "身份证号中的出生日期不是有效日期",
  future: "身份证号中的出生日期晚于今天",
};

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The same day `years` earlier, 29 February becoming 28 February in a common year: someone born on or before
 * `yearsBefore(day, n)` is at least n years old on `day`.
 * @example yearsBefore("2028-02-29", 60) // "1968-02-29"
 */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split("-");
  const year = Number(y) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, "0")}-${m}-${m === "02" && d === "29" && !leap ? "28" : d}`;
}
