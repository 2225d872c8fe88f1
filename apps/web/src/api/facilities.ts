import type { FacilityStatus, FacilityTier, OperatingModel, Residents, StaffCertKind, StaffPost } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import type { Me } from "./types.ts";

export const FACILITIES_KEY = ["facilities"] as const;
export const PLANNING_KEY = ["planning"] as const;
export const STAFF_KEY = ["staff"] as const;

/** GET /api/v1/facilities items */
export interface Facility {
  id: string;
  name: string;
  tier: FacilityTier;
  parentId: string | null;
  parentName: string | null;
  regionCode: string;
  regionName: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  operatorName: string;
  operatorProviderId: string | null;
  operatingModel: OperatingModel;
  areaM2: number;
  beds: number;
  nursingBeds: number;
  staffCount: number;
  openingHours: string | null;
  services: string[];
  filingNo: string | null;
  filedAt: string | null;
  filingDocuments: { name: string; url?: string | null; note?: string | null }[];
  residents: Residents;
  status: FacilityStatus;
  statusReason: string | null;
  statusAt: string | null;
  stars: number | null;
  unqualified: boolean;
  ratedAt: string | null;
}

/** GET /api/v1/facilities/{id} */
export interface FacilityDetail extends Facility {
  ledStations: { id: string; name: string; tier: FacilityTier; regionCode: string; regionName: string | null; status: FacilityStatus }[];
  staffOnRecord: number;
  caregiversOnRecord: number;
}

export interface FacilityFilters {
  tier?: FacilityTier;
  status?: FacilityStatus;
  regionCode?: string;
  q?: string;
}

export function useFacilities(filters: FacilityFilters) {
  return useQuery({
    queryKey: [...FACILITIES_KEY, "list", filters],
    queryFn: () => api<{ items: Facility[]; nextCursor: string | null }>("/facilities", { query: { ...filters, limit: 500 } }),
  });
}

export function useFacility(id: string | null) {
  return useQuery({ queryKey: [...FACILITIES_KEY, "one", id], queryFn: () => api<FacilityDetail>(`/facilities/${id}`), enabled: !!id });
}

/** GET /api/v1/planning */
export interface Planning {
  regionCode: string;
  regionName: string;
  level: number;
  figures: { elders: number; beds: number; nursingBeds: number; areaM2: number; streets: number; communities: number; centers: number; stations: number; points: number; institutions: number; households: null };
  targets: { key: string; target: number; actual: number | null; met: boolean | null; unknown?: string }[];
  streetsWithoutCenter: { code: string; name: string }[];
  communitiesWithoutStation: { code: string; name: string; village: boolean; streetName: string | null }[];
}

export function usePlanning(regionCode: string | undefined) {
  return useQuery({ queryKey: [...PLANNING_KEY, regionCode ?? ""], queryFn: () => api<Planning>("/planning", { query: { regionCode } }) });
}

/** GET /api/v1/staff items */
export interface StaffMember {
  id: string;
  name: string;
  idNumber: string;
  regionCode: string;
  facilityId: string | null;
  providerId: string | null;
  employerName: string | null;
  post: StaffPost;
  certificates: { kind: StaffCertKind; level?: number | null; number: string; validTo: string; state: "valid" | "expiring" | "expired" }[];
  certificateAlert: "expiring" | "expired" | null;
  education: string | null;
  graduatedOn: string | null;
  hiredOn: string | null;
  active: boolean;
  bonus: { eligible: boolean; until: string | null; reason: string };
  lastPassedTrainingOn: string | null;
}

export function useStaff(filters: { expiring?: number; post?: StaffPost; q?: string }) {
  return useQuery({
    queryKey: [...STAFF_KEY, "list", filters],
    queryFn: () => api<{ items: StaffMember[]; nextCursor: string | null }>("/staff", { query: { ...filters, limit: 500 } }),
  });
}

export interface WorkforceSummary {
  activeStaff: number;
  caregivers: number;
  trainedLast12Months: number;
  trainingRate: number | null;
  certificatesDue: number;
  certificatesExpired: number;
  warningDays: number;
}

export function useWorkforceSummary() {
  return useQuery({ queryKey: [...STAFF_KEY, "summary"], queryFn: () => api<WorkforceSummary>("/workforce") });
}

export interface StaffingItem {
  facilityId: string;
  name: string;
  regionCode: string;
  residents: Residents;
  ratios: { disabled: number; semiDisabled: number; selfCare: number };
  required: number;
  caregivers: number;
  shortfall: number;
}

export function useStaffing() {
  return useQuery({ queryKey: [...STAFF_KEY, "staffing"], queryFn: () => api<{ items: StaffingItem[]; withShortfall: number }>("/staffing") });
}

/** The facility pages: the bureau with facility:read; a provider admin sees the facilities its provider runs (read-only). */
export const mayOpenFacilities = (me: Me) => me.permissions.includes("facility:read") || (me.role === "provider_admin" && !!me.providerId);
/** The planning page: the bureau only (it counts the registry's elders). */
export const mayPlan = (me: Me) => me.permissions.includes("facility:read");
