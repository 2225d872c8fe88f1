/**
 * Inputs of the star-rating capability (issue 6, C14): rounds, evaluations item by item, appeals, confirmation, and the
 * public ratings page. The scheme and the scoring itself are in supervision.ts (RatingSchemeInput, scoreEvaluation).
 */
import { z } from "zod";

export const EVALUATION_STATUSES = ["assigned", "submitted", "appealed", "confirmed"] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

const id = (what: string) => z.uuid({ error: `${what}编号无效` });

export const OpenRoundInput = z
  .object({
    name: z.string().trim().min(1, "请填写评定批次名称").max(100),
    schemeId: id("评定方案"),
    facilityIds: z.array(id("设施")).min(1, "请至少选择一个设施").max(300),
    /** One assessor for every facility, unless `assessors` names one for a facility. */
    assessorId: id("评估员").optional(),
    /** {facilityId: assessorId} */
    assessors: z.record(z.string(), id("评估员")).default({}),
    /** Days the facility has to appeal after the result is submitted. */
    appealDays: z.number().int().min(0).max(60).default(7),
    /** A re-check of unqualified facilities: still unqualified means suspension. */
    recheck: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    const dup = v.facilityIds.find((f, i) => v.facilityIds.indexOf(f) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["facilityIds"], message: `设施重复：${dup}` });
    const without = v.facilityIds.filter((f) => !v.assessors[f] && !v.assessorId);
    if (without.length) ctx.addIssue({ code: "custom", path: ["assessorId"], message: `有 ${without.length} 个设施未指定评估员` });
  });

export const CreateEvaluationInput = z.object({ roundId: id("评定批次"), facilityId: id("设施"), assessorId: id("评估员") }).strict();

/** A JPEG or PNG as a data URL, at most ~600 KB (as order check-in photos). */
export const RatingEvidencePhoto = z
  .string()
  .max(800_000, "照片过大（不超过600KB）")
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, "照片应为 JPEG 或 PNG");

const itemKey = z.string().regex(/^[a-z0-9_]{1,40}$/, "评分项代码无效");
export const ItemScores = z.record(itemKey, z.number({ error: "分数应为数字" }).finite());

export const SaveEvaluationInput = z
  .object({
    /** Merged into the saved scores; null clears an item. */
    scores: z.record(itemKey, z.number({ error: "分数应为数字" }).finite().nullable()).default({}),
    remarks: z.record(itemKey, z.string().trim().max(500, "备注不超过500字")).default({}),
    /** Evidence photos added by this request (the request body is limited to 1 MB: upload a photo or two at a time). */
    addPhotos: z.array(z.object({ itemKey, photo: RatingEvidencePhoto }).strict()).max(3).default([]),
    removePhotos: z.array(z.string().max(40)).max(50).default([]),
    /** Computes the result and hands it in: no more changes by the assessor. */
    submit: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.addPhotos.reduce((a, p) => a + p.photo.length, 0) <= 900_000, { path: ["addPhotos"], message: "照片合计过大，请分次上传" });

export const AppealInput = z.object({ reason: z.string().trim().min(2, "请写明申诉理由").max(1000) }).strict();

export const ConfirmEvaluationInput = z
  .object({
    /** The bureau's answer to the facility's appeal (required when it appealed). */
    answer: z.string().trim().min(1).max(1000).optional(),
    /** A corrected re-score by the bureau: the complete item scores, recomputed. */
    scores: ItemScores.optional(),
  })
  .strict();

export const PublicRatingsQuery = z.object({
  regionCode: z.string().regex(/^\d{2,12}$/, "区划代码应为数字").optional(),
  stars: z.coerce.number().int().min(0).max(5).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const EvaluationListQuery = z.object({
  roundId: z.string().max(40).optional(),
  facilityId: z.string().max(40).optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** "★★★★☆" for 4 of 5. */
export function starGlyphs(stars: number | null | undefined, of = 5): string {
  const n = Math.max(0, Math.min(of, stars ?? 0));
  return "★".repeat(n) + "☆".repeat(of - n);
}
