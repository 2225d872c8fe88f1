/**
 * Inspections, "13710" rectification tasks, the negative list and credit records (issue 6): the inputs the server
 * validates and the console sends, the default checklists, the negative list as data, and the rectification state
 * machine (pure, like ORDER_TRANSITIONS).
 */
import { z } from "zod";
import { FINDING_SEVERITIES } from "./supervision.ts";

// ── Inspections ──────────────────────────────────────────────────────────────────────────────────────────────────

export const INSPECTION_KINDS = ["fire", "food", "service", "finance"] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_NAMES: Record<InspectionKind, string> = { fire: "消防安全", food: "食品安全", service: "服务质量", finance: "财务与资金" };

/** The default checklist of each kind of inspection (data: a region may bring its own list of items). */
export const DEFAULT_CHECKLISTS: Record<InspectionKind, readonly { key: string; name: string }[]> = {
  fire: [
    { key: "extinguishers", name: "灭火器、消防栓完好有效" },
    { key: "exits", name: "疏散通道、安全出口畅通" },
    { key: "emergency_light", name: "应急照明、疏散指示完好" },
    { key: "electric", name: "无违规用电、私拉乱接" },
    { key: "drill", name: "定期开展消防演练并有记录" },
  ],
  food: [
    { key: "license", name: "食品经营许可证在有效期" },
    { key: "health_cert", name: "从业人员持有效健康证" },
    { key: "samples", name: "每餐留样并记录（48小时）" },
    { key: "kitchen", name: "明厨亮灶，操作间清洁" },
    { key: "purchase", name: "食材进货查验记录完整" },
  ],
  service: [
    { key: "rules", name: "服务制度、价格公示上墙" },
    { key: "records", name: "服务台账完整、可追溯" },
    { key: "staffing", name: "人员配备与持证上岗" },
    { key: "complaints", name: "投诉渠道公开、处理及时" },
    { key: "barrier_free", name: "无障碍与适老化设施可用" },
  ],
  finance: [
    { key: "accounts", name: "收支账目清楚" },
    { key: "subsidy", name: "补贴资金专款专用" },
    { key: "fees", name: "收费项目与标准公示，无隐性收费" },
    { key: "deposits", name: "预收费用、押金管理规范" },
  ],
};

