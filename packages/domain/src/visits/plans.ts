import { type Db, regionRules, regions, selectRows, type Tx, users, visitPlans, volunteers } from "@carecircle/db";
import { DEFAULT_VISIT_RULES, SetVisitRulesInput, shanghaiDate, type VisitRule } from "@carecircle/shared";
import { and, eq, lte, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission, scopedRegion } from "../core/permissions.ts";

/** Days past due before a visit escalates to the community, and to the street. */
export const ESCALATE_COMMUNITY_DAYS = 3;
export const ESCALATE_STREET_DAYS = 7;

/** A region's visit rules: the set of the nearest region (the longest prefix) that has one applies to an elder. */
export interface VisitRuleSet {
  /** The region code the set was configured for ("" : the platform default). */
  prefix: string;
  rules: readonly VisitRule[];
}

/**
 * Every region's visit rules in force today (the latest version of each region's `visits.rules`), with the platform
 * default under the empty prefix. The table holds a row per configured region and version: read whole.
 */
export async function visitRuleSets(db: Db | Tx, today = shanghaiDate()): Promise<VisitRuleSet[]> {
  const rows = await db
    .select({ regionCode: regionRules.regionCode, value: regionRules.value, effectiveFrom: regionRules.effectiveFrom })
    .from(regionRules)
    .where(and(eq(regionRules.key, "visits.rules"), lte(regionRules.effectiveFrom, today)));
  const latest = new Map<string, { value: unknown; effectiveFrom: string }>();
  for (const r of rows) if ((latest.get(r.regionCode)?.effectiveFrom ?? "") <= r.effectiveFrom) latest.set(r.regionCode, r);
  return [{ prefix: "", rules: DEFAULT_VISIT_RULES }, ...[...latest].map(([prefix, r]) => ({ prefix, rules: r.value as VisitRule[] }))];
}

/** The set that applies to one region: the nearest configured ancestor's, else the default. */
export function ruleSetFor(sets: readonly VisitRuleSet[], regionCode: string): VisitRuleSet {
  return sets.filter((s) => regionCode.startsWith(s.prefix)).reduce((a, b) => (b.prefix.length > a.prefix.length ? b : a));
}

