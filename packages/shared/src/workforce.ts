/**
 * The workforce (C15): caregivers and staff of facilities and providers, their certificates, trainings, the
 * employment-bonus rule, and certificate expiry. Pure: the domain stores, these decide.
 */
import { z } from "zod";

/** caregiver 护理员 · nurse 护士 · social_worker 社工 · manager 管理人员 · cook 厨师 · other */
export const STAFF_POSTS = ["caregiver", "nurse", "social_worker", "manager", "cook", "other"] as const;
export type StaffPost = (typeof STAFF_POSTS)[number];
/** caregiver 养老护理员职业技能等级证书 · health 健康证 · nurse 护士执业证书 · other */
export const STAFF_CERT_KINDS = ["caregiver", "health", "nurse", "other"] as const;
export type StaffCertKind = (typeof STAFF_CERT_KINDS)[number];
/** Highest education, lowest first. */
export const EDUCATION_LEVELS = ["primary", "junior_high", "high_school", "vocational", "junior_college", "bachelor", "master", "doctor"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
/** The degrees a graduate's employment bonus (入职奖补) is paid for by default: secondary vocational and up. */
export const DEFAULT_BONUS_EDUCATIONS: readonly EducationLevel[] = ["vocational", "junior_college", "bachelor", "master", "doctor"];

const isoDate = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });

export const StaffCertificate = z
  .object({
    kind: z.enum(STAFF_CERT_KINDS, { error: "证书类别应为 护理员、健康证、护士 或 其他" }),
    /** Caregiver skill level: 5 初级 · 4 中级 · 3 高级 · 2 技师 · 1 高级技师. */
    level: z.number().int().min(1, "等级应为1–5").max(5, "等级应为1–5").nullable().optional(),
    number: z.string().trim().min(1, "证书编号不能为空").max(50),
    validTo: isoDate,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === "caregiver" && c.level == null) ctx.addIssue({ code: "custom", path: ["level"], message: "护理员证书须填写等级（5 初级 至 1 高级技师）" });
  });
export type StaffCertificate = z.infer<typeof StaffCertificate>;

export const CreateStaffInput = z
  .object({
    name: z.string().trim().min(1, "姓名不能为空").max(50, "姓名不能超过50个字"),
    idNumber: z.string().trim().min(1, "身份证号不能为空").max(30),
    /** The employer: a facility, or a provider (at least one). */
    facilityId: z.uuid({ error: "所属设施无效" }).nullable().optional(),
    providerId: z.uuid({ error: "所属服务商无效" }).nullable().optional(),
    post: z.enum(STAFF_POSTS, { error: "岗位无效" }),
    certificates: z.array(StaffCertificate).max(20).default([]),
    education: z.enum(EDUCATION_LEVELS, { error: "学历无效" }).nullable().optional(),
    graduatedOn: isoDate.nullable().optional(),
    hiredOn: isoDate.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.facilityId && !v.providerId) ctx.addIssue({ code: "custom", path: ["facilityId"], message: "请选择所属设施或服务商" });
  });
export type CreateStaffInput = z.input<typeof CreateStaffInput>;

/** Changes to a staff member: renewed certificates (the list replaces the old one), post, education, leaving (active false). */
export const UpdateStaffInput = z
  .object({
    post: z.enum(STAFF_POSTS, { error: "岗位无效" }),
    certificates: z.array(StaffCertificate).max(20),
    education: z.enum(EDUCATION_LEVELS, { error: "学历无效" }).nullable(),
    graduatedOn: isoDate.nullable(),
    hiredOn: isoDate.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateStaffInput = z.input<typeof UpdateStaffInput>;

export const TrainingInput = z
  .object({
    course: z.string().trim().min(1, "课程名称不能为空").max(100),
    hours: z.number({ error: "学时应为数字" }).int("学时应为整数").min(1, "学时至少为1").max(1000, "学时过大"),
    result: z.enum(["pass", "fail"], { error: "结果应为 合格 或 不合格" }),
    trainedOn: isoDate,
  })
  .strict();
export type TrainingInput = z.infer<typeof TrainingInput>;

export type CertificateState = "valid" | "expiring" | "expired";

/**
 * A certificate's state on `today`: expired after its last valid day, expiring within `days`.
 * @example certificateState("2026-01-10", "2026-01-01", 30) // "expiring"
 */
export function certificateState(validTo: string, today: string, days: number): CertificateState {
  if (validTo < today) return "expired";
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return validTo <= limit ? "expiring" : "valid";
}

export interface BonusEligibility {
  eligible: boolean;
  /** The last day of the window, when a graduation date is known. */
  until: string | null;
  reason: "eligible" | "no_graduation" | "education" | "expired";
}

/**
 * Employment bonus (入职奖补) for graduates: eligible within `years` of graduating with one of `educations`.
 * @example bonusEligibility({ education: "bachelor", graduatedOn: "2024-06-30" }, "2026-01-01", { years: 3, educations: ["bachelor"] }) // { eligible: true, until: "2027-06-30", … }
 */
export function bonusEligibility(s: { education: string | null; graduatedOn: string | null }, today: string, rule: { years: number; educations: readonly string[] }): BonusEligibility {
  if (!s.graduatedOn) return { eligible: false, until: null, reason: "no_graduation" };
  const [y, m, d] = s.graduatedOn.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + rule.years, m - 1, d));
  // 29 February plus whole years lands on 1 March: the window ends on 28 February
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  const until = end.toISOString().slice(0, 10);
  if (!s.education || !rule.educations.includes(s.education)) return { eligible: false, until, reason: "education" };
  if (today > until) return { eligible: false, until, reason: "expired" };
  return { eligible: true, until, reason: "eligible" };
}
