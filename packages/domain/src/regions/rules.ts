import { regionRules, type Tx } from "@carecircle/db";
import { and, desc, eq, inArray, lte } from "drizzle-orm";
import { REGION_CODE_LENGTHS, shanghaiDate } from "@carecircle/shared";
import type { Ctx } from "../core/context.ts";

/** Rules a region may override, with the platform default. */
export const RULE_DEFAULTS: { "elders.minAge": number; "assessments.reassessMonths": number } = {
  /** Minimum age for registration in the elder registry. */
  "elders.minAge": 60,
  /** Months until a routine re-assessment is due (GB/T 42195 practice; unconfirmed, so a rule). */
  "assessments.reassessMonths": 12,
};
export type RuleKey = keyof typeof RULE_DEFAULTS;

function ancestorsOf(code: string): string[] {
  return REGION_CODE_LENGTHS.filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** The rule in force for `regionCode` today: the nearest ancestor's latest effective version, else the default. */
export async function ruleFor<K extends RuleKey>(ctx: Ctx, regionCode: string, key: K, tx?: Tx): Promise<(typeof RULE_DEFAULTS)[K]> {
  const rows = await (tx ?? ctx.database.db)
    .select({ regionCode: regionRules.regionCode, value: regionRules.value })
    .from(regionRules)
    .where(
      and(
        eq(regionRules.key, key),
        inArray(regionRules.regionCode, ancestorsOf(regionCode)),
        lte(regionRules.effectiveFrom, shanghaiDate()),
      ),
    )
    .orderBy(desc(regionRules.effectiveFrom));
  const nearest = rows.sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  return (nearest?.value as (typeof RULE_DEFAULTS)[K] | undefined) ?? RULE_DEFAULTS[key];
}