/** The rules as a VALUES list the plan statement joins against: the same data visitPlanFor reads, each row with its set's prefix. */
function rulesValues(sets: readonly VisitRuleSet[]): SQL {
  const rows = sets.flatMap((set) =>
    set.rules.map(
      (r, i) =>
        sql`(${set.prefix}::text, ${r.key}, ${r.label}, ${r.livingIn ? sql`${sql.param(r.livingIn)}::text[]` : sql`NULL::text[]`}, ${r.minAge ?? null}::int, ${r.minAbilityLevel ?? null}::int, ${r.minRecentAlarms ?? null}::int, ${r.minHospitalStays ?? null}::int, ${r.everyDays}::int, ${r.kind}, ${i}::int)`,
    ),
  );
  // a region configured with no rules at all plans nobody: a row that no elder meets keeps the VALUES list valid
  if (rows.length === 0) rows.push(sql`(''::text, '', '', NULL::text[], NULL::int, NULL::int, NULL::int, NULL::int, 1, 'home', 0) LIMIT 0`);
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS r(prefix, key, label, living, min_age, min_level, min_alarms, min_hosp, every_days, kind, ord)`;
}

/** Which set's rules an elder meets: the longest configured prefix of their region (the nearest region's rules win). */
function setOf(sets: readonly VisitRuleSet[]): SQL | null {
  const own = sets.filter((s) => s.prefix !== "").sort((a, b) => b.prefix.length - a.prefix.length);
  if (own.length === 0) return null;
  return sql`CASE ${sql.join(
    own.map((s) => sql`WHEN e.region_code LIKE ${`${s.prefix}%`} THEN ${s.prefix}`),
    sql` `,
  )} ELSE '' END`;
}

/**
 * Generates (or brings up to date) the visit plans of a region's active elders, or of some elders, in ONE statement:
 * every risk rule each elder meets (the rules of the elder's nearest region that has its own, else the platform's) (living situation, age, ability level, alarms in the last 30 days, alarms that sent
 * them to hospital in the last 90), the most frequent setting the plan (a home visit over a call); a community worker
 * of the elder's community assigned by a stable spread (an assignee set by hand is kept); a plan made riskier pulls
 * its next visit earlier; plans of elders no longer at risk, or no longer active, are ended. Answers how many plans
 * stand and how many were ended.
 */
export async function generateVisitPlans(db: Db | Tx, scope: { regionCode: string } | { elderIds: string[] }, given?: readonly VisitRuleSet[]): Promise<{ plans: number; ended: number }> {
  const today = shanghaiDate();
  const sets = given ?? (await visitRuleSets(db, today));
  const set = setOf(sets);
  const where = "elderIds" in scope ? sql`e.id = ANY(${sql.param(scope.elderIds)}::uuid[])` : sql`e.region_code LIKE ${`${scope.regionCode}%`}`;
  const planScope = "elderIds" in scope ? sql`p.elder_id = ANY(${sql.param(scope.elderIds)}::uuid[])` : sql`p.region_code LIKE ${`${scope.regionCode}%`}`;
  const [r] = await selectRows<{ plans: string; ended: string }>(
    db,
    sql`WITH
      al AS (SELECT a.elder_id,
                    count(*) FILTER (WHERE a.raised_at >= now() - interval '30 days') AS a30,
                    count(*) FILTER (WHERE a.outcome = 'sent_to_hospital') AS h90
             FROM alarms a JOIN elders e ON e.id = a.elder_id
             WHERE a.raised_at >= now() - interval '90 days' AND ${where} GROUP BY a.elder_id),
      cw AS (SELECT id, region_code, row_number() OVER (PARTITION BY region_code ORDER BY id) - 1 AS i, count(*) OVER (PARTITION BY region_code) AS n
             FROM users WHERE role = 'community_worker' AND NOT disabled),
      met AS (SELECT e.id, e.region_code, r.key, r.label, r.every_days, r.kind, r.ord
              FROM ${set ? sql`(SELECT e.*, ${set} AS set_prefix FROM elders e WHERE e.status = 'active' AND ${where} OFFSET 0) e` : sql`elders e`} LEFT JOIN al ON al.elder_id = e.id
              JOIN ${rulesValues(set ? sets : sets.filter((x) => x.prefix === ""))}
                ON ${set ? sql`r.prefix = e.set_prefix` : sql`true`}
               AND (r.living IS NULL OR e.living_situation = ANY(r.living))
               AND (r.min_age IS NULL OR date_part('year', age(${today}::date, e.birth_date)) >= r.min_age)
               AND (r.min_level IS NULL OR COALESCE(e.ability_level, 0) >= r.min_level)
               AND (r.min_alarms IS NULL OR COALESCE(al.a30, 0) >= r.min_alarms)
               AND (r.min_hosp IS NULL OR COALESCE(al.h90, 0) >= r.min_hosp)
              WHERE e.status = 'active' AND ${where}),
      best AS (SELECT id, region_code,
                      (array_agg(every_days ORDER BY every_days, kind <> 'home', ord))[1] AS every_days,
                      (array_agg(kind ORDER BY every_days, kind <> 'home', ord))[1] AS kind,
                      array_agg(label ORDER BY every_days, kind <> 'home', ord) AS reasons,
                      array_agg(key ORDER BY every_days, kind <> 'home', ord) AS keys
               FROM met GROUP BY id, region_code),
      up AS (INSERT INTO visit_plans AS p (elder_id, region_code, every_days, kind, reasons, rule_keys, assignee_user_id, next_due, updated_at)
             SELECT b.id, b.region_code, b.every_days, b.kind, b.reasons, b.keys, cw.id, ${today}::date, now()
             FROM best b LEFT JOIN cw ON cw.region_code = b.region_code AND cw.i = abs(hashtext(b.id::text)::bigint) % cw.n
             -- only what is new or changed reaches the upsert: a regeneration with nothing changed writes nothing
             LEFT JOIN visit_plans q ON q.elder_id = b.id
             WHERE q.elder_id IS NULL OR (q.every_days, q.kind, q.reasons) IS DISTINCT FROM (b.every_days, b.kind, b.reasons) OR (q.assignee_user_id IS NULL AND q.assignee_volunteer_id IS NULL)
             ON CONFLICT (elder_id) DO UPDATE SET
               region_code = EXCLUDED.region_code, every_days = EXCLUDED.every_days, kind = EXCLUDED.kind, reasons = EXCLUDED.reasons, rule_keys = EXCLUDED.rule_keys,
               assignee_user_id = CASE WHEN p.assignee_volunteer_id IS NULL THEN COALESCE(p.assignee_user_id, EXCLUDED.assignee_user_id) END,
               next_due = LEAST(p.next_due, COALESCE(p.last_done_on + EXCLUDED.every_days, EXCLUDED.next_due)),
               updated_at = now()
             RETURNING 1),
      gone AS (DELETE FROM visit_plans p WHERE ${planScope} AND NOT EXISTS (SELECT 1 FROM best b WHERE b.id = p.elder_id) RETURNING 1)
    SELECT (SELECT count(*) FROM best) AS plans, (SELECT count(*) FROM gone) AS ended`,
  );
  return { plans: Number(r!.plans), ended: Number(r!.ended) };
}

/** The bureau (or a street, a community) regenerates its region's plans: after changing the rules, or every night. */
export async function regenerateVisitPlans({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  requirePermission(ctx.actor, "elder:write");
  const region = regionCode ?? ctx.actor.regionCode;
  if (!region.startsWith(ctx.actor.regionCode)) throw new ValidationError("只能生成本辖区的探访计划", [{ path: "regionCode", message: "不在您的辖区" }]);
  return withTransaction(ctx, async (tx) => {
    const out = await generateVisitPlans(tx, { regionCode: region });
    await recordAudit(tx, ctx, { action: "visit_plans.generate", targetType: "region", targetId: region, regionCode: region, detail: out });
    return out;
  });
}

/** The visit rules in force for a region (its own, else its nearest configured ancestor's, else the platform's), and any scheduled. */
export async function getVisitRules({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  requirePermission(ctx.actor, "elder:read");
  const region = scopedRegion(ctx.actor, regionCode);
  const today = shanghaiDate();
  const set = ruleSetFor(await visitRuleSets(ctx.database.db, today), region);
  // later versions that will reach this region: its own, or those of the region its rules come from or one nearer
  const scheduled = await ctx.database.db
    .select({ regionCode: regionRules.regionCode, effectiveFrom: regionRules.effectiveFrom, rules: regionRules.value, name: regions.name })
    .from(regionRules)
    .leftJoin(regions, eq(regions.code, regionRules.regionCode))
    .where(
      and(
        eq(regionRules.key, "visits.rules"),
        sql`${region} LIKE ${regionRules.regionCode} || '%'`,
        sql`length(${regionRules.regionCode}) >= ${set.prefix.length}`,
        sql`${regionRules.effectiveFrom} > ${today}::date`,
      ),
    )
    .orderBy(regionRules.effectiveFrom, sql`length(${regionRules.regionCode})`);
  // the name of the region the rules come from (an ancestor's name is no secret, though the actor cannot list it)
  const [source] = set.prefix === "" ? [] : await ctx.database.db.select({ name: regions.name }).from(regions).where(eq(regions.code, set.prefix));
  return {
    regionCode: region,
    from: set.prefix === "" ? null : set.prefix,
    fromName: source?.name ?? null,
    rules: set.rules,
    scheduled: scheduled.map((s) => ({ effectiveFrom: s.effectiveFrom, rules: s.rules as VisitRule[], regionCode: s.regionCode, regionName: s.name })),
  };
}

/**
 * The bureau (or a street) sets its region's visit rules from a day: a new version (the earlier ones stay on record).
 * Rules in force today regenerate the region's plans in the same transaction, so no elder is left on the old rules.
 */
export async function setVisitRules({ ctx, input }: { ctx: Ctx; input: SetVisitRulesInput }) {
  requirePermission(ctx.actor, "elder:write");
  const v = SetVisitRulesInput.parse(input);
  if (ctx.actor.regionCode.length > 9) throw new ForbiddenError("探访规则由区民政局或街道设定");
  const region = scopedRegion(ctx.actor, v.regionCode);
  const today = shanghaiDate();
  const from = v.effectiveFrom ?? today;
  if (from < today) throw new ValidationError("生效日期不能早于今天", [{ path: "effectiveFrom", message: "生效日期不能早于今天" }]);
  return withTransaction(ctx, async (tx) => {
    const [known] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, region));
    if (!known) throw new ValidationError("区划不存在", [{ path: "regionCode", message: "区划不存在" }]);
    await tx
      .insert(regionRules)
      .values({ regionCode: region, key: "visits.rules", value: v.rules, effectiveFrom: from })
      .onConflictDoUpdate({ target: [regionRules.regionCode, regionRules.key, regionRules.effectiveFrom], set: { value: v.rules, createdAt: new Date() } });
    const plans = from === today ? await generateVisitPlans(tx, { regionCode: region }) : null;
    await recordAudit(tx, ctx, { action: "visit_rules.set", targetType: "region", targetId: region, regionCode: region, detail: { effectiveFrom: from, rules: v.rules.map((r) => r.key), plans } });
    return { regionCode: region, effectiveFrom: from, rules: v.rules, plans };
  });
}

/** Keeps one elder's plan current after their record changed (living situation, ability, an alarm), in the caller's transaction. */
export async function refreshVisitPlan(db: Db | Tx, elderId: string) {
  await generateVisitPlans(db, { elderIds: [elderId] });
}

/** How late a due date is, and to whom it has escalated. */
export function escalation(nextDue: string, today = shanghaiDate()): { overdueDays: number; escalatedTo: "community" | "street" | null } {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${nextDue}T00:00:00Z`)) / 86_400_000);
  const overdueDays = Math.max(0, days);
  return { overdueDays, escalatedTo: overdueDays > ESCALATE_STREET_DAYS ? "street" : overdueDays > ESCALATE_COMMUNITY_DAYS ? "community" : null };
}

