/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
 * (digits and capitals without I, O, Z, S, V); the last is a check character over the first 17.
 * @example isValidCreditCode("91350100M000100Y43") // true
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a code is wrong, in words for the form; null when it is valid. Lower case is accepted (store it upper-cased). */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return "统一社会信用代码应为18位";
  if (![...code].every((ch) => ALPHABET.includes(ch))) return "统一社会信用代码含无效字符（不使用 I、O、Z、S、V）";
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return "统一社会信用代码校验位不正确";
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}
