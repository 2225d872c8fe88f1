import { z } from "zod";
import {
  ABILITY_LEVELS,
  DISABILITY_KINDS,
  ECONOMIC_STATUSES,
  ELDER_STATUSES,
  HUKOU_TYPES,
  LIVING_SITUATIONS,
} from "./enums.ts";

const trimmed = (max: number, label: string) =>
  z.string({ error: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

export const HealthArchive = z
  .object({
    chronicDiseases: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    allergies: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    medications: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    familyDoctor: z
      .object({
        name: z.string().trim().min(1).max(50),
        institution: z.string().trim().max(100).optional(),
        contractDate: z.iso.date().optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type HealthArchive = z.infer<typeof HealthArchive>;

/** Each typed field, without defaults (a PATCH must not invent values for fields it does not send). */
const fieldShape = {
  name: trimmed(50, "姓名"),
  idNumber: z.string({ error: "身份证号应为文本" }).trim().min(1, "身份证号不能为空"),
  phone: z.string({ error: "电话应为文本" }).trim().min(1, "电话不能为空"),
  address: trimmed(200, "地址"),
  regionCode: z.string({ error: "所属社区应为文本" }).regex(/^\d{12}$/, "所属社区应为12位区划代码"),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  hukouType: z.enum(HUKOU_TYPES, { error: "户籍类型取值无效" }),
  hukouAddress: z.string().trim().max(200).nullable().optional(),
  livingSituation: z.enum(LIVING_SITUATIONS, { error: "居住状况取值无效" }),
  economicStatus: z.enum(ECONOMIC_STATUSES, { error: "经济状况取值无效" }),
  disabilityKind: z.enum(DISABILITY_KINDS, { error: "残疾类别取值无效" }),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  abilityLevel: z
    .number()
    .int()
    .refine((v) => (ABILITY_LEVELS as readonly number[]).includes(v), "能力等级应为0–4")
    .nullable()
    .optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20),
  health: HealthArchive,
  notes: z.string().max(1000).nullable().optional(),
};

/** The fields a person types; birth date and sex are derived from the ID number. */
export const ElderFields = z
  .object({
    ...fieldShape,
    hukouType: fieldShape.hukouType.default("local"),
    livingSituation: fieldShape.livingSituation.default("with_family"),
    economicStatus: fieldShape.economicStatus.default("ordinary"),
    disabilityKind: fieldShape.disabilityKind.default("none"),
    tags: fieldShape.tags.default([]),
    health: HealthArchive.default({ chronicDiseases: [], allergies: [], medications: [] }),
  })
  .strict();

export const CreateElderInput = ElderFields;
export type CreateElderInput = z.input<typeof CreateElderInput>;

/** A partial update: only the fields sent change; `version` guards against overwriting someone else's edit. */
export const UpdateElderInput = z
  .object(fieldShape)
  .partial()
  .extend({ version: z.number().int().positive().optional() })
  .strict();
export type UpdateElderInput = z.input<typeof UpdateElderInput>;

export const ElderListQuery = z
  .object({
    q: z.string().trim().max(50).optional(),
    region: z.string().regex(/^\d{2,12}$/, "区划代码应为数字").optional(),
    ageMin: z.coerce.number().int().min(0).max(150).optional(),
    ageMax: z.coerce.number().int().min(0).max(150).optional(),
    livingSituation: z.enum(LIVING_SITUATIONS).optional(),
    economicStatus: z.enum(ECONOMIC_STATUSES).optional(),
    abilityLevel: z.coerce.number().int().min(0).max(4).optional(),
    tag: z.string().trim().max(20).optional(),
    status: z.enum([...ELDER_STATUSES, "all"]).default("active"),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ElderListQuery = z.infer<typeof ElderListQuery>;

export const ChangeStatusInput = z
  .object({
    /** deceased / moved_out close the record; active corrects a record closed by mistake (back-pay follows). */
    status: z.enum(["deceased", "moved_out", "active"], { error: "状态应为 deceased、moved_out 或 active（更正）" }),
    reason: trimmed(500, "原因"),
    date: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }),
  })
  .strict();
export type ChangeStatusInput = z.infer<typeof ChangeStatusInput>;

export const ContactInput = z
  .object({
    name: trimmed(50, "联系人姓名"),
    relation: trimmed(20, "关系"),
    phone: z.string().trim().min(1, "电话不能为空"),
    isEmergency: z.boolean().default(false),
    /** Username of a family account to bind to this elder. */
    familyUsername: z.string().trim().min(1).max(50).nullable().optional(),
  })
  .strict();
export type ContactInput = z.input<typeof ContactInput>;

export const ConsentInput = z
  .object({
    purpose: trimmed(100, "用途"),
    granted: z.boolean(),
    signedBy: trimmed(50, "签署人"),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
export type ConsentInput = z.input<typeof ConsentInput>;

export const RevealInput = z.object({ fields: z.array(z.enum(["idNumber", "phone"])).min(1) }).strict();
