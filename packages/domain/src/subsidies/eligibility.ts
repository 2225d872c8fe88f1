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
