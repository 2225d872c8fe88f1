import {
  ABILITY_LEVELS,
  CERTIFICATE_KINDS,
  DISABILITY_KINDS,
  ECONOMIC_STATUSES,
  HUKOU_TYPES,
  LIVING_SITUATIONS,
  PRICE_UNITS,
  SERVICE_CATEGORIES,
  WORKER_SKILLS,
} from "@carecircle/shared";
import type { TFunction } from "i18next";

/** Select options for an enumeration, labelled from i18n under `prefix.value`. */
export function enumOptions<T extends string | number>(t: TFunction, prefix: string, values: readonly T[]) {
  return values.map((v) => ({ value: v, label: t(`${prefix}.${String(v)}`) }));
}

export const livingOptions = (t: TFunction) => enumOptions(t, "livingSituation", LIVING_SITUATIONS);
export const economicOptions = (t: TFunction) => enumOptions(t, "economicStatus", ECONOMIC_STATUSES);
export const abilityOptions = (t: TFunction) =>
  ABILITY_LEVELS.map((v) => ({ value: v, label: `${v} ${t(`abilityLevel.${v}`)}` }));
export const disabilityOptions = (t: TFunction) => enumOptions(t, "disabilityKind", DISABILITY_KINDS);
export const hukouOptions = (t: TFunction) => enumOptions(t, "hukouType", HUKOU_TYPES);
export const gradeOptions = (t: TFunction) => enumOptions(t, "disabilityGrade", [1, 2, 3, 4] as const);
export const categoryOptions = (t: TFunction) => enumOptions(t, "category", SERVICE_CATEGORIES);
export const skillOptions = (t: TFunction) => enumOptions(t, "skill", WORKER_SKILLS);
export const certificateOptions = (t: TFunction) => enumOptions(t, "certificate", CERTIFICATE_KINDS);
export const unitOptions = (t: TFunction) => enumOptions(t, "priceUnit", PRICE_UNITS);
/** Days of the week, 1 = Monday … 7 = Sunday, as the worker's schedule stores them. */
export const weekdayOptions = (t: TFunction) => enumOptions(t, "weekday", [1, 2, 3, 4, 5, 6, 7] as const);

/** A label for an enum value, or the dash when empty. */
export function enumLabel(t: TFunction, prefix: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return t("common.none");
  return t(`${prefix}.${String(value)}`, { defaultValue: String(value) });
}

export function abilityLabel(t: TFunction, level: number | null | undefined): string {
  if (level === null || level === undefined) return t("common.none");
  return `${level} ${t(`abilityLevel.${level}`)}`;
}

/** An audit action's label ("elder.update" → 修改老人档案); unknown actions show as they are. */
export function actionLabel(t: TFunction, action: string): string {
  const label = t(`audit.actions.${action}`, { defaultValue: action });
  return typeof label === "string" ? label : action;
}
