import type { AssessmentReason } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/** The shapes of GET /assessment-scales (packages/domain/src/assessments/scale-types.ts, as the API sends them). */
export interface ScaleItem {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  scores: number[];
  /** Chinese description per allowed score: { "4": "…" } */
  descriptions: Record<string, string>;
}

export interface ScaleGroup {
  code: string;
  name: string;
  nameEn?: string;
  max: number;
}

export interface ScaleBand {
  level: number;
  name: string;
  nameEn: string;
  min: number;
  max: number;
}

export type AdjustmentFact = "coma" | "dementia" | "mentalDisorder" | "riskEvents";
export interface AdjustmentCondition {
  fact: AdjustmentFact;
  atLeast?: number;
}

export type ScaleAdjustment =
  | { code: string; name: string; kind: "setLevel"; when: AdjustmentCondition; level: number }
  | { code: string; name: string; kind: "lowerBy"; when: AdjustmentCondition; steps: number };

export interface ScaleDefinition {
  code: string;
  version: string;
  name: string;
  nameEn: string;
  kind: "computed" | "recorded";
  groups: ScaleGroup[];
  items: ScaleItem[];
  bands: ScaleBand[];
  adjustments: ScaleAdjustment[];
  settings?: { adjustmentsCumulative: boolean; worstLevel: number };
  recordedLevels?: { level: number; name: string; nameEn: string }[];
}

export type RiskEvent = "fall" | "choking" | "selfHarm" | "wandering" | "other";

export interface AssessmentAdjustments {
  coma?: boolean;
  dementia?: boolean;
  mentalDisorder?: boolean;
  riskEvents?: RiskEvent[];
}

export type AssessmentStatus = "draft" | "submitted" | "superseded";

export interface LevelRef {
  level: number;
  name: string;
}

/** An assessment as the API returns it. */
export interface Assessment {
  id: string;
  elderId: string;
  regionCode?: string;
  scale: string;
  scaleVersion?: string;
  reason: AssessmentReason;
  reasonLabel: string;
  reasonNote?: string | null;
  status: AssessmentStatus;
  items: Record<string, number | null>;
  adjustments: AssessmentAdjustments;
  assessors: string[];
  informant: string | null;
  assessedAt: string;
  subtotals: Record<string, number> | null;
  total: number | null;
  preliminaryLevel: LevelRef | null;
  finalLevel: LevelRef | null;
  reasons: { code: string; text: string }[];
  supersedes: string | null;
  correctionReason: string | null;
  supersededBy: string | null;
  version: number;
  createdAt?: string;
  submittedAt: string | null;
}

/** One row of GET /assessments/due (the id is the elder's). */
export interface DueElder {
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  abilityLevel: number | null;
  abilityAssessedAt: string | null;
  abilityDueAt: string;
  overdue: boolean;
  daysLeft: number;
}

/** The body of POST /assessments (PATCH sends the same fields without elderId/scale/supersedes). */
export interface AssessmentBody {
  elderId?: string;
  scale?: string;
  reason: AssessmentReason;
  reasonNote?: string | null;
  items: Record<string, number>;
  adjustments: AssessmentAdjustments;
  assessors: string[];
  informant: string | null;
  assessedAt?: string;
  recordedLevel?: number | null;
  submit: boolean;
  supersedes?: string;
  correctionReason?: string;
  version?: number;
}

/** The scale the form starts with, and the one whose result becomes the registry's ability level. */
export const DEFAULT_SCALE = "GB/T 42195-2022";

export const scalesKey = ["assessment-scales"] as const;
export const assessmentKey = (id: string) => ["assessments", "detail", id] as const;
export const elderAssessmentsKey = (elderId: string) => ["assessments", "elder", elderId] as const;

/** Scale definitions change only with a deployment: fetched once per session. */
export function useScales() {
  return useQuery({
    queryKey: scalesKey,
    queryFn: () => api<{ items: ScaleDefinition[] }>("/assessment-scales").then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKey(id ?? ""),
    queryFn: () => api<Assessment>(`/assessments/${encodeURIComponent(id ?? "")}`),
    enabled: !!id,
  });
}

export function useElderAssessments(elderId: string) {
  return useQuery({
    queryKey: elderAssessmentsKey(elderId),
    queryFn: () => api<{ items: Assessment[] }>(`/elders/${encodeURIComponent(elderId)}/assessments`).then((r) => r.items),
  });
}

export const reportPath = (id: string) => `/assessments/${encodeURIComponent(id)}/report.pdf`;
