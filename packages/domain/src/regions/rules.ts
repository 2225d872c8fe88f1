import { regionRules, type Tx } from "@carecircle/db";
import { and, eq, lte } from "drizzle-orm";
import { shanghaiDate } from "@carecircle/shared";
import type { Ctx } from "../core/context.ts";

/** Rules a region may override, with the platform default. */
export const RULE_DEFAULTS: { "elders.minAge": number; "assessments.reassessMonths": number } = {
  /** Minimum age for registration in the elder registry. */
  "elders.minAge": 60,
  /** Months until a routine re-assessment is due (GB/T 42195 practice; unconfirmed, so a rule). */
  "assessments.reassessMonths": 12,
};
export type RuleKey = keyof typeof RULE_DEFAULTS;

/**
 * Loads every version in force of one rule and returns the lookup for any region: the nearest ancestor's rule wins,
 * and among one region's versions the latest effective date; else the default. One query, then lookups in memory
 * (an import asks for every row).
 */
export async function ruleResolver<K extends RuleKey>(ctx: Ctx, key: K, tx?: Tx): Promise<(regionCode: string) => (typeof RULE_DEFAULTS)[K]> {
  const rows = await (tx ?? ctx.database.db)
    .select({ regionCode: regionRules.regionCode, value: regionRules.value, effectiveFrom: regionRules.effectiveFrom })
    .from(regionRules)
    .where(and(eq(regionRules.key, key), lte(regionRules.effectiveFrom, shanghaiDate())));
  // ascending by depth, then by date: the last match is the nearest region's latest version
  rows.sort((a, b) => a.regionCode.length - b.regionCode.length || a.effectiveFrom.localeCompare(b.effectiveFrom));
  const cache = new Map<string, (typeof RULE_DEFAULTS)[K]>();
  return (regionCode) => {
    let v = cache.get(regionCode);
    if (v === undefined) {
      v = RULE_DEFAULTS[key];
      for (const r of rows) if (regionCode.startsWith(r.regionCode)) v = r.value as (typeof RULE_DEFAULTS)[K];
      cache.set(regionCode, v);
    }
    return v;
  };
}

/** The rule in force for `regionCode` today. */
export async function ruleFor<K extends RuleKey>(ctx: Ctx, regionCode: string, key: K, tx?: Tx): Promise<(typeof RULE_DEFAULTS)[K]> {
  return (await ruleResolver(ctx, key, tx))(regionCode);
}
