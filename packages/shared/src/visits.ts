/**
 * Visit plans by risk (issue 7, C11): rules as data decide how often an elder is visited and how (a home visit or a
 * care call). Every rule an elder meets is a reason; the most frequent one sets the plan (a home visit over a call when
 * two are as frequent). The defaults follow common practice (weekly for those living alone and disabled, monthly calls
 * for empty-nest elders) and are a region's to change.
 */
import { z } from "zod";
import { type LivingSituation, LIVING_SITUATIONS } from "./enums.ts";

export const VISIT_KINDS = ["home", "phone"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VisitRule = z
  .object({
    key: z.string().regex(/^[a-z0-9_]{1,40}$/, "规则标识应为1–40位小写字母、数字或下划线"),
    label: z.string({ error: "请填写规则名称" }).trim().min(1, "请填写规则名称").max(50, "规则名称最多50字"),
    /** Any of these living situations (absent: any). */
    livingIn: z.array(z.enum(LIVING_SITUATIONS, { error: "居住状况无效" })).min(1, "至少选一种居住状况，或不限").optional(),
    minAge: z.number({ error: "年龄应为整数" }).int("年龄应为整数").min(0, "年龄不能小于0").max(150, "年龄不能大于150").optional(),
    /** GB/T 42195 level at least this (3: severely, 4: completely disabled). */
    minAbilityLevel: z.number({ error: "能力等级应为0–4" }).int("能力等级应为0–4").min(0, "能力等级应为0–4").max(4, "能力等级应为0–4").optional(),
    /** Alarms in the last 30 days at least this many. */
    minRecentAlarms: z.number({ error: "告警次数应为正整数" }).int("告警次数应为正整数").min(1, "告警次数至少为1").optional(),
    /** Hospital stays in the last 90 days at least this many. */
    minHospitalStays: z.number({ error: "住院次数应为正整数" }).int("住院次数应为正整数").min(1, "住院次数至少为1").optional(),
    everyDays: z.number({ error: "请填写探访间隔天数" }).int("间隔天数应为整数").min(1, "间隔天数应为1–366天").max(366, "间隔天数应为1–366天"),
    kind: z.enum(VISIT_KINDS, { error: "探访方式应为上门或电话" }),
  })
  .strict();
export type VisitRule = z.infer<typeof VisitRule>;

export const DEFAULT_VISIT_RULES: VisitRule[] = [
  { key: "alone_disabled", label: "独居且失能", livingIn: ["alone"], minAbilityLevel: 3, everyDays: 7, kind: "home" },
  { key: "recent_alarm", label: "近30天有告警", minRecentAlarms: 1, everyDays: 7, kind: "home" },
  { key: "recent_hospital", label: "近90天住院", minHospitalStays: 1, everyDays: 7, kind: "home" },
  { key: "alone", label: "独居", livingIn: ["alone", "lost_only_child"], everyDays: 14, kind: "home" },
  { key: "left_behind", label: "留守", livingIn: ["left_behind"], everyDays: 14, kind: "home" },
  { key: "very_old", label: "80岁以上", minAge: 80, everyDays: 14, kind: "phone" },
  { key: "disabled", label: "失能", minAbilityLevel: 3, everyDays: 14, kind: "phone" },
  { key: "empty_nest", label: "空巢", livingIn: ["empty_nest"], everyDays: 30, kind: "phone" },
];

/** A region's own visit rules (the bureau's or a street's), from a date: the plans of its elders are regenerated with them. */
export const SetVisitRulesInput = z
  .object({
    /** The region they are for (default: the actor's own). */
    regionCode: z.string().regex(/^\d{6,12}$/, "区划代码应为6–12位数字").optional(),
    rules: z
      .array(VisitRule, { error: "请给出探访规则" })
      .max(30, "规则最多30条")
      .refine((rs) => new Set(rs.map((r) => r.key)).size === rs.length, "规则的 key 不能重复"),
    /** From this day (default: today); a later date schedules the change. */
    effectiveFrom: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }).optional(),
  })
  .strict();
export type SetVisitRulesInput = z.input<typeof SetVisitRulesInput>;

