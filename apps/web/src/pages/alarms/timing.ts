import type { Dayjs } from "dayjs";
import type { Alarm } from "../../api/alarms.ts";
import { dayjs, TZ } from "../../lib/time.ts";

/** Seconds an alarm may wait for 接警 before it is escalated (the TSA target: 97.5 % within 60 s). */
export const ESCALATE_AFTER_SECONDS = 60;
/** The TSA answer targets the 接警时效 panel compares against, in percent. */
export const TARGET_60S = 97.5;
export const TARGET_180S = 99;

/** Whole seconds since the alarm was raised (never negative: the browser's clock may lag the server's a little). */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
}

/**
 * Whether the alarm is shown escalated: the server said so when it answered, or — recomputed every second — it is
 * still open a minute after it was raised.
 */
export function isEscalated(a: Pick<Alarm, "status" | "raisedAt" | "escalated">, now: number): boolean {
  if (a.status !== "open") return false;
  return a.escalated || secondsSince(a.raisedAt, now) > ESCALATE_AFTER_SECONDS;
}

/** Beyond this the device's own time is shown beside the server's: the device held the message back (or its clock is off). */
export const DEVICE_LAG_SECONDS = 60;

/**
 * The device's own time for the event (`detail.occurredAt`) when it is more than a minute apart from `raisedAt`, when
 * the server received it, with the seconds between (positive: the device's time is earlier, a buffered message).
 */
export function deviceTimeLag(a: Pick<Alarm, "raisedAt" | "detail">): { occurredAt: string; seconds: number } | null {
  const at = a.detail.occurredAt;
  if (typeof at !== "string") return null;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return null;
  const seconds = Math.round((Date.parse(a.raisedAt) - ms) / 1000);
  return Math.abs(seconds) > DEVICE_LAG_SECONDS ? { occurredAt: at, seconds } : null;
}

/** 75 s → "1分15秒" style parts, for the timers on the cards: [minutes, seconds]. */
export function minutesSeconds(total: number): { m: number; s: number } {
  return { m: Math.floor(total / 60), s: total % 60 };
}

/**
 * The queue's order: open alarms before acknowledged ones, and within each the one waiting longest first (the most
 * urgent is the oldest unanswered, which is also the first to escalate).
 */
export function queueOrder(a: Alarm, b: Alarm): number {
  const rank = (x: Alarm) => (x.status === "open" ? 0 : 1);
  return rank(a) - rank(b) || a.raisedAt.localeCompare(b.raisedAt);
}

export const PERIODS = ["today", "7d", "30d", "custom"] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The period's bounds as ISO instants with the Beijing offset: from the start of its first day to the start of the
 * day after its last (exclusive), days counted in Asia/Shanghai. `today` is the Beijing date to count back from.
 */
export function periodRange(period: Period, today: Dayjs, custom?: [Dayjs, Dayjs] | null): { from: string; to: string } | null {
  const day = (d: Dayjs) => dayjs.tz(d.format("YYYY-MM-DD"), TZ);
  const end = day(today).add(1, "day").format();
  switch (period) {
    case "today":
      return { from: day(today).format(), to: end };
    case "7d":
      return { from: day(today).subtract(6, "day").format(), to: end };
    case "30d":
      return { from: day(today).subtract(29, "day").format(), to: end };
    case "custom":
      return custom ? { from: day(custom[0]).format(), to: day(custom[1]).add(1, "day").format() } : null;
  }
}
