import { type SubsidyConditions } from "@carecircle/shared";
import { type SQL, sql } from "drizzle-orm";
import { monthEnd, monthStart, yearsBefore } from "./periods.ts";

const SPECIAL_ECONOMIC = ["minimum_living", "extreme_poverty", "low_income", "family_planning_hardship"];
const SPECIAL_LIVING = ["alone", "empty_nest", "left_behind", "lost_only_child"];

/**
 * The WHERE condition, over `elders e`, of who qualifies for a rule in a month: inside the rule's region, alive and
 * resident at the start of the month (someone who dies during a month still gets that month), registered by its end,
 * and every condition of the rule. One statement serves preview, the monthly run and back-pay.
 */
export function eligibleWhere(regionCode: string, conditions: SubsidyConditions, month: string): SQL {
  const start = monthStart(month);
  const end = monthEnd(month);
  const parts: SQL[] = [
    sql`e.region_code LIKE ${`${regionCode}%`}`,
    sql`(e.status = 'active' OR e.status_date >= ${start}::date)`,
    sql`e.created_at < (${end}::date + 1)`,
  ];
  const c = conditions;
  if (c.minAge !== undefined) parts.push(sql`e.birth_date <= ${yearsBefore(end, c.minAge)}::date`);
  if (c.maxAge !== undefined) parts.push(sql`e.birth_date > ${yearsBefore(end, c.maxAge + 1)}::date`);
  if (c.abilityLevels) parts.push(sql`e.ability_level = ANY(${sql.param(c.abilityLevels)}::int2[])`);
  if (c.economicStatuses) parts.push(sql`e.economic_status = ANY(${sql.param(c.economicStatuses)}::text[])`);
  if (c.livingSituations) parts.push(sql`e.living_situation = ANY(${sql.param(c.livingSituations)}::text[])`);
  if (c.hukouTypes) parts.push(sql`e.hukou_type = ANY(${sql.param(c.hukouTypes)}::text[])`);
  if (c.tagsAny) parts.push(sql`e.tags && ${sql.param(c.tagsAny)}::text[]`);
  if (c.specialDifficulty) {
    parts.push(sql`(e.economic_status = ANY(${sql.param(SPECIAL_ECONOMIC)}::text[]) OR e.living_situation = ANY(${sql.param(SPECIAL_LIVING)}::text[])
      OR e.ability_level >= 2 OR e.disability_kind <> 'none' OR e.birth_date <= ${yearsBefore(end, 80)}::date)`);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * The same conditions for one elder in memory, on a day (a product's price tier at ordering). Mirrors `eligibleWhere`
 * condition by condition; the subsidy tests hold the SQL form, the order tests this one.
 */
export function elderMeets(
  e: { birthDate: string; abilityLevel: number | null; economicStatus: string; livingSituation: string; hukouType: string; tags: string[]; disabilityKind: string; status: string },
  c: SubsidyConditions,
  onDate: string,
): boolean {
  if (e.status !== "active") return false;
  if (c.minAge !== undefined && e.birthDate > yearsBefore(onDate, c.minAge)) return false;
  if (c.maxAge !== undefined && e.birthDate <= yearsBefore(onDate, c.maxAge + 1)) return false;
  if (c.abilityLevels && (e.abilityLevel === null || !c.abilityLevels.includes(e.abilityLevel))) return false;
  if (c.economicStatuses && !(c.economicStatuses as string[]).includes(e.economicStatus)) return false;
  if (c.livingSituations && !(c.livingSituations as string[]).includes(e.livingSituation)) return false;
  if (c.hukouTypes && !(c.hukouTypes as string[]).includes(e.hukouType)) return false;
  if (c.tagsAny && !c.tagsAny.some((t) => e.tags.includes(t))) return false;
  if (c.specialDifficulty) {
    const special =
      SPECIAL_ECONOMIC.includes(e.economicStatus) || SPECIAL_LIVING.includes(e.livingSituation) || (e.abilityLevel ?? 0) >= 2 || e.disabilityKind !== "none" || e.birthDate <= yearsBefore(onDate, 80);
    if (!special) return false;
  }
  return true;
}