const text = (max: number, label: string) => z.string({ error: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const isoDate = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}不是有效日期`);

/** A JPEG or PNG as a data URL, at most ~600 KB (as an order's check-in photo). */
export const EvidencePhoto = z
  .string()
  .max(800_000, "照片过大（不超过600KB）")
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, "照片应为 JPEG 或 PNG");
export const EvidenceItem = z.object({ note: z.string().trim().max(500).default(""), photo: EvidencePhoto.optional() }).strict();

export const ChecklistAnswer = z.object({ key: z.string().trim().min(1).max(40), ok: z.boolean({ error: "请选择合格或不合格" }), note: z.string().trim().max(500).optional() }).strict();
export const FindingInput = z.object({ description: text(500, "问题描述"), severity: z.enum(FINDING_SEVERITIES, { error: "严重程度应为一般或重大" }) }).strict();

export const CreateInspectionInput = z
  .object({
    facilityId: z.uuid({ error: "设施编号无效" }).optional(),
    providerId: z.uuid({ error: "服务商编号无效" }).optional(),
    kind: z.enum(INSPECTION_KINDS, { error: "检查类型应为消防、食品、服务或财务" }),
    /** Defaults to today (Beijing). */
    inspectedOn: isoDate("检查日期").optional(),
    /** Every item of the kind's checklist, answered. */
    checklist: z.array(ChecklistAnswer).max(50),
    /** Each finding becomes a rectification task. */
    findings: z.array(FindingInput).max(50).default([]),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (Boolean(v.facilityId) === Boolean(v.providerId)) ctx.addIssue({ code: "custom", path: ["facilityId"], message: "请指定被检查的设施或服务商（二选一）" });
    const known = DEFAULT_CHECKLISTS[v.kind].map((i) => i.key);
    v.checklist.forEach((a, i) => {
      if (!known.includes(a.key)) ctx.addIssue({ code: "custom", path: ["checklist", i, "key"], message: `不是该类检查的检查项：${a.key}` });
    });
    const missing = known.filter((k) => !v.checklist.some((a) => a.key === k));
    if (missing.length) ctx.addIssue({ code: "custom", path: ["checklist"], message: `检查项未填写：${missing.join("、")}` });
    const keys = v.checklist.map((a) => a.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["checklist"], message: `检查项重复：${dup}` });
  });

// ── Rectification: the state machine ─────────────────────────────────────────────────────────────────────────────

export const RECTIFICATION_STATUSES = ["open", "acknowledged", "feedback", "resolved", "closed"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = { open: "待签收", acknowledged: "已签收", feedback: "已反馈", resolved: "已整改待复查", closed: "已销号" };
export const RECTIFICATION_ACTIONS = ["acknowledge", "feedback", "resolve", "close", "reopen"] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];
export const RECTIFICATION_ACTION_NAMES: Record<RectificationAction, string> = { acknowledge: "签收", feedback: "反馈", resolve: "提交整改", close: "复查通过销号", reopen: "复查不通过退回" };
/** "facility": the facility's (or the provider's) own side; "bureau": the supervising civil-affairs staff. */
export type RectificationParty = "facility" | "bureau";

export const RECTIFICATION_TRANSITIONS: Record<RectificationAction, { from: readonly RectificationStatus[]; to: RectificationStatus; by: RectificationParty }> = {
  // "1": acted on the same day
  acknowledge: { from: ["open"], to: "acknowledged", by: "facility" },
  // "3": feedback (for a major finding, a written plan with its date may stand in for solving within a month)
  feedback: { from: ["acknowledged", "feedback"], to: "feedback", by: "facility" },
  // "7"/"1": solved, with evidence
  resolve: { from: ["acknowledged", "feedback"], to: "resolved", by: "facility" },
  // "0": the bureau re-checks and closes, or sends it back
  close: { from: ["resolved"], to: "closed", by: "bureau" },
  reopen: { from: ["resolved"], to: "open", by: "bureau" },
};

export type RectificationRefusal = { kind: "state" | "party"; message: string };

/** The next state, or why not. Pure: the server, the console (which buttons to show) and the tests use it. */
export function nextRectificationStatus(status: RectificationStatus, action: RectificationAction, parties: readonly RectificationParty[]): RectificationStatus | RectificationRefusal {
  const t = RECTIFICATION_TRANSITIONS[action];
  if (!parties.includes(t.by)) return { kind: "party", message: `您不能对此整改任务执行“${RECTIFICATION_ACTION_NAMES[action]}”` };
  if (!t.from.includes(status)) return { kind: "state", message: `整改任务当前状态（${RECTIFICATION_STATUS_NAMES[status]}）不能${RECTIFICATION_ACTION_NAMES[action]}` };
  return t.to;
}

export const RectificationActionInput = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge"), note: z.string().trim().max(500).optional() }).strict(),
    z
      .object({
        action: z.literal("feedback"),
        feedback: text(2000, "反馈内容"),
        /** Major findings only: a written plan and the date it will be done by. */
        plan: z.string().trim().max(2000).optional(),
        planDate: isoDate("计划完成日期").optional(),
      })
      .strict()
      .refine((v) => Boolean(v.plan) === Boolean(v.planDate), { path: ["planDate"], message: "整改方案与计划完成日期应同时填写" }),
    z.object({ action: z.literal("resolve"), evidence: z.array(EvidenceItem).min(1, "请提交整改佐证（说明或照片）").max(6, "佐证最多6项") }).strict(),
    z.object({ action: z.literal("close"), note: z.string().trim().max(500).optional() }).strict(),
    z.object({ action: z.literal("reopen"), note: text(500, "复查意见") }).strict(),
  ],
  { error: "操作应为签收、反馈、提交整改、销号或退回" },
);

// ── The negative list ("十不准") and credit records ───────────────────────────────────────────────────────────────

/**
 * The negative list of elderly-care service ("ten prohibitions"), as data: the platform's default, configurable —
 * a region's list may differ; records keep the key and the name at the time.
 */
export const NEGATIVE_LIST: readonly { key: string; name: string }[] = [
  { key: "fake_health_products", name: "不准向老年人推销虚假保健品、药品或医疗器械" },
  { key: "non_insurance_finance", name: "不准向老年人推销非保险类金融产品或以“养老”名义理财" },
  { key: "illegal_fundraising", name: "不准以养老服务为名非法集资" },
  { key: "abuse_neglect", name: "不准虐待、遗弃、侮辱或疏于照护老年人" },
  { key: "false_advertising", name: "不准发布虚假宣传或夸大服务内容" },
  { key: "hidden_fees", name: "不准收取未公示费用或变相加价" },
  { key: "food_safety", name: "不准违反食品安全规定" },
  { key: "fire_safety", name: "不准违反消防安全规定、占用堵塞消防通道" },
  { key: "refuse_supervision", name: "不准拒绝、阻碍监督检查或弄虚作假" },
  { key: "leak_personal_info", name: "不准泄露、买卖老年人个人信息" },
];

export const CREDIT_SUBJECT_KINDS = ["facility", "provider", "legal_person", "worker", "staff", "recipient"] as const;
export type CreditSubjectKind = (typeof CREDIT_SUBJECT_KINDS)[number];
export const CREDIT_SUBJECT_KIND_NAMES: Record<CreditSubjectKind, string> = { facility: "养老机构/设施", provider: "服务商", legal_person: "法定代表人", worker: "服务人员", staff: "从业人员", recipient: "服务对象" };
/** Subjects that are people: their names are masked in public. */
export const PERSON_SUBJECT_KINDS: readonly CreditSubjectKind[] = ["legal_person", "worker", "staff", "recipient"];
export const CREDIT_KINDS = ["violation", "penalty", "commendation", "blacklist"] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];
export const CREDIT_KIND_NAMES: Record<CreditKind, string> = { violation: "违反负面清单", penalty: "行政处罚", commendation: "表彰奖励", blacklist: "列入黑名单" };
export const CREDIT_STATUSES = ["pending", "approved", "rejected", "revoked"] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

export const CreateCreditRecordInput = z
  .object({
    subjectKind: z.enum(CREDIT_SUBJECT_KINDS, { error: "对象类型无效" }),
    /** The facility, provider, worker or staff record; people without a record (a legal person, a recipient) by name. */
    subjectId: z.uuid({ error: "对象编号无效" }).optional(),
    subjectName: z.string().trim().min(1).max(100).optional(),
    /** For subjects named without a record: the region they belong to (defaults to the actor's). */
    regionCode: z.string().regex(/^\d{2,12}$/, "区划代码无效").optional(),
    kind: z.enum(CREDIT_KINDS, { error: "记录类型无效" }),
    prohibition: z.string().trim().max(40).optional(),
    reason: text(1000, "事由"),
    evidence: z.array(EvidenceItem).max(6, "佐证最多6项").default([]),
    startsOn: isoDate("开始日期").optional(),
    endsOn: isoDate("结束日期").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const byRecord = ["facility", "provider", "worker", "staff"].includes(v.subjectKind);
    if (byRecord && !v.subjectId) ctx.addIssue({ code: "custom", path: ["subjectId"], message: "请选择对象" });
    if (!byRecord && !v.subjectName) ctx.addIssue({ code: "custom", path: ["subjectName"], message: "请填写对象姓名" });
    if (v.kind === "violation" && !NEGATIVE_LIST.some((p) => p.key === v.prohibition)) ctx.addIssue({ code: "custom", path: ["prohibition"], message: "请选择违反的负面清单条目" });
    if (v.kind !== "violation" && v.prohibition && !NEGATIVE_LIST.some((p) => p.key === v.prohibition)) ctx.addIssue({ code: "custom", path: ["prohibition"], message: "不是负面清单条目" });
    if (v.kind === "blacklist") {
      if (!v.startsOn) ctx.addIssue({ code: "custom", path: ["startsOn"], message: "请填写黑名单开始日期" });
      if (!v.endsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "请填写黑名单结束日期" });
      if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "结束日期不能早于开始日期" });
    }
  });

export const CreditDecisionInput = z.object({ note: z.string().trim().max(500).optional() }).strict();

/** A person's name as shown in public: the surname, the rest masked (张三丰 → 张**). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  // always two stars: the length of the name is not disclosed either
  return `${chars[0]}**`;
}
