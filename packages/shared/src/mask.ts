/**
 * Masks for display: lists and exports never show full ID numbers or phones.
 * @example maskIdNumber("110105194912310021") // "110105********0021"
 * @example maskPhone("13812345678") // "138****5678"
 */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return "*".repeat(id.length);
  return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length <= 4) return "*".repeat(phone.length);
  if (phone.length === 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${"*".repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/** Normalises a phone number: digits only, a leading +86 or 0086 dropped; landlines keep their area code and a dash-free form. */
export function normalizePhone(raw: string): string {
  let p = raw.replace(/[\s()\-－—]/g, "");
  if (p.startsWith("+86")) p = p.slice(3);
  else if (p.startsWith("0086")) p = p.slice(4);
  return p;
}

/** A mainland mobile (1[3-9]x, 11 digits) or a landline with area code (0 + 2–3 digits + 7–8 digits). */
export function isValidPhone(p: string): boolean {
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p);
}
