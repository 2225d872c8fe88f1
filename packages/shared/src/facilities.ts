/**
 * Facilities (C13): the three-tier network — street/township service centers (街道/乡镇养老服务中心), community
 * stations (社区养老服务站), village mutual-aid points (农村互助养老点) — and care institutions (养老机构).
 * Inputs shared by the server and the console; cross-record rules (a station's center in the same street) are the
 * domain's.
 */
import { z } from "zod";

export const FACILITY_TIERS = ["center", "station", "point", "institution"] as const;
export type FacilityTier = (typeof FACILITY_TIERS)[number];
/** public 公办 · public_private 公建民营 · private 民办 */
export const OPERATING_MODELS = ["public", "public_private", "private"] as const;
export type OperatingModel = (typeof OPERATING_MODELS)[number];
export const FACILITY_STATUSES = ["operating", "suspended", "closed"] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

const text = (max: number, label: string) => z.string({ error: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const optText = (max: number, label: string) => z.string({ error: `${label}应为文本` }).trim().max(max, `${label}不能超过${max}个字`).nullable().optional();
const count = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大`);
const url = z.url({ error: "链接格式无效" }).max(500).nullable().optional();
const RegionCodeParam = z.string().regex(/^\d{6,12}$/, "区划代码应为6–12位数字");

/** Residents by ability (institutions): the staffing-ratio check counts caregivers against them. */
export const Residents = z
  .object({ disabled: count("失能老人数"), semiDisabled: count("半失能老人数"), selfCare: count("自理老人数") })
  .strict();
export type Residents = z.infer<typeof Residents>;

/** Positions are GCJ-02 (the datum of Chinese maps), inside China's bounding box. */
const lat = z.number({ error: "纬度应为数字" }).min(3, "纬度超出中国范围").max(54, "纬度超出中国范围");
const lng = z.number({ error: "经度应为数字" }).min(73, "经度超出中国范围").max(136, "经度超出中国范围");

const facilityFields = {
  name: text(100, "设施名称"),
  tier: z.enum(FACILITY_TIERS, { error: "设施类型应为 中心、站、点 或 机构" }),
  /** The center that leads this station or point (中心带站). */
  parentId: z.uuid({ error: "上级中心无效" }).nullable().optional(),
  regionCode: RegionCodeParam,
  address: text(200, "地址"),
  lat: lat.nullable().optional(),
  lng: lng.nullable().optional(),
  operatorName: text(100, "运营方"),
  operatorProviderId: z.uuid({ error: "运营服务商无效" }).nullable().optional(),
  operatingModel: z.enum(OPERATING_MODELS, { error: "运营模式应为 公办、公建民营 或 民办" }),
  areaM2: count("建筑面积"),
  beds: count("床位数"),
  nursingBeds: count("护理型床位数"),
  staffCount: count("工作人员数"),
  openingHours: optText(100, "开放时间"),
  services: z.array(text(30, "服务项目")).max(30, "服务项目最多30项"),
  videoUrl: url,
  kitchenCameraUrl: url,
  residents: Residents,
};

/** beds ≥ nursing beds ≥ 0; a position has both coordinates or neither. */
function checkFacility(v: { beds?: number; nursingBeds?: number; lat?: number | null; lng?: number | null }, ctx: z.RefinementCtx) {
  if (v.beds !== undefined && v.nursingBeds !== undefined && v.nursingBeds > v.beds) ctx.addIssue({ code: "custom", path: ["nursingBeds"], message: "护理型床位数不能超过床位数" });
  if ((v.lat == null) !== (v.lng == null) && (v.lat !== undefined || v.lng !== undefined)) ctx.addIssue({ code: "custom", path: [v.lat == null ? "lat" : "lng"], message: "经纬度应同时填写" });
}

export const CreateFacilityInput = z
  .object({
    ...facilityFields,
    areaM2: facilityFields.areaM2.default(0),
    beds: facilityFields.beds.default(0),
    nursingBeds: facilityFields.nursingBeds.default(0),
    staffCount: facilityFields.staffCount.default(0),
    services: facilityFields.services.default([]),
    residents: Residents.default({ disabled: 0, semiDisabled: 0, selfCare: 0 }),
  })
  .strict()
  .superRefine(checkFacility);
export type CreateFacilityInput = z.input<typeof CreateFacilityInput>;

/** Any subset of the fields; tier and region stay (a move is a new registration). */
export const UpdateFacilityInput = z
  .object(facilityFields)
  .omit({ tier: true, regionCode: true })
  .partial()
  .strict()
  .superRefine(checkFacility);
export type UpdateFacilityInput = z.input<typeof UpdateFacilityInput>;

export const FacilityStatusInput = z
  .object({ status: z.enum(FACILITY_STATUSES, { error: "状态应为 运营中、暂停 或 关闭" }), reason: text(500, "原因") })
  .strict();
export type FacilityStatusInput = z.infer<typeof FacilityStatusInput>;

/** 备案: the filing number, its date, and the documents filed. */
export const FacilityFilingInput = z
  .object({
    filingNo: text(50, "备案号"),
    filedAt: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }),
    documents: z
      .array(z.object({ name: text(100, "文件名称"), url: z.url({ error: "链接格式无效" }).max(500).nullable().optional(), note: optText(200, "备注") }).strict())
      .max(30, "文件最多30份")
      .default([]),
  })
  .strict();
export type FacilityFilingInput = z.input<typeof FacilityFilingInput>;

export const FacilityListQuery = z.object({
  tier: z.enum(FACILITY_TIERS).optional(),
  status: z.enum(FACILITY_STATUSES).optional(),
  regionCode: RegionCodeParam.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(500).optional(),
});
export type FacilityListQuery = z.infer<typeof FacilityListQuery>;
