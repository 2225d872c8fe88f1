import { regionRules, regions } from "@carecircle/db";
import { EDUCATION_LEVELS, shanghaiDate } from "@carecircle/shared";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ValidationError } from "../core/errors.ts";
import { requirePermission, scopedRegion } from "../core/permissions.ts";
import { RULE_DEFAULTS, type RuleKey } from "./rules.ts";

/** What a rule's value may be: a number within bounds (in steps), or a list drawn from options. */
export type RuleLimit = { kind: "number"; min: number; max: number; step: number; choices?: readonly number[] } | { kind: "list"; options: readonly string[] };

const num = (min: number, max: number, step = 1): RuleLimit => ({ kind: "number", min, max, step });
const oneOf = (...choices: number[]): RuleLimit => ({ kind: "number", min: Math.min(...choices), max: Math.max(...choices), step: 1, choices });
const FEN_YEAR = num(0, 100_000_000, 100);

/** The bounds of every rule a region may set: wide enough for any real policy, narrow enough to refuse a typo. */
export const RULE_LIMITS: Record<RuleKey, RuleLimit> = {
  "elders.minAge": num(50, 80),
  "assessments.reassessMonths": num(1, 60),
  "dispatch.circleMinutesUrban": num(5, 60),
  "dispatch.circleMinutesRural": num(5, 120),
  "dispatch.speedKmhUrban": num(3, 60),
  "dispatch.speedKmhRural": num(3, 100),
  "orders.acceptMinutes": num(1, 240),
  "orders.earlyCheckInMinutes": num(0, 240),
  "orders.geofenceMeters": num(50, 2000, 10),
  "orders.maxTravelKmh": num(10, 200),
  "orders.returnVisitRate": num(0, 1, 0.01),
  "rectification.feedbackDays": num(1, 30),
  "rectification.ordinaryDays": num(1, 90),
  "rectification.majorMonths": num(1, 12),
  "rectification.workingDays": oneOf(0, 1),
  "ratings.rewardFenStar1": FEN_YEAR,
  "ratings.rewardFenStar2": FEN_YEAR,
  "ratings.rewardFenStar3": FEN_YEAR,
  "ratings.rewardFenStar4": FEN_YEAR,
  "ratings.rewardFenStar5": FEN_YEAR,
  "timebank.granularityMinutes": oneOf(15, 30, 60),
  "timebank.capMinutes": num(0, 600_000, 30),
  "timebank.dailyMaxMinutes": num(0, 1440, 30),
  "timebank.volunteerMinAge": num(14, 70),
  "timebank.redeemMinAge": num(50, 100),
  "timebank.redeemMinAbilityLevel": num(0, 4),
  "timebank.providerServices": oneOf(0, 1),
  "timebank.expiryMonths": num(0, 240),
  "timebank.scopeDigits": oneOf(4, 6),
  "planning.bedsPer1000Elders": num(0, 200),
  "planning.nursingBedShare": num(0, 1, 0.01),
  "planning.centersPerStreet": num(0, 10),
  "planning.stationsPerCommunity": num(0, 10),
  "planning.areaM2Per100Households": num(0, 200),
  "workforce.bonusYearsAfterGraduation": num(0, 10),
  "workforce.bonusEducations": { kind: "list", options: EDUCATION_LEVELS },
  "staffing.disabled": num(1, 20),
  "staffing.semiDisabled": num(1, 30),
  "staffing.selfCare": num(1, 50),
};

const RULE_KEYS = Object.keys(RULE_DEFAULTS) as RuleKey[];

export const SetRegionRuleInput = z
  .object({
    /** The region the value is for (default: the actor's own). */
    regionCode: z.string().regex(/^\d{2,12}$/, "区划代码应为2–12位数字").optional(),
    key: z.enum(RULE_KEYS as [RuleKey, ...RuleKey[]], { error: "没有这项规则" }),
    value: z.union([z.number({ error: "请填写数值" }), z.array(z.string())], { error: "请填写数值" }),
    /** From this day (default: today); a later date schedules the change. */
    effectiveFrom: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }).optional(),
  })
  .strict();

