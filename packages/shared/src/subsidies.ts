import { z } from "zod";
import { ECONOMIC_STATUSES, HUKOU_TYPES, LIVING_SITUATIONS } from "./enums.ts";

export const SUBSIDY_FREQUENCIES = ["monthly", "yearly", "once"] as const;
/** cash to the elder (the bank), wallet credit, free service time; or an operating subsidy paid to the provider for each served elder who meets the conditions. */
export const BENEFIT_KINDS = ["cash", "wallet", "hours", "provider"] as const;

/** Who qualifies: every condition given must hold (on the last day of the month for ages). */
export const SubsidyConditions = z
  .object({
    minAge: z.number().int().min(0).max(150).optional(),
    maxAge: z.number().int().min(0).max(150).optional(),
    abilityLevels: z.array(z.number().int().min(0).max(4)).min(1).optional(),
    economicStatuses: z.array(z.enum(ECONOMIC_STATUSES)).min(1).optional(),
    livingSituations: z.array(z.enum(LIVING_SITUATIONS)).min(1).optional(),
    hukouTypes: z.array(z.enum(HUKOU_TYPES)).min(1).optional(),
    tagsAny: z.array(z.string().trim().min(1).max(20)).min(1).optional(),
    /** 特殊困难老年人: low income or poverty, living alone / empty-nest / left-behind / lost only child, disabled, or 80+. */
    specialDifficulty: z.boolean().optional(),
  })
  .strict();
export type SubsidyConditions = z.infer<typeof SubsidyConditions>;

/** What they get: cash (paid by the bank), wallet credit in fen, or free service time in minutes. */
export const SubsidyBenefit = z
  .object({
    kind: z.enum(BENEFIT_KINDS, { error: "补贴方式应为 cash、wallet、hours 或 provider" }),
    amountFen: z.number().int().min(0).max(100_000_000).optional(),
    minutes: z.number().int().min(0).max(100_000).optional(),
    /** When wallet credit or service time lapses: at year end (default), month end, or never. */
    expires: z.enum(["yearEnd", "monthEnd", "never"]).optional(),
  })
  .strict()
  .refine((b) => (b.kind === "hours" ? (b.minutes ?? 0) > 0 : (b.amountFen ?? 0) > 0), { message: "金额（分）或服务时长（分钟）须大于0", path: ["amountFen"] });
export type SubsidyBenefit = z.infer<typeof SubsidyBenefit>;

export const CreateSubsidyRuleInput = z
  .object({
    regionCode: z.string().regex(/^\d{2,12}$/, "区划代码应为数字"),
    /** The rule's lineage: a new rule with an existing code is its next version. */
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,49}$/, "规则代码为小写字母、数字和连字符"),
    name: z.string().trim().min(1, "规则名称不能为空").max(100),
    description: z.string().trim().max(1000).nullable().optional(),
    conditions: SubsidyConditions,
    benefit: SubsidyBenefit,
    frequency: z.enum(SUBSIDY_FREQUENCIES, { error: "发放频次应为 monthly、yearly 或 once" }),
    budgetLine: z.string().trim().min(1, "预算科目不能为空").max(100),
    effectiveFrom: z.iso.date({ error: "生效日期格式应为 YYYY-MM-DD" }),
  })
  .strict();
export type CreateSubsidyRuleInput = z.input<typeof CreateSubsidyRuleInput>;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM");
export const StartRunInput = z.object({ month: Month }).strict();
export const PreviewInput = z.object({ month: Month.optional(), sample: z.number().int().min(0).max(100).optional() }).strict();
