import { useSyncExternalStore } from "react";

// 长辈模式: larger text (24–30 px) and touch targets (≥ 60 px); 文字大小 scales the text further (up to 30 px body
// text in 长辈模式). Both are kept on this device between visits.
const ELDER_KEY = "carecircle.h5.elderMode";
const SIZE_KEY = "carecircle.h5.textSize";
export const TEXT_SIZES = ["normal", "large", "largest"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
const listeners = new Set<() => void>();

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

let on = stored(ELDER_KEY) === "1";
let size: TextSize = TEXT_SIZES.find((s) => s === stored(SIZE_KEY)) ?? "normal";

/** The stylesheet keys everything off these attributes, so the first paint is already right. */
function apply(): void {
  document.documentElement.dataset.elderMode = on ? "on" : "off";
  document.documentElement.dataset.textSize = size;
  for (const l of listeners) l();
}
apply();

export function setElderMode(value: boolean): void {
  on = value;
  store(ELDER_KEY, value ? "1" : "0");
  apply();
}

export function setTextSize(value: TextSize): void {
  size = value;
  store(SIZE_KEY, value);
  apply();
}

/** 长辈模式 is where an elder's own account starts, until someone on this phone chooses otherwise. */
export function applyRoleDefault(role: string): void {
  if (role === "elder" && stored(ELDER_KEY) === null) setElderMode(true);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): [boolean, (value: boolean) => void] {
  return [useSyncExternalStore(subscribe, () => on), setElderMode];
}

export function useTextSize(): [TextSize, (value: TextSize) => void] {
  return [useSyncExternalStore(subscribe, () => size), setTextSize];
}