/** The region's plans (filter by kind, overdue, assignee), most overdue first. */
export async function listVisitPlans({ ctx, kind, overdue, assigneeUserId, limit = 200 }: { ctx: Ctx; kind?: "home" | "phone"; overdue?: boolean; assigneeUserId?: string; limit?: number }) {
  requirePermission(ctx.actor, "elder:read");
  const today = shanghaiDate();
  const rows = await selectRows<{ elder_id: string; name: string; address: string; region_code: string; every_days: number; kind: string; reasons: string[]; next_due: string; last_done_on: string | null; unanswered_calls: number; assignee_user_id: string | null; assignee_name: string | null; volunteer_name: string | null }>(
    ctx.database.db,
    sql`SELECT p.elder_id, e.name, e.address, p.region_code, p.every_days, p.kind, p.reasons, p.next_due::text AS next_due, p.last_done_on::text AS last_done_on, p.unanswered_calls,
               p.assignee_user_id, u.display_name AS assignee_name, v.name AS volunteer_name
        FROM visit_plans p JOIN elders e ON e.id = p.elder_id LEFT JOIN users u ON u.id = p.assignee_user_id LEFT JOIN volunteers v ON v.id = p.assignee_volunteer_id
        WHERE p.region_code LIKE ${`${ctx.actor.regionCode}%`}
          ${kind ? sql`AND p.kind = ${kind}` : sql``} ${overdue ? sql`AND p.next_due < ${today}::date` : sql``}
          ${assigneeUserId && isUuid(assigneeUserId) ? sql`AND p.assignee_user_id = ${assigneeUserId}::uuid` : sql``}
        ORDER BY p.next_due, p.elder_id LIMIT ${limit}`,
  );
  return {
    items: rows.map((r) => ({
      elderId: r.elder_id,
      elderName: r.name,
      address: r.address,
      regionCode: r.region_code,
      everyDays: Number(r.every_days),
      kind: r.kind,
      reasons: r.reasons,
      nextDue: r.next_due,
      lastDoneOn: r.last_done_on,
      unansweredCalls: Number(r.unanswered_calls),
      assigneeUserId: r.assignee_user_id,
      assigneeName: r.assignee_name ?? r.volunteer_name,
      ...escalation(r.next_due, today),
    })),
  };
}

