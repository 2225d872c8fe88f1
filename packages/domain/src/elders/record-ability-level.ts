import { elders, type Tx } from "@carecircle/db";
import { eq } from "drizzle-orm";
import { refreshVisitPlan } from "../visits/plans.ts";

/**
 * The registry's ability level comes from the latest submitted assessment: the assessments capability calls this,
 * inside its own transaction, instead of writing the registry's table.
 */
export async function recordAbilityLevel(
  tx: Tx,
  elderId: string,
  result: { level: number; assessedAt: string; assessmentId: string; dueAt: string },
): Promise<boolean> {
  const [row] = await tx.select({ assessedAt: elders.abilityAssessedAt }).from(elders).where(eq(elders.id, elderId)).for("update");
  // an older assessment submitted late does not overwrite a newer one
  if (!row || (row.assessedAt && row.assessedAt > result.assessedAt)) return false;
  await tx
    .update(elders)
    .set({ abilityLevel: result.level, abilityAssessedAt: result.assessedAt, abilityAssessmentId: result.assessmentId, abilityDueAt: result.dueAt, updatedAt: new Date() })
    .where(eq(elders.id, elderId));
  // the ability level decides part of the visit plan
  await refreshVisitPlan(tx, elderId);
  return true;
}