/** Why a value is refused for a rule (in Chinese), or null when it may be set. */
export function ruleValueProblem(key: RuleKey, value: unknown): string | null {
  const limit = RULE_LIMITS[key];
  if (limit.kind === "list") {
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || !limit.options.includes(v))) return `应从以下选项中选择：${limit.options.join("、")}`;
    return null;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return "应为数值";
  if (limit.choices) return limit.choices.includes(value) ? null : `只能是 ${limit.choices.join(" 或 ")}`;
  if (value < limit.min || value > limit.max) return `应在 ${limit.min} 到 ${limit.max} 之间`;
  // steps of 0.01 and the like: compare in hundredths, so that 0.07 counts as a step of 0.01
  const steps = value / limit.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return `应为 ${limit.step} 的整数倍`;
  return null;
}

/**
 * Every rule a region runs on: the value in force today with the region it comes from (its own, an ancestor's, or
 * the platform default), the platform default, the bounds a new value must keep, and versions scheduled at this region.
 */
export async function listRegionRules({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  requirePermission(ctx.actor, "region:read");
  const region = scopedRegion(ctx.actor, regionCode);
  const today = shanghaiDate();
  const rows = await ctx.database.db
    .select({ regionCode: regionRules.regionCode, key: regionRules.key, value: regionRules.value, effectiveFrom: regionRules.effectiveFrom })
    .from(regionRules)
    .where(and(inArray(regionRules.key, RULE_KEYS), sql`${region} LIKE ${regionRules.regionCode} || '%'`));
  // ascending by depth, then by date: the last version in force is the nearest region's latest
  rows.sort((a, b) => a.regionCode.length - b.regionCode.length || a.effectiveFrom.localeCompare(b.effectiveFrom));
  const sources = [...new Set(rows.map((r) => r.regionCode))];
  const names = new Map(
    sources.length ? (await ctx.database.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, sources))).map((r) => [r.code, r.name]) : [],
  );
  return {
    regionCode: region,
    items: RULE_KEYS.map((key) => {
      const mine = rows.filter((r) => r.key === key);
      const inForce = mine.filter((r) => r.effectiveFrom <= today).at(-1);
      return {
        key,
        value: inForce ? inForce.value : RULE_DEFAULTS[key],
        from: inForce?.regionCode ?? null,
        fromName: inForce ? (names.get(inForce.regionCode) ?? null) : null,
        since: inForce?.effectiveFrom ?? null,
        defaultValue: RULE_DEFAULTS[key],
        limit: RULE_LIMITS[key],
        scheduled: mine.filter((r) => r.effectiveFrom > today && r.regionCode === region).map((r) => ({ effectiveFrom: r.effectiveFrom, value: r.value })),
      };
    }),
  };
}

/**
 * The bureau sets one rule for its region (or one below it) from a day: a new version, the earlier ones kept. A value
 * outside the rule's bounds is refused with the reason and nothing is written.
 */
export async function setRegionRule({ ctx, input }: { ctx: Ctx; input: z.input<typeof SetRegionRuleInput> }) {
  requirePermission(ctx.actor, "rules:manage");
  const v = SetRegionRuleInput.parse(input);
  const region = scopedRegion(ctx.actor, v.regionCode);
  const problem = ruleValueProblem(v.key, v.value);
  if (problem) throw new ValidationError(problem, [{ path: "value", message: problem }]);
  const today = shanghaiDate();
  const from = v.effectiveFrom ?? today;
  if (from < today) throw new ValidationError("生效日期不能早于今天", [{ path: "effectiveFrom", message: "生效日期不能早于今天" }]);
  return withTransaction(ctx, async (tx) => {
    const [known] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, region));
    if (!known) throw new ValidationError("区划不存在", [{ path: "regionCode", message: "区划不存在" }]);
    const [before] = await tx
      .select({ value: regionRules.value })
      .from(regionRules)
      .where(and(eq(regionRules.key, v.key), sql`${region} LIKE ${regionRules.regionCode} || '%'`, lte(regionRules.effectiveFrom, today)))
      .orderBy(sql`length(${regionRules.regionCode}) DESC`, sql`${regionRules.effectiveFrom} DESC`)
      .limit(1);
    await tx
      .insert(regionRules)
      .values({ regionCode: region, key: v.key, value: v.value, effectiveFrom: from })
      .onConflictDoUpdate({ target: [regionRules.regionCode, regionRules.key, regionRules.effectiveFrom], set: { value: v.value, createdAt: new Date() } });
    await recordAudit(tx, ctx, { action: "region_rule.set", targetType: "region", targetId: region, regionCode: region, detail: { key: v.key, value: v.value, before: before?.value ?? RULE_DEFAULTS[v.key], effectiveFrom: from } });
    return { regionCode: region, key: v.key, value: v.value, effectiveFrom: from };
  });
}
