import type { AssessmentReason } from "@carecircle/shared";
import type { Dayjs } from "dayjs";
import type { Assessment, AssessmentAdjustments, AssessmentBody, RiskEvent, ScaleDefinition } from "../../api/assessments.ts";
import { dayjs, todayShanghai } from "../../lib/time.ts";

/** The assessment form's values: flat fields for the antd form (items keyed by item code under `items`). */
export interface AssessmentFormValues {
  scale: string;
  reason: AssessmentReason;
  reasonNote?: string;
  assessedAt: Dayjs | null;
  assessor1?: string;
  assessor2?: string;
  informant?: string;
  items: Record<string, number | undefined>;
  coma: boolean;
  dementia: boolean;
  mentalDisorder: boolean;
  riskEvents: RiskEvent[];
  recordedLevel?: number | null;
  correctionReason?: string;
}

export function emptyValues(scale: string): AssessmentFormValues {
  return { scale, reason: "first", assessedAt: todayShanghai(), items: {}, coma: false, dementia: false, mentalDisorder: false, riskEvents: [] };
}

/** A saved assessment (a draft to continue, or the one a correction starts from) as form values. */
export function valuesFromAssessment(a: Assessment, scale: ScaleDefinition | undefined): AssessmentFormValues {
  const items: Record<string, number | undefined> = {};
  for (const [code, v] of Object.entries(a.items ?? {})) if (typeof v === "number") items[code] = v;
  return {
    scale: a.scale,
    reason: a.reason,
    reasonNote: a.reasonNote ?? undefined,
    assessedAt: a.assessedAt ? dayjs(a.assessedAt) : null,
    assessor1: a.assessors[0],
    assessor2: a.assessors[1],
    informant: a.informant ?? undefined,
    items,
    coma: a.adjustments?.coma === true,
    dementia: a.adjustments?.dementia === true,
    mentalDisorder: a.adjustments?.mentalDisorder === true,
    riskEvents: a.adjustments?.riskEvents ?? [],
    recordedLevel: scale?.kind === "recorded" ? (a.finalLevel?.level ?? null) : undefined,
  };
}

/** The request body: only the current scale's scored items, only non-empty assessor names. */
export function toBody(v: AssessmentFormValues, scale: ScaleDefinition, submit: boolean): AssessmentBody {
  const items: Record<string, number> = {};
  for (const item of scale.items) {
    const score = v.items?.[item.code];
    if (typeof score === "number") items[item.code] = score;
  }
  const adjustments: AssessmentAdjustments = {
    coma: v.coma === true,
    dementia: v.dementia === true,
    mentalDisorder: v.mentalDisorder === true,
    riskEvents: v.riskEvents ?? [],
  };
  const body: AssessmentBody = {
    reason: v.reason,
    reasonNote: v.reasonNote?.trim() || null,
    items,
    adjustments,
    assessors: [v.assessor1, v.assessor2].map((s) => s?.trim() ?? "").filter((s) => s !== ""),
    informant: v.informant?.trim() || null,
    submit,
  };
  if (v.assessedAt) body.assessedAt = v.assessedAt.format("YYYY-MM-DD");
  if (scale.kind === "recorded") body.recordedLevel = v.recordedLevel ?? null;
  return body;
}

/**
 * Which form field a server error path belongs to: "items.B1.1" → the item's row (item codes hold dots),
 * "assessors" → the first empty assessor name, "adjustments.riskEvents.0" → the risk-event select.
 * Paths without a field (supersedes, submit) go to the page-level alert.
 */
export function fieldForPath(path: string, v: Partial<AssessmentFormValues>): (string | number)[] | null {
  if (path.startsWith("items.")) return ["items", path.slice("items.".length)];
  if (path === "assessors" || path.startsWith("assessors.")) {
    const index = path === "assessors" ? (v.assessor1?.trim() ? 1 : 0) : Number(path.slice("assessors.".length));
    return [index === 1 ? "assessor2" : "assessor1"];
  }
  if (path.startsWith("adjustments.")) {
    const fact = path.split(".")[1];
    return fact ? [fact] : null;
  }
  const direct = ["scale", "reason", "reasonNote", "assessedAt", "informant", "recordedLevel", "correctionReason"];
  return direct.includes(path) ? [path] : null;
}
