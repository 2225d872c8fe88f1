import type { ALARM_OUTCOMES, AlarmType, DeviceType, Responder, VolunteerResponder, WorkerResponder } from "@carecircle/shared";
import { type QueryClient, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import type { Page } from "./types.ts";

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
  /**
   * What triggered it: `event`, a position (`lat`, `lng`, `datum`), vital-sign `findings`, battery `percent`…, and
   * `occurredAt`, the device's own time for the event (ISO), which `raisedAt` (when the server received it) can trail.
   */
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
  /** The volunteer asked to go (请志愿者前往): a dispatch step without an order. */
  volunteer?: { id: string; name: string } | null;
}

/**
 * The body of POST /api/v1/alarms/{id}/actions: shared `AlarmActionInput` (a zod schema; shared exports no type of its
 * input, and the console does not depend on zod), written out.
 */
export type AlarmActionBody =
  | { action: "acknowledge"; notes?: string }
  | { action: "call_elder" | "call_family"; result: "answered" | "no_answer"; notes?: string }
  | { action: "call_emergency"; result: "120" | "110" | "119"; notes?: string }
  | { action: "note"; notes: string }
  /** With a caregiver from GET /alarms/{id}/responders (both ids or neither) the server places an emergency order for them. */
  /** With a volunteer from the same list instead (volunteerId): recorded on the step, no order placed. */
  | { action: "dispatch"; notes: string; workerId?: string; productId?: string; volunteerId?: string }
  | { action: "close"; outcome: AlarmOutcome; notes?: string };

/** POST /api/v1/alarms/{id}/actions */
export interface AlarmActionResult {
  id: string;
  type: AlarmType;
  status: AlarmStatus;
  outcome: AlarmOutcome | null;
  actions: AlarmStep[];
}

/** GET /api/v1/alarms/{id}: one alarm with every step, who took it and the notes. */
export interface AlarmRecord {
  id: string;
  type: AlarmType;
  status: AlarmStatus;
  elderId: string | null;
  raisedAt: string;
  outcome: AlarmOutcome | null;
  actions: AlarmStep[];
}

/** GET /api/v1/alarms/{id}/responders items (the shared view types): caregivers (kind worker) and volunteers. */
export type { Responder, VolunteerResponder, WorkerResponder };

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
  /** The bound elder's name; null when unbound (absent on a device just registered). */
  elderName?: string | null;
}

/** POST /api/v1/devices: the device and its credentials, answered this once only. */
export interface RegisteredDevice extends Device {
  credentials: { username: string; password: string };
}

export const ALARMS_KEY = ["alarms"] as const;
export const alarmListKey = (status: AlarmStatus) => ["alarms", "list", status] as const;
/** Under ["alarms"]: every alarm event (which refetches ["alarms"]) brings the steps a colleague took too. */
export const alarmKey = (id: string) => ["alarms", "one", id] as const;
/** Apart from ["alarms"]: who is near and free changes with orders, not with alarm events. */
export const respondersKey = (id: string) => ["alarm-responders", id] as const;
export const DEVICES_KEY = ["devices"] as const;

/** The server's most per page; more open alarms than this at once would be a disaster the page says in words. */
export const LIVE_LIMIT = 200;
const CLOSED_PAGE = 25;
// the stream drives refetches; this only catches up after a connection gap the stream could not report
const CATCH_UP_MS = 30_000;

/** The live queue's alarms of one status (open or acknowledged), newest first, up to LIVE_LIMIT. */
export function useAlarmList(status: Exclude<AlarmStatus, "closed">) {
  return useQuery({
    queryKey: alarmListKey(status),
    queryFn: () => api<Page<Alarm>>("/alarms", { query: { status, limit: LIVE_LIMIT } }),
    refetchInterval: CATCH_UP_MS,
  });
}

/** Closed alarms, newest first, a page at a time (加载更多 follows nextCursor). */
export function useClosedAlarms() {
  return useInfiniteQuery({
    queryKey: alarmListKey("closed"),
    queryFn: ({ pageParam }) => api<Page<Alarm>>("/alarms", { query: { status: "closed", limit: CLOSED_PAGE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: CATCH_UP_MS,
  });
}

/** One alarm with all its steps (who, result, notes). */
export function useAlarmRecord(id: string) {
  return useQuery({ queryKey: alarmKey(id), queryFn: () => api<AlarmRecord>(`/alarms/${id}`) });
}

/** The caregivers and volunteers near the alarm's elder: caregivers on duty and free first, then nearest. */
export function useResponders(id: string, enabled: boolean) {
  return useQuery({
    queryKey: respondersKey(id),
    queryFn: () => api<{ radiusKm: number; items: Responder[] }>(`/alarms/${id}/responders`),
    enabled,
    refetchInterval: 60_000,
  });
}

/**
 * After POST /alarms/{id}/actions: its answer (every step so far) shows at once, then the lists and the alarm are
 * fetched again. Answers the refetch, for callers that wait for it.
 */
export function afterAlarmAction(queryClient: QueryClient, id: string, r: AlarmActionResult): Promise<void> {
  queryClient.setQueryData<AlarmRecord>(alarmKey(id), (old) => old && { ...old, status: r.status, outcome: r.outcome, actions: r.actions });
  return queryClient.invalidateQueries({ queryKey: ALARMS_KEY });
}
