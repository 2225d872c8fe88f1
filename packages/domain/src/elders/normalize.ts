import {
  ElderFields,
  ID_NUMBER_MESSAGES,
  ageOn,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  normalizePhone,
  parseIdNumber,
  shanghaiDate,
} from "@carecircle/shared";
import type { elders } from "@carecircle/db";
import { pinyin } from "pinyin-pro";
import type { z } from "zod";
import type { FieldError } from "../core/errors.ts";
import type { Secrets } from "../core/secrets.ts";

export type ElderFieldsValue = z.output<typeof ElderFields>;
/** What the normaliser writes: every column that derives from typed fields. */
export type ElderWrite = Omit<typeof elders.$inferInsert, "id" | "status" | "statusReason" | "statusDate" | "version" | "createdAt" | "updatedAt">;

/** Facts about regions the normaliser needs, fetched once per request or import. */
export interface RegionFacts {
  /** Community codes (12 digits) the actor may register elders in. */
  isCommunityInScope(code: string): boolean;
  /** Minimum registration age in force for a community (region rule). */
  minAge(code: string): number;
}

const pinyinCache = new Map<string, { full: string; initials: string }>();

/** Full pinyin and initials of a name, surnames read as surnames (单 = shan, 曾 = zeng). Cached: names repeat a lot. */
export function namePinyin(name: string): { full: string; initials: string } {
  let hit = pinyinCache.get(name);
  if (!hit) {
    if (pinyinCache.size > 50_000) pinyinCache.clear();
    hit = computePinyin(name);
    pinyinCache.set(name, hit);
  }
  return hit;
}

function computePinyin(name: string): { full: string; initials: string } {
  const full = pinyin(name, { toneType: "none", type: "array", surname: "head", nonZh: "consecutive", v: true });
  const initials = pinyin(name, { pattern: "first", toneType: "none", type: "array", surname: "head", nonZh: "consecutive", v: true });
  const clean = (parts: string[]) => parts.join("").toLowerCase().replace(/[^a-z0-9]/g, "");
  return { full: clean(full), initials: clean(initials.map((p) => p.slice(0, 1))) };
}

/** Every substring of up to 4 characters (a 3-character name has 6): what "contains" search looks up. */
export function nameGrams(name: string): string[] {
  const chars = [...name.toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) for (let l = 1; l <= 4 && i + l <= chars.length; l++) out.add(chars.slice(i, i + l).join(""));
  return [...out];
}

/**
 * Turns validated fields into the row to store: the ID number parsed (birth date and sex derived),
 * the phone normalised, both encrypted with keyed hashes and masks, the name's pinyin.
 * Returns field errors instead of throwing, so that an import can report every bad cell.
 */
export function normalizeElder(
  fields: ElderFieldsValue,
  secrets: Secrets,
  regions: RegionFacts,
  today = new Date(),
): { ok: true; value: ElderWrite; idNumber: string; phone: string } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const id = parseIdNumber(fields.idNumber, today);
  if (!id.ok) errors.push({ path: "idNumber", message: ID_NUMBER_MESSAGES[id.problem] });
  const phone = normalizePhone(fields.phone);
  if (!isValidPhone(phone)) errors.push({ path: "phone", message: "电话号码格式不正确（手机号11位，固话含区号）" });
  if (!regions.isCommunityInScope(fields.regionCode)) {
    errors.push({ path: "regionCode", message: "所属社区不存在或不在您的管辖范围内" });
  } else if (id.ok) {
    const minAge = regions.minAge(fields.regionCode);
    if (ageOn(id.value.birthDate, todayString(today)) < minAge) {
      errors.push({ path: "idNumber", message: `登记对象应年满${minAge}周岁` });
    }
  }
  if ((fields.lat == null) !== (fields.lng == null)) errors.push({ path: "lat", message: "经度和纬度须同时填写" });
  if (fields.disabilityKind === "none" && fields.disabilityGrade != null) {
    errors.push({ path: "disabilityGrade", message: "无残疾时不应填写残疾等级" });
  }
  if (errors.length > 0 || !id.ok) return { ok: false, errors };
  const py = namePinyin(fields.name);
  return {
    ok: true,
    idNumber: id.value.value,
    phone,
    value: {
      name: fields.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      nameGrams: nameGrams(fields.name),
      idNumberEnc: secrets.encrypt(id.value.value),
      idNumberHash: secrets.lookupHash("id", id.value.value),
      idNumberMasked: maskIdNumber(id.value.value),
      birthDate: id.value.birthDate,
      sex: id.value.sex,
      phoneEnc: secrets.encrypt(phone),
      phoneHash: secrets.lookupHash("phone", phone),
      phoneMasked: maskPhone(phone),
      regionCode: fields.regionCode,
      address: fields.address,
      lat: fields.lat ?? null,
      lng: fields.lng ?? null,
      hukouType: fields.hukouType,
      hukouAddress: fields.hukouAddress ?? null,
      livingSituation: fields.livingSituation,
      economicStatus: fields.economicStatus,
      disabilityKind: fields.disabilityKind,
      disabilityGrade: fields.disabilityGrade ?? null,
      abilityLevel: fields.abilityLevel ?? null,
      tags: [...new Set(fields.tags)],
      health: fields.health,
      notes: fields.notes ?? null,
    },
  };
}

let lastDay: { at: number; value: string } = { at: 0, value: "" };
/** shanghaiDate, memoised for a minute: an import asks for it on every row. */
function todayString(now: Date): string {
  if (Math.abs(now.getTime() - lastDay.at) > 60_000) lastDay = { at: now.getTime(), value: shanghaiDate(now) };
  return lastDay.value;
}

/** zod issues → our field errors ("health.allergies.0"). */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.code === "unrecognized_keys" ? `未知字段：${i.keys.join("、")}` : i.message,
  }));
}