export interface VisitRisk {
  age: number;
  livingSituation: LivingSituation | null;
  abilityLevel: number | null;
  recentAlarms: number;
  hospitalStays: number;
}

export interface VisitPlanDecision {
  everyDays: number;
  kind: VisitKind;
  /** The labels of every rule met, most frequent first. */
  reasons: string[];
  /** The rules' keys, in the same order. */
  ruleKeys: string[];
}

export function ruleMet(r: VisitRule, e: VisitRisk): boolean {
  return (
    (!r.livingIn || (e.livingSituation !== null && r.livingIn.includes(e.livingSituation))) &&
    (r.minAge === undefined || e.age >= r.minAge) &&
    (r.minAbilityLevel === undefined || (e.abilityLevel ?? 0) >= r.minAbilityLevel) &&
    (r.minRecentAlarms === undefined || e.recentAlarms >= r.minRecentAlarms) &&
    (r.minHospitalStays === undefined || e.hospitalStays >= r.minHospitalStays)
  );
}

/** The plan the rules give an elder, or null when none applies (no visits planned). */
export function visitPlanFor(e: VisitRisk, rules: readonly VisitRule[] = DEFAULT_VISIT_RULES): VisitPlanDecision | null {
  const met = rules.filter((r) => ruleMet(r, e)).sort((a, b) => a.everyDays - b.everyDays || Number(b.kind === "home") - Number(a.kind === "home"));
  const first = met[0];
  if (!first) return null;
  return { everyDays: first.everyDays, kind: first.kind, reasons: met.map((r) => r.label), ruleKeys: met.map((r) => r.key) };
}

// ── Recording a visit or a care call ──────────────────────────────────────────────────────────────────────────────

export const VISIT_OUTCOMES = ["visited", "no_answer"] as const;
export const FINDING_LEVELS = ["good", "fair", "poor", "concern"] as const;
export const VISIT_NEEDS = ["meal", "cleaning", "medical", "repair", "companionship", "financial", "safety"] as const;

/** What a visitor found: a short structured form. "concern" anywhere makes the visit worrying. */
export const VisitFindings = z
  .object({
    health: z.enum(FINDING_LEVELS, { error: "健康状况无效" }),
    homeSafety: z.enum(FINDING_LEVELS, { error: "居家安全无效" }),
    mood: z.enum(FINDING_LEVELS, { error: "精神状态无效" }),
    needs: z.array(z.enum(VISIT_NEEDS)).max(VISIT_NEEDS.length).default([]),
    notes: z.string().trim().max(1000).optional(),
  })
  .strict();

export const VisitInput = z
  .object({
    elderId: z.uuid({ error: "老人编号无效" }),
    kind: z.enum(VISIT_KINDS, { error: "应为 home 或 phone" }),
    outcome: z.enum(VISIT_OUTCOMES, { error: "应为 visited 或 no_answer" }),
    /** A home visit's check-in position (the phone's GPS, WGS-84 unless said). */
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    findings: VisitFindings.optional(),
    /** JPEG/PNG data URLs, up to three of about 600 KB. */
    photos: z.array(z.string().regex(/^data:image\/(jpeg|png);base64,/, "照片应为 JPEG 或 PNG").max(820_000, "照片过大")).max(3).default([]),
    /** Follow-ups a worrying finding calls for. */
    followUp: z
      .object({
        /** An alarm-center task: the call centre calls or sends someone. */
        alarmTask: z.boolean().default(false),
        /** A referral (to the community health centre, the street, a social worker), in words. */
        referral: z.string().trim().min(1).max(200).optional(),
        /** A service order for the elder under this product (the ordering capability's rules apply). */
        serviceProductId: z.uuid().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === "visited" && !v.findings) ctx.addIssue({ code: "custom", path: ["findings"], message: "请填写探访所见" });
    if (v.kind === "home" && v.outcome === "visited" && (v.lat === undefined || v.lng === undefined)) ctx.addIssue({ code: "custom", path: ["lat"], message: "上门探访须签到定位" });
  });

/** Whether what was found calls for someone to act. */
export function isWorrying(f: z.infer<typeof VisitFindings> | undefined): boolean {
  return !!f && (f.health === "concern" || f.homeSafety === "concern" || f.mood === "concern");
}
