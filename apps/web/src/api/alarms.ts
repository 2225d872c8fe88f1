import type { ALARM_OUTCOMES, AlarmType, DeviceType } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

export type AlarmStatus = "open" | "acknowledged" | "closed";
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number];
export type AlarmActionName = "acknowledge" | "call_elder" | "call_family" | "dispatch" | "call_emergency" | "note" | "close";

/** GET /api/v1/alarms items (the server answers untyped JSON; this is what registry.ts listAlarms returns). */
export interface Alarm {
  id: string;
  type: AlarmType;
  status: AlarmStatus;
  raisedAt: string;
  lastAt: string;
  /** Identical alarms from the device joined into this one (同类告警 N 次). */
  groupCount: number;
  elderId: string | null;
  elderName: string | null;
  address: string | null;
  serial: string;
  deviceType: DeviceType;
  /** What triggered it: `event`, a position (`lat`, `lng`, `datum`), vital-sign `findings`, battery `percent`… */
  detail: Record<string, unknown>;
  secondsToAcknowledge: number | null;
  secondsToClose: number | null;
  /** Not acknowledged within 60 s when the list was answered. */
  escalated: boolean;
  outcome: AlarmOutcome | null;
}

/** One step the operator took, as POST /alarms/{id}/actions returns it (who and notes are absent from the elder's view). */
export interface AlarmStep {
  action: AlarmActionName;
  result: string | null;
  notes?: string | null;
  actorName?: string | null;
  at: string;
}

/**
 * The body of POST /api/v1/alarms/{id}/actions: shared `AlarmActionInput` (a zod schema; shared exports no type of its
 * input, and the console does not depend on zod), written out.
 */
export type AlarmActionBody =
  | { action: "acknowledge"; notes?: string }
  | { action: "call_elder" | "call_family"; result: "answered" | "no_answer"; notes?: string }
  | { action: "call_emergency"; result: "120" | "110" | "119"; notes?: string }
  | { action: "dispatch" | "note"; notes: string }
  | { action: "close"; outcome: AlarmOutcome; notes?: string };

/** POST /api/v1/alarms/{id}/actions */
export interface AlarmActionResult {
  id: string;
  type: AlarmType;
  status: AlarmStatus;
  outcome: AlarmOutcome | null;
  actions: AlarmStep[];
}

/** GET /api/v1/me/elders/{id}/alarms items: the elder's (and a staff member's in the region) view with the steps. */
export interface ElderAlarm {
  id: string;
  type: AlarmType;
  status: AlarmStatus;
  raisedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  outcome: AlarmOutcome | null;
  steps: AlarmStep[];
}

/** The SSE `alarm` event of GET /api/v1/alarms/stream. */
export interface AlarmEvent {
  kind: "raised" | "grouped" | "updated";
  alarmId: string;
  type: AlarmType;
  regionCode: string;
  status: AlarmStatus;
}

/** GET /api/v1/alarms/stats */
export interface AlarmStats {
  from: string;
  to: string;
  alarms: number;
  acknowledged: number;
  /** Percent with one decimal, or null when there were no alarms. */
  acknowledgedWithin60sPercent: number | null;
  acknowledgedWithin180sPercent: number | null;
  medianSecondsToAcknowledge: number | null;
  medianSecondsToClose: number | null;
  byType: { type: AlarmType; count: number }[];
  byOutcome: { outcome: AlarmOutcome; count: number }[];
}

/** GET /api/v1/devices items */
export interface Device {
  id: string;
  serial: string;
  type: DeviceType;
  vendor: string;
  model: string;
  simPhone: string | null;
  firmware: string | null;
  heartbeatSeconds: number;
  elderId: string | null;
  regionCode: string;
  lastSeenAt: string | null;
  battery: number | null;
}

/** POST /api/v1/devices: the device and its credentials, answered this once only. */
export interface RegisteredDevice extends Device {
  credentials: { username: string; password: string };
}

export const ALARMS_KEY = ["alarms"] as const;
export const alarmListKey = (status: AlarmStatus) => ["alarms", "list", status] as const;
/** The steps POST /actions answered last, per alarm: kept apart from ["alarms"] so that a refetch does not drop them. */
export const knownStepsKey = (id: string) => ["alarm-steps", "known", id] as const;
export const DEVICES_KEY = ["devices"] as const;

export function useAlarmList(status: AlarmStatus) {
  return useQuery({
    queryKey: alarmListKey(status),
    queryFn: () => api<{ items: Alarm[] }>("/alarms", { query: { status } }),
    // the stream drives refetches; this only catches up after a connection gap the stream could not report
    refetchInterval: 30_000,
  });
}
