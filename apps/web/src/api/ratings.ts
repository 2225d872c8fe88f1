import type { EvaluationStatus, RatingScheme } from "@carecircle/shared";
import type { Me } from "./types.ts";

/** Who opens the 星级评定 pages: the bureau (rounds, confirmation), assessors (scoring), a provider admin (its facilities' results). */
export function mayRate(me: Me): boolean {
  return me.permissions.includes("supervision:manage") || me.permissions.includes("evaluation:score") || me.role === "provider_admin";
}

export interface SchemeRow {
  id: string;
  regionCode: string;
  name: string;
  isDefault: boolean;
  scheme: RatingScheme;
}

export interface RoundRow {
  id: string;
  name: string;
  schemeName: string;
  appealDays: number;
  recheck: boolean;
  status: "open" | "closed";
  createdAt: string;
  byStatus: Partial<Record<EvaluationStatus, number>>;
}

export interface SectionResult {
  key: string;
  name: string;
  points: number;
  maxPoints: number;
  percent: number;
  weighted: number;
  belowMinimum: boolean;
}

/** GET /api/v1/evaluations items and GET /api/v1/evaluations/{id} (the latter with scheme and photos). */
export interface Evaluation {
  id: string;
  roundId: string;
  roundName: string;
  recheck: boolean;
  appealDays: number;
  facilityId: string;
  facilityName: string;
  facilityTier: string;
  facilityAddress: string;
  assessorId: string | null;
  status: EvaluationStatus;
  scores: Record<string, number>;
  remarks: Record<string, string>;
  photos: { id: string; itemKey: string; photo?: string; addedAt: string }[];
  score: number | null;
  stars: number | null;
  unqualified: boolean | null;
  result: { sections: SectionResult[]; reward?: { amountFen: number; year: number; budgetLine: string } | null; rescored?: { assessorScore: number; assessorStars: number } } | null;
  submittedAt: string | null;
  appealDeadline: string | null;
  appealReason: string | null;
  appealedAt: string | null;
  appealAnswer: string | null;
  confirmedAt: string | null;
  schemeName?: string;
  scheme?: RatingScheme;
  myRoles?: ("bureau" | "assessor" | "facility" | "reader")[];
  rectificationId?: string | null;
}

/** GET /api/v1/public/ratings items */
export interface PublicRating {
  id: string;
  name: string;
  tier: string;
  address: string;
  regionName: string | null;
  status: string;
  stars: number | null;
  score: number | null;
  ratedAt: string | null;
}
