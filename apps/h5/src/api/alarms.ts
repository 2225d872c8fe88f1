import type { ALARM_OUTCOMES, AlarmActionInput, AlarmType } from "@carecircle/shared";
import { useInfiniteQuery, useQueries, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import type { MyElder } from "./queries.ts";

export type { AlarmType };
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number];
/** acknowledge, call_elder, call_family, dispatch, call_emergency, note, close: the call centre's steps. */
export type AlarmAction = ReturnType<(typeof AlarmActionInput)["parse"]>["action"];

/** One thing the call centre did: `result` is answered / no_answer for calls, 120 / 110 / 119, or the outcome of close. */
export interface AlarmStep {
  action: AlarmAction;
  result: string | null;
  at: string;
  /** A dispatch asking a volunteer (a neighbour) to go: their name. */
  volunteerName?: string;
}

/** An alarm as the elder or a bound family member sees it (`GET /me/elders/{id}/alarms`): what, when, what was done, how it ended. */
export interface MyAlarm {
  id: string;
  type: AlarmType;
  /** open: not yet taken by the call centre; acknowledged: being handled; closed: done, with an outcome */
  status: "open" | "acknowledged" | "closed";
  raisedAt: string;
  /** The device's own time for the event (null for alarms the platform raised itself, e.g. a device gone quiet). */
  occurredAt?: string | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  outcome: AlarmOutcome | null;
  steps: AlarmStep[];
}

// an alarm is urgent: 首页 and the alarm pages look again this often, so the family sees the call centre's steps arrive
const FOLLOW_MS = 15_000;

export const isHandling = (a: MyAlarm) => a.status !== "closed";

/** Newest first, whatever order the server used; ties keep the server's order. */
export function newestFirst(items: MyAlarm[]): MyAlarm[] {
  return items
    .map((a, i) => ({ a, i, t: Date.parse(a.raisedAt) }))
    .sort((x, y) => y.t - x.t || x.i - y.i)
    .map((x) => x.a);
}

// the most the server gives at once: what is being handled is counted among this many of the latest
const LATEST = 50;
// a short page: long lists are hard to follow; earlier ones are one tap away (查看更早的告警, no endless scrolling)
const PAGE = 10;

type AlarmPage = { items: MyAlarm[]; nextCursor: string | null };
const alarmsPath = (elderId: string, limit: number, cursor?: string | null) =>
  `/me/elders/${encodeURIComponent(elderId)}/alarms?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;

function alarmsQuery(elderId: string) {
  return {
    queryKey: ["alarms", elderId, "latest"],
    queryFn: async () => newestFirst((await api<AlarmPage>(alarmsPath(elderId, LATEST))).items),
    refetchInterval: FOLLOW_MS,
  };
}

/** One elder's latest 50 alarms, newest first, looked at again every 15 s: for how many are being handled. */
export function useElderAlarms(elderId: string) {
  return useQuery(alarmsQuery(elderId));
}

/**
 * One elder's alarms newest first, ten at a time: `fetchNextPage` brings the ten before (nextCursor). Every page
 * loaded is looked at again every 15 s, so an alarm's steps arrive wherever it is in the list.
 */
export function useElderAlarmPages(elderId: string) {
  return useInfiniteQuery({
    queryKey: ["alarms", elderId, "pages"],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const page = await api<AlarmPage>(alarmsPath(elderId, PAGE, pageParam));
      return { ...page, items: newestFirst(page.items) };
    },
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: FOLLOW_MS,
  });
}

/**
 * How many alarms are still being handled, per elder and in all, for 首页; every 15 s. `total` is null until every
 * elder's alarms have been read once (a count that is still loading is not zero).
 */
export function useHandlingCounts(elders: MyElder[]) {
  return useQueries({
    queries: elders.map((e) => alarmsQuery(e.id)),
    combine: (results) => {
      const byElder = new Map<string, number>();
      results.forEach((r, i) => {
        if (r.data) byElder.set(elders[i]!.id, r.data.filter(isHandling).length);
      });
      const known = results.every((r) => r.data !== undefined);
      return {
        byElder,
        total: known ? [...byElder.values()].reduce((a, b) => a + b, 0) : null,
        isError: results.some((r) => r.isError && r.data === undefined),
      };
    },
  });
}
