import { z } from "zod";

/** Why an assessment is made (GB/T 42195-2022): first, routine, immediate (change of condition), re-assessment on dispute, other. */
export const ASSESSMENT_REASONS = ["first", "routine", "immediate", "dispute", "other"] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];
export const RISK_EVENTS = ["fall", "choking", "selfHarm", "wandering", "other"] as const;
export const ASSESSMENT_STATUSES = ["draft", "submitted", "superseded"] as const;

/** The facts beside the scores that adjust the level (coma, diagnosed dementia, other mental disorder, care-risk events in 30 days). */
export const AssessmentAdjustments = z
  .object({
    coma: z.boolean().optional(),
    dementia: z.boolean().optional(),
    mentalDisorder: z.boolean().optional(),
    riskEvents: z.array(z.enum(RISK_EVENTS, { error: "照护风险事件取值无效" })).max(30).optional(),
  })
  .strict();

/** Scores are checked against the scale by the engine, so that every problem names its item. */
const Items = z.record(z.string().max(20), z.unknown());

const common = {
  reason: z.enum(ASSESSMENT_REASONS, { error: "评估原因取值无效" }),
  reasonNote: z.string().trim().max(500).nullable().optional(),
  items: Items,
  adjustments: AssessmentAdjustments,
  assessors: z.array(z.string().trim().min(1, "评估员姓名不能为空").max(50)).max(2, "评估员最多两名"),
  informant: z.string().trim().max(100).nullable().optional(),
  assessedAt: z.iso.date({ error: "评估日期格式应为 YYYY-MM-DD" }),
  /** Recorded scales (LTC 2021): the level as assessed. */
  recordedLevel: z.number().int().min(0).max(9).nullable().optional(),
  submit: z.boolean(),
};

export const CreateAssessmentInput = z
  .object({
    elderId: z.string().uuid("老人ID格式无效"),
    scale: z.string().trim().min(1, "请选择评估量表").max(50),
    scaleVersion: z.string().trim().max(20).optional(),
    ...common,
    items: common.items.default({}),
    adjustments: common.adjustments.default({}),
    assessors: common.assessors.default([]),
    assessedAt: common.assessedAt.optional(),
    submit: common.submit.default(false),
    /** A correction: the submitted assessment this one supersedes, and why. */
    supersedes: z.string().uuid("被更正的评估ID格式无效").optional(),
    correctionReason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type CreateAssessmentInput = z.input<typeof CreateAssessmentInput>;

/** Edits a draft (only the fields sent change); `submit: true` submits it. */
export const UpdateAssessmentInput = z
  .object({ ...common, version: z.number().int().positive().optional() })
  .partial()
  .strict();
export type UpdateAssessmentInput = z.input<typeof UpdateAssessmentInput>;

export const DueListQuery = z
  .object({
    region: z.string().regex(/^\d{2,12}$/).optional(),
    /** Due within this many days from today (overdue ones are always included). */
    withinDays: z.coerce.number().int().min(0).max(366).default(30),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
