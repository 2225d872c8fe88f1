import type { ElderRow } from "./internal.ts";

/** Chinese labels of stored codes, for spreadsheets (the web apps have their own i18n). */
export const LABELS = {
  livingSituation: { with_family: "与家人同住", alone: "独居", empty_nest: "空巢", left_behind: "留守", lost_only_child: "失独" },
  economicStatus: { ordinary: "一般", low_income: "低收入", minimum_living: "低保", extreme_poverty: "特困", family_planning_hardship: "计生特扶" },
  disabilityKind: { none: "无", physical: "肢体", visual: "视力", hearing: "听力", speech: "言语", intellectual: "智力", mental: "精神", multiple: "多重" },
  hukouType: { local: "本地", nonlocal: "外地" },
  abilityLevel: { 0: "能力完好", 1: "轻度失能", 2: "中度失能", 3: "重度失能", 4: "完全失能" },
  sex: { M: "男", F: "女" },
  status: { active: "在册", deceased: "去世", moved_out: "迁出" },
} as const;

export type ColumnKey =
  | "name"
  | "idNumber"
  | "phone"
  | "region"
  | "address"
  | "livingSituation"
  | "economicStatus"
  | "hukouType"
  | "hukouAddress"
  | "disabilityKind"
  | "disabilityGrade"
  | "abilityLevel"
  | "tags"
  | "chronicDiseases"
  | "allergies"
  | "medications"
  | "familyDoctor"
  | "familyDoctorInstitution"
  | "lng"
  | "lat"
  | "notes";

export interface Column {
  key: ColumnKey;
  header: string;
  required?: boolean;
  /** What the 填写说明 sheet says about the column. */
  help: string;
  example: string;
  width: number;
}

const values = (m: Record<string, string>) => Object.values(m).join("、");

/** The import template's columns, in order; export uses the same headers so that an export re-imports. */
export const COLUMNS: Column[] = [
  { key: "name", header: "姓名", required: true, help: "老人姓名", example: "王秀英", width: 10 },
  { key: "idNumber", header: "身份证号", required: true, help: "18位居民身份证号（请将本列设为文本格式，避免Excel丢失精度）；出生日期和性别由此推算；已登记的身份证号将更新原档案", example: "500107195203154423", width: 22 },
  { key: "phone", header: "联系电话", required: true, help: "11位手机号，或带区号的固定电话", example: "13908361234", width: 15 },
  { key: "region", header: "所属社区", required: true, help: "12位社区（村）区划代码，或社区全称", example: "500107001001", width: 16 },
  { key: "address", header: "居住地址", required: true, help: "详细居住地址", example: "重庆市九龙坡区杨家坪正街12号3单元5-2", width: 36 },
  { key: "livingSituation", header: "居住状况", help: values(LABELS.livingSituation), example: "独居", width: 10 },
  { key: "economicStatus", header: "经济状况", help: values(LABELS.economicStatus), example: "低保", width: 10 },
  { key: "hukouType", header: "户籍类型", help: values(LABELS.hukouType), example: "本地", width: 8 },
  { key: "hukouAddress", header: "户籍地址", help: "户籍所在地址（可空）", example: "", width: 24 },
  { key: "disabilityKind", header: "残疾类别", help: values(LABELS.disabilityKind), example: "无", width: 8 },
  { key: "disabilityGrade", header: "残疾等级", help: "1–4级（无残疾时留空）", example: "", width: 8 },
  { key: "abilityLevel", header: "能力等级", help: `${values(LABELS.abilityLevel)}（或0–4；未评估留空）`, example: "轻度失能", width: 10 },
  { key: "tags", header: "标签", help: "多个标签用顿号、逗号或分号分隔", example: "高龄、独居", width: 14 },
  { key: "chronicDiseases", header: "慢性病", help: "多个用顿号分隔", example: "高血压、糖尿病", width: 16 },
  { key: "allergies", header: "过敏史", help: "多个用顿号分隔", example: "青霉素", width: 10 },
  { key: "medications", header: "长期用药", help: "多个用顿号分隔", example: "氨氯地平、二甲双胍", width: 18 },
  { key: "familyDoctor", header: "家庭医生", help: "签约家庭医生姓名（可空）", example: "刘医生", width: 10 },
  { key: "familyDoctorInstitution", header: "签约机构", help: "家庭医生所在机构（可空）", example: "杨家坪街道社区卫生服务中心", width: 24 },
  { key: "lng", header: "经度", help: "GCJ-02 经度（可空，与纬度同时填写）", example: "", width: 10 },
  { key: "lat", header: "纬度", help: "GCJ-02 纬度（可空）", example: "", width: 10 },
  { key: "notes", header: "备注", help: "其他说明（可空）", example: "", width: 20 },
];

export const COLUMN_BY_HEADER = new Map(COLUMNS.map((c) => [c.header, c]));

/** Maps a validation path ("health.allergies.0", "lat") back to the column a person typed it in. */
export function columnForPath(path: string): Column | undefined {
  const head = path.split(".")[0] ?? "";
  const key: ColumnKey | undefined =
    head === "regionCode"
      ? "region"
      : head === "health"
        ? ((
            { chronicDiseases: "chronicDiseases", allergies: "allergies", medications: "medications", familyDoctor: "familyDoctor" } as Record<
              string,
              ColumnKey
            >
          )[path.split(".")[1] ?? ""] ?? undefined)
        : (COLUMNS.find((c) => c.key === head)?.key ?? undefined);
  return COLUMNS.find((c) => c.key === key);
}

/** One elder as a spreadsheet row (masked unless `full` with the decrypted values). */
export function exportRow(row: ElderRow, full?: { idNumber: string; phone: string }): Record<ColumnKey, string | number | null> {
  const h = row.health as { chronicDiseases?: string[]; allergies?: string[]; medications?: string[]; familyDoctor?: { name?: string; institution?: string } | null };
  return {
    name: row.name,
    idNumber: full ? full.idNumber : row.idNumberMasked,
    phone: full ? full.phone : row.phoneMasked,
    region: row.regionCode,
    address: row.address,
    livingSituation: LABELS.livingSituation[row.livingSituation as keyof typeof LABELS.livingSituation] ?? row.livingSituation,
    economicStatus: LABELS.economicStatus[row.economicStatus as keyof typeof LABELS.economicStatus] ?? row.economicStatus,
    hukouType: LABELS.hukouType[row.hukouType as keyof typeof LABELS.hukouType] ?? row.hukouType,
    hukouAddress: row.hukouAddress,
    disabilityKind: LABELS.disabilityKind[row.disabilityKind as keyof typeof LABELS.disabilityKind] ?? row.disabilityKind,
    disabilityGrade: row.disabilityGrade,
    abilityLevel: row.abilityLevel == null ? null : LABELS.abilityLevel[row.abilityLevel as 0 | 1 | 2 | 3 | 4],
    tags: row.tags.join("、"),
    chronicDiseases: (h.chronicDiseases ?? []).join("、"),
    allergies: (h.allergies ?? []).join("、"),
    medications: (h.medications ?? []).join("、"),
    familyDoctor: h.familyDoctor?.name ?? null,
    familyDoctorInstitution: h.familyDoctor?.institution ?? null,
    lng: row.lng,
    lat: row.lat,
    notes: row.notes,
  };
}
