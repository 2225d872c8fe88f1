import { ASSESSMENT_REASONS } from "@carecircle/shared";
import type { TFunction } from "i18next";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";

/** Fields whose values are enumeration members, and the i18n prefix of their labels. */
const ENUM_FIELDS: Record<string, string> = {
  livingSituation: "livingSituation",
  economicStatus: "economicStatus",
  disabilityKind: "disabilityKind",
  disabilityGrade: "disabilityGrade",
  hukouType: "hukouType",
  status: "elderStatus",
  sex: "sex",
};

const HEALTH_KEYS = ["chronicDiseases", "allergies", "medications"] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One side of a change, in words: enum labels, lists joined, the health record summarised. */
export function valueText(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return t("common.none");
  if (field === "abilityLevel" && typeof v === "number") return abilityLabel(t, v);
  const prefix = ENUM_FIELDS[field];
  if (prefix && (typeof v === "string" || typeof v === "number")) return enumLabel(t, prefix, v);
  if (field === "regionCode" && typeof v === "string") return v;
  if (Array.isArray(v)) return v.length ? v.map(String).join("、") : t("common.none");
  if (field === "health" && isRecord(v)) {
    const parts: string[] = [];
    for (const k of HEALTH_KEYS) {
      const list = v[k];
      if (Array.isArray(list) && list.length) parts.push(`${t(`fields.${k}`)}：${list.map(String).join("、")}`);
    }
    const doctor = v.familyDoctor;
    if (isRecord(doctor) && typeof doctor.name === "string") {
      parts.push(`${t("fields.familyDoctor")}：${[doctor.name, doctor.institution, doctor.contractDate].filter((x) => typeof x === "string" && x).join(" · ")}`);
    }
    return parts.length ? parts.join("；") : t("common.none");
  }
  if (typeof v === "boolean") return v ? t("common.yes") : t("common.no");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** The label of a changed field ("idNumber" → 身份证号); unknown names stay as they are. */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`fields.${field}`, { defaultValue: field });
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** `detail.changes` of an audit event, if it has that shape. */
export function changesOf(detail: unknown): Change[] {
  if (!isRecord(detail) || !isRecord(detail.changes)) return [];
  return Object.entries(detail.changes).flatMap(([field, c]) => (isRecord(c) ? [{ field, from: c.from, to: c.to }] : []));
}

/** Keys of an event's detail that are shown elsewhere (the record's name, the changes) or mean nothing to a reader. */
const HIDDEN_DETAIL_KEYS = new Set(["name", "changes", "importId", "filters", "assessmentId", "supersedes"]);

/** The other facts of an event (a reason, a date, the fields viewed), as "label：value" pieces. */
export function detailFacts(t: TFunction, detail: unknown): string[] {
  if (!isRecord(detail)) return [];
  return Object.entries(detail).flatMap(([k, v]) => {
    if (HIDDEN_DETAIL_KEYS.has(k) || v === null || v === undefined || isRecord(v)) return [];
    const label = t(`detailKeys.${k}`, { defaultValue: fieldLabel(t, k) });
    const value =
      k === "fields" && Array.isArray(v)
        ? v.map((f) => fieldLabel(t, String(f))).join("、")
        : k === "finalLevel" && typeof v === "number" && detail.scale === "GB/T 42195-2022"
          ? abilityLabel(t, v)
          : k === "reason" && typeof v === "string" && (ASSESSMENT_REASONS as readonly string[]).includes(v)
            ? t(`assessmentReason.${v}`)
            : valueText(t, k, v);
    return [`${label}：${value}`];
  });
}
