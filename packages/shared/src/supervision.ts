/**
 * Supervision rules that are pure computation (issue 6, C13–C15): scoring an evaluation against a rating scheme, the
 * "13710" deadlines of a rectification task, and the staffing-ratio check. Schemes, bands, ratios and day counts are
 * data — a region may define its own; the defaults are the source documents' (DOMAIN.md).
 */
import { z } from "zod";

// ── Star rating ───────────────────────────────────────────────────────────────────────────────────────────────────

export const RatingItem = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, "评分项代码为小写字母、数字或下划线"),
  name: z.string().trim().min(1).max(100),
  maxPoints: z.number().positive().max(100),
  description: z.string().trim().max(500).default(""),
});
export const RatingSection = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, "板块代码为小写字母、数字或下划线"),
  name: z.string().trim().min(1).max(50),
  /** Share of the total score (the weights of a scheme add up to 100). */
  weight: z.number().positive().max(100),
  /** Percentage of the section's points below which the facility gets no star, whatever its total. */
  minimumPercent: z.number().min(0).max(100).default(0),
  items: z.array(RatingItem).min(1).max(100),
});
export const RatingBand = z.object({ minScore: z.number().min(0).max(100), stars: z.number().int().min(1).max(5) });
export const RatingSchemeInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    sections: z.array(RatingSection).min(1).max(20),
    /** Highest band first or not: the best band whose minimum the score reaches. */
    bands: z.array(RatingBand).min(1).max(10),
    /** A total below this is unqualified (rectify by a deadline or lose the right to serve). */
    unqualifiedBelow: z.number().min(0).max(100),
  })
  .superRefine((s, ctx) => {
    const total = s.sections.reduce((a, x) => a + x.weight, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: "custom", path: ["sections"], message: `板块权重之和应为 100（现为 ${total}）` });
    const keys = s.sections.flatMap((x) => x.items.map((i) => i.key));
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["sections"], message: `评分项代码重复：${dup}` });
  });
export type RatingScheme = z.output<typeof RatingSchemeInput>;

/** The source document's scheme (Jiulongpo): premises and facilities, operations management, service supply. Weights are ours (configurable). */
export const DEFAULT_RATING_SCHEME: z.input<typeof RatingSchemeInput> = {
  name: "社区养老服务设施社会化运营绩效星级评定（九龙坡）",
  sections: [
    {
      key: "premises",
      name: "场地设施",
      weight: 30,
      minimumPercent: 60,
      items: [
        { key: "area", name: "场地面积与功能分区", maxPoints: 10, description: "面积达标，休息、助餐、康复、活动等功能区齐全" },
        { key: "barrier_free", name: "无障碍与适老化", maxPoints: 8, description: "出入口坡道、扶手、防滑，卫生间适老化" },
        { key: "fire_safety", name: "消防与安全设施", maxPoints: 7, description: "消防设施完好、通道畅通、应急照明、紧急呼叫" },
        { key: "equipment", name: "设备与视频监控", maxPoints: 5, description: "康复、助浴设备可用，视频监控接入平台" },
      ],
    },
    {
      key: "operations",
      name: "运营管理",
      weight: 30,
      minimumPercent: 60,
      items: [
        { key: "rules", name: "制度与台账", maxPoints: 8, description: "管理制度上墙，服务台账、安全台账完整" },
        { key: "staffing", name: "人员配备与持证", maxPoints: 8, description: "护理员配比达标，持证上岗，健康证在有效期" },
        { key: "finance", name: "财务与补贴资金", maxPoints: 7, description: "收支清楚，补贴资金专款专用" },
        { key: "food_safety", name: "食品安全", maxPoints: 7, description: "明厨亮灶，留样，从业人员健康证" },
      ],
    },
    {
      key: "service",
      name: "服务供给",
      weight: 40,
      minimumPercent: 60,
      items: [
        { key: "coverage", name: "服务项目与覆盖", maxPoints: 12, description: "助餐、助洁、助医等项目开展情况，服务人次" },
        { key: "home_service", name: "上门服务", maxPoints: 10, description: "辐射周边社区的居家上门服务" },
        { key: "activities", name: "文化活动与精神慰藉", maxPoints: 8, description: "定期活动、探访关爱" },
        { key: "satisfaction", name: "服务满意度", maxPoints: 10, description: "抽样回访满意度、投诉处理" },
      ],
    },
  ],
  bands: [
    { minScore: 90, stars: 5 },
    { minScore: 80, stars: 4 },
    { minScore: 70, stars: 3 },
  ],
  unqualifiedBelow: 60,
};

export interface EvaluationResult {
  /** 0–100, two decimals. */
  score: number;
  stars: number;
  unqualified: boolean;
  sections: { key: string; name: string; points: number; maxPoints: number; percent: number; weighted: number; belowMinimum: boolean }[];
  /** Items without a score (an evaluation is complete only without any). */
  missing: string[];
  /** Items scored above their maximum or below zero, or not in the scheme. */
  invalid: { key: string; message: string }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores an evaluation: each section's points as a percentage of its maximum, weighted into a total of 0–100 (two
 * decimals, so that exactly 90 is 90); the stars of the best band the total reaches — none if any section falls below its
 * minimum; unqualified below the scheme's line.
 */
