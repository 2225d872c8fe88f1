import type { FINDING_LEVELS, VISIT_NEEDS } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";

export type FindingLevel = (typeof FINDING_LEVELS)[number];
export type VisitNeed = (typeof VISIT_NEEDS)[number];

/** One visit on the signed-in visitor's list for today (a plan due or overdue, or a home-visit task). */
export interface MyVisit {
  elderId: string;
  elderName: string;
  address: string;
  /** GCJ-02, as the elder's record keeps it. */
  lat: number | null;
  lng: number | null;
  kind: "home" | "phone";
  reasons: string[];
  dueOn: string;
  everyDays: number;
  /** A home-visit task (three unanswered care calls), not a plan. */
  task: boolean;
  overdueDays: number;
  escalatedTo: "community" | "street" | null;
}

export interface VisitBody {
  elderId: string;
  kind: "home" | "phone";
  outcome: "visited" | "no_answer";
  lat?: number;
  lng?: number;
  datum?: "wgs84" | "gcj02";
  findings?: { health: FindingLevel; homeSafety: FindingLevel; mood: FindingLevel; needs: VisitNeed[]; notes?: string };
  photos?: string[];
  followUp?: { alarmTask: boolean; referral?: string };
}

export interface VisitResult {
  id: string;
  elderId: string;
  kind: "home" | "phone";
  outcome: "visited" | "no_answer";
  worrying: boolean;
  followUps: { kind: "alarm_task" | "referral" | "service_order" | "home_visit"; ref?: string; note?: string }[];
  unansweredCalls: number;
}

export const myVisitsKey = ["visits", "mine"] as const;

/** 今日探访: the server puts the most overdue first. */
export function useMyVisits() {
  return useQuery({ queryKey: myVisitsKey, queryFn: () => api<{ items: MyVisit[] }>("/visits?kind=home").then((r) => r.items) });
}

/** Records a visit; the list is fetched again afterwards (a visited elder leaves it). */
export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitBody) => api<VisitResult>("/visits", { method: "POST", body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: myVisitsKey }),
  });
}
