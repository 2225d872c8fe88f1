import type {
  AbilityLevel,
  DisabilityKind,
  EconomicStatus,
  ElderStatus,
  HealthArchive,
  LivingSituation,
  Permission,
  Role,
} from "@carecircle/shared";

/** GET /api/v1/auth/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string | null;
  permissions: Permission[];
  /** The provider a provider admin (or a worker) belongs to; null for everyone else and for an admin not yet registered. */
  providerId?: string | null;
  /** The elder an elder account stands for. */
  elderId?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface Region {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface ElderListItem {
  id: string;
  name: string;
  sex: "M" | "F";
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string;
  regionCode: string;
  regionName: string | null;
  address: string;
  livingSituation: LivingSituation;
  economicStatus: EconomicStatus;
  disabilityKind: DisabilityKind;
  abilityLevel: AbilityLevel | null;
  tags: string[];
  status: ElderStatus;
}

export interface ElderDetail extends ElderListItem {
  /** From the latest submitted GB/T 42195 assessment (absent on servers without assessments). */
  abilityAssessedAt?: string | null;
  abilityDueAt?: string | null;
  abilityAssessmentId?: string | null;
  lat: number | null;
  lng: number | null;
  hukouType: "local" | "nonlocal";
  hukouAddress: string | null;
  disabilityGrade: number | null;
  health: HealthArchive;
  notes: string | null;
  statusReason: string | null;
  statusDate: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  name: string;
  relation: string;
  phone: string;
  isEmergency: boolean;
  familyUsername: string | null;
}

export interface Consent {
  id: string;
  purpose: string;
  granted: boolean;
  signedBy: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  regionName: string | null;
  ip: string | null;
  requestId: string | null;
  detail: unknown;
}

export type ImportStatus = "running" | "done" | "failed";

export interface ImportJob {
  id: string;
  status: ImportStatus;
  fileName: string;
  totalRows: number | null;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error?: string | null;
}
