import type { AdjustmentCondition, AssessmentAdjustments, ScaleAdjustment, ScaleDefinition } from "../api/assessments.ts";

/**
 * The assessor's live preview while scoring: subtotals per group, the total, the band it falls in and the
 * adjustments that would apply. Display only — the server's engine (packages/domain/src/assessments/scoring.ts)
 * computes the result that is saved and printed; this mirrors its rules so that the two normally agree.
 */
export interface Preview {
  /** group code → sum of the scores chosen so far */
  subtotals: Record<string, number>;
  scored: number;
  itemCount: number;
  complete: boolean;
  /** Sum of the chosen scores (partial until complete). */
  total: number;
  /** Only when every item is scored on a computed scale. */
  preliminaryLevel: number | null;
  finalLevel: number | null;
  applied: { adjustment: ScaleAdjustment; effective: boolean }[];
}

function holds(when: AdjustmentCondition, facts: AssessmentAdjustments): boolean {
  switch (when.fact) {
    case "coma":
      return facts.coma === true;
    case "dementia":
      return facts.dementia === true;
    case "mentalDisorder":
      return facts.mentalDisorder === true;
    case "riskEvents":
      return (facts.riskEvents?.length ?? 0) >= (when.atLeast ?? 1);
  }
}

export function previewAssessment(scale: ScaleDefinition, items: Record<string, number | null | undefined>, facts: AssessmentAdjustments): Preview {
  const subtotals: Record<string, number> = Object.fromEntries(scale.groups.map((g) => [g.code, 0]));
  let total = 0;
  let scored = 0;
  for (const item of scale.items) {
    const v = items[item.code];
    if (typeof v !== "number") continue;
    scored += 1;
    subtotals[item.group] = (subtotals[item.group] ?? 0) + v;
    total += v;
  }
  const complete = scored === scale.items.length;
  const base = { subtotals, scored, itemCount: scale.items.length, complete, total };
  if (!complete || scale.kind !== "computed") return { ...base, preliminaryLevel: null, finalLevel: null, applied: [] };
  const band = scale.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) return { ...base, preliminaryLevel: null, finalLevel: null, applied: [] };

  const worst = scale.settings?.worstLevel ?? Math.max(...scale.bands.map((b) => b.level));
  const cumulative = scale.settings?.adjustmentsCumulative ?? false;
  const applying = scale.adjustments.filter((a) => holds(a.when, facts));
  let afterSet = band.level;
  for (const a of applying) if (a.kind === "setLevel") afterSet = Math.max(afterSet, Math.min(a.level, worst));
  const steps = applying.flatMap((a) => (a.kind === "lowerBy" && a.steps > 0 ? [a.steps] : []));
  const step = steps.length === 0 ? 0 : cumulative ? steps.reduce((s, n) => s + n, 0) : Math.max(...steps);
  const lowered = Math.min(worst, band.level + step);
  const finalLevel = Math.min(worst, Math.max(afterSet, lowered));
  const setWins = applying.some((a) => a.kind === "setLevel") && afterSet >= lowered;
  return {
    ...base,
    preliminaryLevel: band.level,
    finalLevel,
    applied: applying.map((a) => ({ adjustment: a, effective: a.kind === "setLevel" ? a.level >= band.level : !setWins })),
  };
}

/** A level's name on this scale, in the chosen language. */
export function levelName(scale: ScaleDefinition | undefined, level: number | null | undefined, english: boolean): string | null {
  if (level === null || level === undefined) return null;
  const band = scale?.bands.find((b) => b.level === level) ?? scale?.recordedLevels?.find((l) => l.level === level);
  if (!band) return String(level);
  return english ? band.nameEn : band.name;
}
