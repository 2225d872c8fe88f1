import { yuanText } from "@carecircle/shared";

/**
 * Integer fen as money the way the server words it (yuanText: two decimals, no float drift): 2500 → "¥25.00";
 * the dash when there is no amount yet (an order not yet priced).
 */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "—" : `¥${yuanText(fen)}`;
}

/** Yuan typed in a form → integer fen. */
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100);
}

/** Fen → the yuan a form shows for editing. */
export function fromFen(fen: number): number {
  return fen / 100;
}
