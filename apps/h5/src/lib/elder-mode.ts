import { useSyncExternalStore } from "react";

// 长辈模式: larger text (24–30 px) and touch targets (≥ 60 px), kept on this device between visits
const STORAGE_KEY = "carecircle.h5.elderMode";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

let on = read();

/** The stylesheet keys everything off this attribute, so the first paint is already right. */
function apply(): void {
  document.documentElement.dataset.elderMode = on ? "on" : "off";
}
apply();

export function setElderMode(value: boolean): void {
  on = value;
  try {
    localStorage.setItem(STORAGE_KEY, value ? "1" : "0");
  } catch {
    // private mode: the choice lasts for this page only
  }
  apply();
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): [boolean, (value: boolean) => void] {
  return [useSyncExternalStore(subscribe, () => on), setElderMode];
}
