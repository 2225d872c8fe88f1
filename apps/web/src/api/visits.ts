import type { FINDING_LEVELS, VISIT_NEEDS } from "@carecircle/shared";
import { can } from "./auth.ts";
import type { Me } from "./types.ts";

export type FindingLevel = (typeof FINDING_LEVELS)[number];
export type VisitNeed = (typeof VISIT_NEEDS)[number];
export type Escalation = "community" | "street" | null;

/** Who may see the visit plans and the board (anyone reading the elder registry), generate and assign them, and make care calls. */
export const mayReadVisits = (me: Me) => can(me, "elder:read") && (can(me, "elder:write") || can(me, "alarm:handle"));
export const mayManageVisits = (me: Me) => can(me, "elder:write");
export const mayCareCall = (me: Me) => can(me, "alarm:handle") || can(me, "elder:write");

export interface VisitPlan {
  elderId: string;
  elderName: string;
  address: string;
  regionCode: string;
  everyDays: number;
  kind: "home" | "phone";
  reasons: string[];
  nextDue: string;
  lastDoneOn: string | null;
  unansweredCalls: number;
  assigneeUserId: string | null;
  assigneeName: string | null;
  overdueDays: number;
  escalatedTo: Escalation;
}

export interface CareCall {
  elderId: string;
  elderName: string;
  phone: string | null;
  reasons: string[];
  dueOn: string;
  unansweredCalls: number;
  source: "plan" | "alarm";
  followUpId: string | null;
  overdueDays: number;
  escalatedTo: Escalation;
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

export interface VisitBoard {
  regionCode: string;
  plans: number;
  home: number;
  phone: number;
  covered: number;
  coveragePercent: number | null;
  overdue: number;
  escalatedToCommunity: number;
  escalatedToStreet: number;
  unassigned: number;
  last30Days: { visits: number; noAnswer: number; worrying: number; findings: { health: number; homeSafety: number; mood: number } };
}

export const ESCALATION_COLOR = { community: "orange", street: "red" } as const;
