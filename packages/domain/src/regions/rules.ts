import { regionRules, type Tx } from "@carecircle/db";
import { and, eq, inArray, lte } from "drizzle-orm";
import { shanghaiDate } from "@carecircle/shared";
import type { Ctx } from "../core/context.ts";

/** Rules a region may override, with the platform default. */
export const RULE_DEFAULTS = {
  /** Minimum age for registration in the elder registry. */
  "elders.minAge": 60,
  /** Months until a routine re-assessment is due (GB/T 42195 practice; unconfirmed, so a rule). */
  "assessments.reassessMonths": 12,
  /** The service circle (SPEC C6): a worker's base within this many minutes of the home (urban / rural, 村). */
  "dispatch.circleMinutesUrban": 10,
  "dispatch.circleMinutesRural": 40,
  /** Straight-line travel speed assumed for the circle and between jobs (km/h): an e-bike in town, a car or motorbike in villages. */
  "dispatch.speedKmhUrban": 15,
  "dispatch.speedKmhRural": 30,
  /** Minutes an assigned worker has to accept a job before it is dispatched to another. */
  "orders.acceptMinutes": 15,
  /** A check-in more than this many minutes before the slot is flagged for the bureau (early_check_in). */
  "orders.earlyCheckInMinutes": 60,
  /** Check-in must be within this distance of the home (metres). */
  "orders.geofenceMeters": 200,
  /** Faster than this between one visit's check-out and the next check-in is "impossible travel" (km/h). */
  "orders.maxTravelKmh": 60,
  /** Share of finished orders the bureau's return-visit calls sample. */
  "orders.returnVisitRate": 0.1,
  /** "13710" rectification (DOMAIN.md): feedback within 3 days, an ordinary finding solved in 7, a major one in 1 month. */
  "rectification.feedbackDays": 3,
  "rectification.ordinaryDays": 7,
  "rectification.majorMonths": 1,
  /** 0: the day counts are calendar days; 1: working days (Monday–Friday). */
  "rectification.workingDays": 0,
  /** Yearly operating reward of a starred facility by its stars (fen; Jiulongpo practice, configurable). */
  "ratings.rewardFenStar1": 0,
  "ratings.rewardFenStar2": 0,
  "ratings.rewardFenStar3": 2_000_000,
  "ratings.rewardFenStar4": 3_000_000,
  "ratings.rewardFenStar5": 5_000_000,
  /** Time bank (DOMAIN.md): amounts in minutes; hours above the cap go to the pool (Nanjing 1,500 h); a day's deposits at most the maximum (0: none; Shanghai Changning 2 h). */
  "timebank.granularityMinutes": 30,
  "timebank.capMinutes": 90_000,
  "timebank.dailyMaxMinutes": 0,
  /** Who may volunteer, and who may redeem: 60 or over and needing care (ability level 1 or more). */
  "timebank.volunteerMinAge": 18,
  "timebank.redeemMinAge": 60,
  "timebank.redeemMinAbilityLevel": 1,
  /** 1: hours may buy the services a provider lists for the time bank (the bureau pays the provider); 0: volunteers' services only. */
  "timebank.providerServices": 0,
  /** Deposited hours expire after this many months, unspent ones going to the pool (0: never — the default; a region may set it). */
  "timebank.expiryMonths": 0,
  /** 通存通兑 across this many leading digits of the region code: 6 = the district, 4 = the city. */
  "timebank.scopeDigits": 6,
  /** Planning targets (DOMAIN.md): beds per 1,000 elders, the nursing-bed share, centers per street, stations per community, facility area per 100 households (m²). */
  "planning.bedsPer1000Elders": 40,
  "planning.nursingBedShare": 0.6,
  "planning.centersPerStreet": 1,
  "planning.stationsPerCommunity": 1,
  "planning.areaM2Per100Households": 20,
  /** Employment bonus (入职奖补): graduates within this many years of graduating, with one of the degrees listed. */
  "workforce.bonusYearsAfterGraduation": 3,
  "workforce.bonusEducations": ["vocational", "junior_college", "bachelor", "master", "doctor"] as readonly string[],
  /** Residents one caregiver may look after, by ability (DOMAIN.md, Donghu). */
  "staffing.disabled": 3,
  "staffing.semiDisabled": 5,
  "staffing.selfCare": 10,
} satisfies Record<string, number | readonly string[]>;
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

/** Several rules for one region in one query (dispatch needs four at once). */
export async function rulesFor<K extends RuleKey>(ctx: Ctx, regionCode: string, keys: readonly K[], tx?: Tx): Promise<{ [P in K]: (typeof RULE_DEFAULTS)[P] }> {
  const rows = await (tx ?? ctx.database.db)
    .select({ key: regionRules.key, regionCode: regionRules.regionCode, value: regionRules.value, effectiveFrom: regionRules.effectiveFrom })
    .from(regionRules)
    .where(and(inArray(regionRules.key, keys as unknown as string[]), lte(regionRules.effectiveFrom, shanghaiDate())));
  rows.sort((a, b) => a.regionCode.length - b.regionCode.length || a.effectiveFrom.localeCompare(b.effectiveFrom));
  const out = Object.fromEntries(keys.map((k) => [k, RULE_DEFAULTS[k]])) as { [P in K]: (typeof RULE_DEFAULTS)[P] };
  for (const r of rows) if (regionCode.startsWith(r.regionCode)) (out as Record<string, unknown>)[r.key] = r.value;
  return out;
}
