import { describe, expect, it } from "vitest";
import type { Alarm } from "../../api/alarms.ts";
import { dayjs } from "../../lib/time.ts";
import { lowBattery, offline } from "../devices/health.ts";
import { deviceTimeLag, isEscalated, periodRange, queueOrder, secondsSince } from "./timing.ts";

const T0 = Date.parse("2026-11-23T02:00:00Z");
const alarm = (over: Partial<Alarm>): Alarm => ({
  id: "a",
  type: "sos",
  status: "open",
  raisedAt: new Date(T0).toISOString(),
  lastAt: new Date(T0).toISOString(),
  groupCount: 1,
  elderId: null,
  elderName: null,
  address: null,
  serial: "SB-1",
  deviceType: "call_button",
  detail: {},
  secondsToAcknowledge: null,
  secondsToClose: null,
  escalated: false,
  outcome: null,
  ...over,
});

describe("the alarm center's clock", () => {
  it("escalates an open alarm after 60 s, recomputed from raisedAt, and never an acknowledged one", () => {
    expect(isEscalated(alarm({}), T0 + 60_000)).toBe(false);
    expect(isEscalated(alarm({}), T0 + 61_000)).toBe(true);
    // the server already said so
    expect(isEscalated(alarm({ escalated: true }), T0 + 1000)).toBe(true);
    expect(isEscalated(alarm({ status: "acknowledged" }), T0 + 600_000)).toBe(false);
    // a browser clock behind the server's counts from zero
    expect(secondsSince(new Date(T0).toISOString(), T0 - 3000)).toBe(0);
  });

  it("puts open alarms first, the longest waiting on top", () => {
    const old = alarm({ id: "old", raisedAt: "2026-11-23T01:00:00.000Z" });
    const young = alarm({ id: "young" });
    const acked = alarm({ id: "acked", status: "acknowledged", raisedAt: "2026-11-23T00:00:00.000Z" });
    expect([acked, young, old].sort(queueOrder).map((a) => a.id)).toEqual(["old", "young", "acked"]);
  });

  it("counts periods in Beijing days, the last day included", () => {
    const today = dayjs("2026-11-23");
    expect(periodRange("today", today)).toEqual({ from: "2026-11-23T00:00:00+08:00", to: "2026-11-24T00:00:00+08:00" });
    expect(periodRange("7d", today)?.from).toBe("2026-11-17T00:00:00+08:00");
    expect(periodRange("30d", today)?.from).toBe("2026-10-25T00:00:00+08:00");
    expect(periodRange("custom", today, null)).toBeNull();
    expect(periodRange("custom", today, [dayjs("2026-11-01"), dayjs("2026-11-02")])).toEqual({ from: "2026-11-01T00:00:00+08:00", to: "2026-11-03T00:00:00+08:00" });
  });

  it("flags a battery at or below 20 % and a device silent for more than three heartbeats", () => {
    expect([lowBattery(21), lowBattery(20), lowBattery(null)]).toEqual([false, true, false]);
    expect(offline(null, 300, T0)).toBe(false);
    expect(offline(new Date(T0 - 900_000).toISOString(), 300, T0)).toBe(false);
    expect(offline(new Date(T0 - 901_000).toISOString(), 300, T0)).toBe(true);
  });
});

describe("the device's own time beside the server's", () => {
  const raisedAt = new Date(T0).toISOString();
  const at = (offsetSeconds: number) => new Date(T0 + offsetSeconds * 1000).toISOString();
  it("is shown only when the two are more than a minute apart, either way", () => {
    expect(deviceTimeLag(alarm({ detail: { occurredAt: at(-2) } }))).toBeNull();
    expect(deviceTimeLag(alarm({ detail: { occurredAt: at(-60) } }))).toBeNull();
    // buffered for five minutes while the device was offline
    expect(deviceTimeLag(alarm({ raisedAt, detail: { occurredAt: at(-301) } }))).toEqual({ occurredAt: at(-301), seconds: 301 });
    // a clock running ahead
    expect(deviceTimeLag(alarm({ detail: { occurredAt: at(120) } }))?.seconds).toBe(-120);
  });
  it("is nothing without a usable device time", () => {
    expect(deviceTimeLag(alarm({ detail: {} }))).toBeNull();
    expect(deviceTimeLag(alarm({ detail: { occurredAt: null } }))).toBeNull();
    expect(deviceTimeLag(alarm({ detail: { occurredAt: "yesterday" } }))).toBeNull();
  });
});
