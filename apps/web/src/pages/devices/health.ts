/** At or below this battery percent a device is flagged low (the server's low-battery alarm rule uses the same 20 %). */
export const LOW_BATTERY_PERCENT = 20;
/** Missed heartbeat intervals after which the server raises an `offline` alarm (registry.ts checkDeviceSilence). */
export const OFFLINE_AFTER_HEARTBEATS = 3;

export function lowBattery(battery: number | null): boolean {
  return battery !== null && battery <= LOW_BATTERY_PERCENT;
}

/** Not heard from in three heartbeat intervals: offline by the server's rule (a device never seen is not counted). */
export function offline(lastSeenAt: string | null, heartbeatSeconds: number, now: number): boolean {
  if (!lastSeenAt) return false;
  return now - new Date(lastSeenAt).getTime() > OFFLINE_AFTER_HEARTBEATS * heartbeatSeconds * 1000;
}