/** Gives a plan to a community worker or a verified volunteer of the elder's area. */
export async function assignVisitPlan({ ctx, elderId, input }: { ctx: Ctx; elderId: string; input: { userId?: string; volunteerId?: string } }) {
  requirePermission(ctx.actor, "elder:write");
  if (!isUuid(elderId)) throw new NotFoundError("探访计划不存在");
  if (!!input.userId === !!input.volunteerId) throw new ValidationError("请选择一名社区工作人员或一名志愿者", [{ path: "userId", message: "请选择一名社区工作人员或一名志愿者" }]);
  return withTransaction(ctx, async (tx) => {
    const [p] = await tx.select().from(visitPlans).where(eq(visitPlans.elderId, elderId)).for("update");
    if (!p || !p.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("探访计划不存在");
    const street = p.regionCode.slice(0, 9);
    if (input.userId) {
      const [u] = await tx.select().from(users).where(and(eq(users.id, input.userId), eq(users.role, "community_worker")));
      if (!u || !u.regionCode.startsWith(street)) throw new ValidationError("社区工作人员不存在或不在本街道", [{ path: "userId", message: "社区工作人员不存在或不在本街道" }]);
    } else {
      const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, input.volunteerId!));
      if (!v || v.status !== "verified" || !v.regionCode.startsWith(street)) throw new ValidationError("志愿者不存在、未审核或不在本街道", [{ path: "volunteerId", message: "志愿者不存在、未审核或不在本街道" }]);
    }
    await tx.update(visitPlans).set({ assigneeUserId: input.userId ?? null, assigneeVolunteerId: input.volunteerId ?? null, updatedAt: new Date() }).where(eq(visitPlans.elderId, elderId));
    await recordAudit(tx, ctx, { action: "visit_plan.assign", targetType: "elder", targetId: elderId, regionCode: p.regionCode, detail: input });
    return { elderId, ...input };
  });
}


