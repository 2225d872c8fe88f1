import type { CreditKind, CreditStatus, CreditSubjectKind, FindingSeverity, InspectionKind, RectificationAction, RectificationStage, RectificationStatus } from "@carecircle/shared";
import type { Me } from "./types.ts";

/** Who opens which supervision page: the bureau records and decides; a provider admin answers its own tasks. */
export const SUPERVISION_GATES = {
  inspections: (me: Me) => me.permissions.includes("supervision:manage"),
  rectifications: (me: Me) => me.permissions.includes("supervision:manage") || me.permissions.includes("facility:read") || (me.role === "provider_admin" && !!me.providerId),
  board: (me: Me) => me.permissions.includes("supervision:manage") || me.permissions.includes("facility:read"),
  credit: (me: Me) => me.permissions.includes("supervision:manage") || me.permissions.includes("facility:read"),
} as const satisfies Record<string, (me: Me) => boolean>;

export interface InspectionRow {
  id: string;
  regionName: string | null;
  facilityId: string | null;
  providerId: string | null;
  targetName: string | null;
  kind: InspectionKind;
  checklist: { key: string; name: string; ok: boolean; note: string }[];
  inspectedOn: string;
  notes: string | null;
  findings: number;
}

export interface Rectification {
  id: string;
  regionCode: string;
  regionName: string | null;
  source: "inspection" | "evaluation" | "other";
  inspectionKind: InspectionKind | null;
  facilityId: string | null;
  providerId: string | null;
  targetName: string | null;
  description: string;
  severity: FindingSeverity;
  foundOn: string;
  acknowledgeBy: string;
  feedbackBy: string;
  resolveBy: string;
  effectiveResolveBy: string;
  status: RectificationStatus;
  acknowledgedOn: string | null;
  feedbackOn: string | null;
  feedback: string | null;
  plan: string | null;
  planDate: string | null;
  resolvedOn: string | null;
  evidence: { note: string; photo?: string }[];
  closedOn: string | null;
  recheckNote: string | null;
  overdueStages: RectificationStage[];
  overdue: boolean;
  nextDeadline: string | null;
  dueSoon: boolean;
  closedOnTime: boolean | null;
  escalated: boolean;
  escalatedTo: { regionCode: string; regionName: string | null } | null;
  actions: RectificationAction[];
}

export interface BoardCounts {
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  closedOnTime: number;
  closedLate: number;
}

export interface Board {
  regionCode: string;
  regionName: string;
  today: string;
  counts: BoardCounts;
  bySeverity: Record<FindingSeverity, BoardCounts>;
  byStreet: { regionCode: string; regionName: string; counts: BoardCounts }[];
  escalated: Rectification[];
}

export interface CreditRecord {
  id: string;
  regionCode: string;
  regionName: string | null;
  subjectKind: CreditSubjectKind;
  subjectId: string | null;
  subjectName: string;
  kind: CreditKind;
  prohibition: string | null;
  prohibitionName: string | null;
  reason: string;
  evidence: { note: string; photo?: string }[];
  startsOn: string | null;
  endsOn: string | null;
  status: CreditStatus;
  inForce: boolean;
  createdBy: string | null;
  createdAt: string;
}
