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
  /** Masked (138****5678); the full number only through the audited reveal. */
  phoneMasked: string | null;
  /** A phone plan's calls unanswered in a row (the third puts a home visit on the list). */
  unansweredCalls: number;
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

export const myCallsKey = ["visits", "calls"] as const;

/** 电话关怀: the signed-in community worker's own care calls due today (phone plans), the most overdue first. */
export function useMyCalls(enabled = true) {
  return useQuery({ queryKey: myCallsKey, queryFn: () => api<{ items: MyVisit[] }>("/visits?kind=phone").then((r) => r.items), enabled });
}

/** Records a visit or a care call; both lists are fetched again afterwards (a visited or called elder leaves them). */
export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitBody) => api<VisitResult>("/visits", { method: "POST", body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: myVisitsKey });
      void qc.invalidateQueries({ queryKey: myCallsKey });
    },
  });
}

/** The elder's full phone number, to dial: the server checks the permission and writes the read to the audit log. */
export function useRevealPhone() {
  return useMutation({ mutationFn: (elderId: string) => api<{ phone?: string }>(`/elders/${elderId}/reveal`, { method: "POST", body: { fields: ["phone"] } }) });
}
