import { describeLevel } from "./scoring.ts";
import type { AssessmentRow } from "./internal.ts";
import { REASON_LABELS } from "./internal.ts";
import type { ScaleDefinition } from "./scale-types.ts";

/** What the API returns for an assessment: the scores, the result with level names and the reasons shown. */
export function toAssessmentView(row: AssessmentRow, scale: ScaleDefinition | null) {
  const level = (l: number | null) => (l == null ? null : { level: l, name: (scale ? describeLevel(scale, l) : undefined) ?? String(l) });
  return {
    id: row.id,
    elderId: row.elderId,
    regionCode: row.regionCode,
    scale: row.scaleCode,
    scaleVersion: row.scaleVersion,
    reason: row.reason,
    reasonLabel: REASON_LABELS[row.reason] ?? row.reason,
    reasonNote: row.reasonNote,
    status: row.status,
    items: row.items as Record<string, number>,
    adjustments: row.facts,
    assessors: row.assessors,
    informant: row.informant,
    assessedAt: row.assessedAt,
    subtotals: row.subtotals as Record<string, number> | null,
    total: row.total,
    preliminaryLevel: level(row.preliminaryLevel),
    finalLevel: level(row.finalLevel),
    reasons: (row.reasons as { code: string; text: string }[] | null) ?? [],
    supersedes: row.supersedesId,
    correctionReason: row.correctionReason,
    supersededBy: row.supersededById,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}
export type AssessmentView = ReturnType<typeof toAssessmentView>;