export function scoreEvaluation(scheme: RatingScheme, scores: Record<string, number>): EvaluationResult {
  const known = new Set(scheme.sections.flatMap((s) => s.items.map((i) => i.key)));
  const invalid: EvaluationResult["invalid"] = Object.keys(scores)
    .filter((k) => !known.has(k))
    .map((key) => ({ key, message: "不是本方案的评分项" }));
  const missing: string[] = [];
  const sections = scheme.sections.map((s) => {
    let points = 0;
    let max = 0;
    for (const i of s.items) {
      max += i.maxPoints;
      const v = scores[i.key];
      if (v === undefined || v === null) {
        missing.push(i.key);
        continue;
      }
      if (!Number.isFinite(v) || v < 0 || v > i.maxPoints) {
        invalid.push({ key: i.key, message: `应在 0 到 ${i.maxPoints} 分之间` });
        continue;
      }
      points += v;
    }
    const percent = round2((points / max) * 100);
    return { key: s.key, name: s.name, points: round2(points), maxPoints: max, percent, weighted: round2((points / max) * s.weight), belowMinimum: percent < s.minimumPercent };
  });
  const total = round2(scheme.sections.reduce((a, s, i) => a + (sections[i]!.points / sections[i]!.maxPoints) * s.weight, 0));
  const band = [...scheme.bands].sort((a, b) => b.minScore - a.minScore).find((b) => total >= b.minScore);
  const stars = sections.some((s) => s.belowMinimum) ? 0 : (band?.stars ?? 0);
  return { score: total, stars, unqualified: total < scheme.unqualifiedBelow, sections, missing, invalid };
}

// ── Rectification under "13710" ───────────────────────────────────────────────────────────────────────────────────

export const FINDING_SEVERITIES = ["ordinary", "major"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface RectificationRule {
  /** Feedback within this many days (3). */
  feedbackDays: number;
  /** An ordinary finding solved within this many days (7). */
  ordinaryDays: number;
  /** A major finding solved within this many months (1). */
  majorMonths: number;
  /** "calendar" days, or "working" days (Monday–Friday, less the listed holidays). */
  dayKind: "calendar" | "working";
  holidays: readonly string[];
}
export const RULE_13710: RectificationRule = { feedbackDays: 3, ordinaryDays: 7, majorMonths: 1, dayKind: "calendar", holidays: [] };

/** A Beijing calendar date (YYYY-MM-DD) plus n days: calendar days, or working days skipping weekends and holidays. */
export function addDays(date: string, n: number, kind: RectificationRule["dayKind"] = "calendar", holidays: readonly string[] = []): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (kind === "calendar") {
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && !holidays.includes(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** A date plus n months, clamped to the month's end (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export interface RectificationDeadlines {
  /** "1": acted on the same day. */
  acknowledgeBy: string;
  /** "3": feedback within 3 days. */
  feedbackBy: string;
  /** "7" or "1": solved within 7 days (ordinary) or a month (major). */
  resolveBy: string;
}

/** The "13710" deadlines of a finding made on a (Beijing) date; each is the last day allowed, inclusive. */
export function rectificationDeadlines(foundOn: string, severity: FindingSeverity, rule: RectificationRule = RULE_13710): RectificationDeadlines {
  return {
    acknowledgeBy: foundOn,
    feedbackBy: addDays(foundOn, rule.feedbackDays, rule.dayKind, rule.holidays),
    resolveBy: severity === "major" ? addMonths(foundOn, rule.majorMonths) : addDays(foundOn, rule.ordinaryDays, rule.dayKind, rule.holidays),
  };
}

export type RectificationStage = "acknowledge" | "feedback" | "resolve";

/** Which deadlines a task has missed on a (Beijing) date, given what it has done: the board's overdue flags. */
export function overdueStages(d: RectificationDeadlines, done: { acknowledgedOn?: string | null; feedbackOn?: string | null; resolvedOn?: string | null }, today: string): RectificationStage[] {
  const late = (by: string, on?: string | null) => (on ? on > by : today > by);
  const out: RectificationStage[] = [];
  if (late(d.acknowledgeBy, done.acknowledgedOn)) out.push("acknowledge");
  if (late(d.feedbackBy, done.feedbackOn)) out.push("feedback");
  if (late(d.resolveBy, done.resolvedOn)) out.push("resolve");
  return out;
}

// ── Staffing ratios ───────────────────────────────────────────────────────────────────────────────────────────────

/** Residents one caregiver may look after, by ability (DOMAIN.md: 1:3 disabled, 1:5 semi-disabled, 1:10 self-care). */
export interface StaffingRatios {
  disabled: number;
  semiDisabled: number;
  selfCare: number;
}
export const DEFAULT_STAFFING_RATIOS: StaffingRatios = { disabled: 3, semiDisabled: 5, selfCare: 10 };

/**
 * Caregivers an institution needs for its residents — each resident needs 1/3, 1/5 or 1/10 of a caregiver by ability,
 * summed and rounded up (a caregiver's time can be shared across groups) — and how many it lacks.
 */
export function staffingShortfall(residents: { disabled: number; semiDisabled: number; selfCare: number }, caregivers: number, ratios: StaffingRatios = DEFAULT_STAFFING_RATIOS): { required: number; caregivers: number; shortfall: number } {
  // in integer arithmetic over the common denominator, so that 3 disabled residents need exactly 1
  const den = ratios.disabled * ratios.semiDisabled * ratios.selfCare;
  const num = residents.disabled * (den / ratios.disabled) + residents.semiDisabled * (den / ratios.semiDisabled) + residents.selfCare * (den / ratios.selfCare);
  const required = Math.ceil(num / den);
  return { required, caregivers, shortfall: Math.max(0, required - caregivers) };
}
