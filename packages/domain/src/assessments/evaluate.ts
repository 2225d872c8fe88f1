import type { FieldError } from "../core/errors.ts";
import { ValidationError } from "../core/errors.ts";
import type { AssessmentFacts, ScaleDefinition, ScoreResult } from "./scale-types.ts";
import { scoreAssessment, validateScores } from "./scoring.ts";

export interface AssessmentDraft {
  items: Record<string, unknown>;
  facts: AssessmentFacts;
  assessors: string[];
  informant: string | null;
  recordedLevel: number | null;
}

/** The stored result columns: null until every item is scored. */
export interface Evaluation {
  subtotals: Record<string, number> | null;
  total: number | null;
  preliminaryLevel: number | null;
  finalLevel: number | null;
  reasons: ScoreResult["reasons"] | null;
}

const EMPTY: Evaluation = { subtotals: null, total: null, preliminaryLevel: null, finalLevel: null, reasons: null };

/**
 * Checks a draft against its scale (every problem names its item) and computes the result as soon as all items
 * are scored, so that a draft already shows its level and why. `submit` also requires every item, both assessors
 * and the informant.
 */
export function evaluateDraft(scale: ScaleDefinition, draft: AssessmentDraft, submit: boolean): Evaluation {
  const problems: FieldError[] = validateScores(scale, draft.items, { complete: submit });
  if (submit) {
    if (draft.assessors.length !== 2) problems.push({ path: "assessors", message: "提交前须填写两名评估员" });
    if (!draft.informant) problems.push({ path: "informant", message: "提交前须填写信息提供者" });
    if (scale.kind === "recorded") {
      const allowed = (scale.recordedLevels ?? []).map((l) => l.level);
      if (draft.recordedLevel == null || !allowed.includes(draft.recordedLevel)) {
        problems.push({ path: "recordedLevel", message: `请填写评定等级（${(scale.recordedLevels ?? []).map((l) => `${l.level} ${l.name}`).join("、")}）` });
      }
    }
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join("；"), problems);
  if (scale.kind === "recorded") {
    return draft.recordedLevel == null ? EMPTY : { ...EMPTY, preliminaryLevel: draft.recordedLevel, finalLevel: draft.recordedLevel, reasons: [] };
  }
  const complete = validateScores(scale, draft.items, { complete: true }).length === 0;
  if (!complete) return EMPTY;
  const r = scoreAssessment(scale, draft.items as Record<string, number>, draft.facts);
  return { subtotals: r.subtotals, total: r.total, preliminaryLevel: r.preliminaryLevel, finalLevel: r.finalLevel, reasons: r.reasons };
}
