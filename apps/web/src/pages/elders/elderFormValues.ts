import type { AbilityLevel, CreateElderInput, DisabilityKind, EconomicStatus, LivingSituation, UpdateElderInput } from "@carecircle/shared";
import { normalizePhone } from "@carecircle/shared";
import type { Dayjs } from "dayjs";
import type { ElderDetail } from "../../api/types.ts";
import { dayjs } from "../../lib/time.ts";

/** What the antd form holds (dates as Dayjs, empty strings allowed). */
export interface ElderFormValues {
  name: string;
  idNumber?: string;
  phone?: string;
  address: string;
  regionCode?: string;
  lat?: number | null;
  lng?: number | null;
  hukouType: "local" | "nonlocal";
  hukouAddress?: string;
  livingSituation: LivingSituation;
  economicStatus: EconomicStatus;
  disabilityKind: DisabilityKind;
  disabilityGrade?: number | null;
  abilityLevel?: AbilityLevel | null;
  tags: string[];
  health: {
    chronicDiseases: string[];
    allergies: string[];
    medications: string[];
    familyDoctor?: { name?: string; institution?: string; contractDate?: Dayjs | null };
  };
  notes?: string;
}

/** Fields whose errors arrive per item ("tags.2") but which the form holds whole. */
export const LIST_FIELDS = [["tags"], ["health", "chronicDiseases"], ["health", "allergies"], ["health", "medications"]];

export const EMPTY_VALUES: ElderFormValues = {
  name: "",
  address: "",
  hukouType: "local",
  livingSituation: "with_family",
  economicStatus: "ordinary",
  disabilityKind: "none",
  tags: [],
  health: { chronicDiseases: [], allergies: [], medications: [] },
};

/** A loaded record as form values; ID number and phone stay empty (they arrive masked). */
export function valuesFromDetail(e: ElderDetail): ElderFormValues {
  const doctor = e.health.familyDoctor;
  return {
    name: e.name,
    address: e.address,
    regionCode: e.regionCode,
    lat: e.lat,
    lng: e.lng,
    hukouType: e.hukouType,
    hukouAddress: e.hukouAddress ?? "",
    livingSituation: e.livingSituation,
    economicStatus: e.economicStatus,
    disabilityKind: e.disabilityKind,
    disabilityGrade: e.disabilityGrade,
    abilityLevel: e.abilityLevel,
    tags: e.tags,
    health: {
      chronicDiseases: e.health.chronicDiseases ?? [],
      allergies: e.health.allergies ?? [],
      medications: e.health.medications ?? [],
      familyDoctor: doctor
        ? { name: doctor.name, institution: doctor.institution ?? "", contractDate: doctor.contractDate ? dayjs(doctor.contractDate) : null }
        : undefined,
    },
    notes: e.notes ?? "",
  };
}

const blankToNull = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

function familyDoctorOf(v: ElderFormValues["health"]["familyDoctor"]) {
  const name = v?.name?.trim();
  if (!name) return null;
  return {
    name,
    ...(v?.institution?.trim() ? { institution: v.institution.trim() } : {}),
    ...(v?.contractDate ? { contractDate: v.contractDate.format("YYYY-MM-DD") } : {}),
  };
}

/** The request body: POST (create) or PATCH (edit; ID number and phone only when retyped). */
export function toBody(v: ElderFormValues, version?: number): CreateElderInput | UpdateElderInput {
  const body: UpdateElderInput = {
    name: v.name,
    address: v.address,
    regionCode: v.regionCode,
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    hukouType: v.hukouType,
    hukouAddress: blankToNull(v.hukouAddress),
    livingSituation: v.livingSituation,
    economicStatus: v.economicStatus,
    disabilityKind: v.disabilityKind,
    disabilityGrade: v.disabilityKind === "none" ? null : (v.disabilityGrade ?? null),
    abilityLevel: v.abilityLevel ?? null,
    tags: v.tags,
    health: {
      chronicDiseases: v.health.chronicDiseases,
      allergies: v.health.allergies,
      medications: v.health.medications,
      familyDoctor: familyDoctorOf(v.health.familyDoctor),
    },
    notes: blankToNull(v.notes),
  };
  if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim().toUpperCase();
  if (v.phone?.trim()) body.phone = normalizePhone(v.phone);
  if (version !== undefined) body.version = version;
  return body;
}
