import type { CreateSubsidyRuleInput, SubsidyBenefit, SubsidyConditions } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Region } from "../../api/types.ts";

export type BenefitKind = SubsidyBenefit["kind"];
export type Frequency = CreateSubsidyRuleInput["frequency"];
export type RuleStatus = "draft" | "active" | "retired";

/** GET /api/v1/subsidy-rules items */
export interface SubsidyRule {
  id: string;
  regionCode: string;
  code: string;
  version: number;
  name: string;
  description: string | null;
  conditions: SubsidyConditions;
  benefit: SubsidyBenefit;
  frequency: Frequency;
  budgetLine: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: RuleStatus;
  activatedAt: string | null;
}

/** POST /api/v1/subsidy-rules/{id}/preview */
export interface RulePreview {
  month: string;
  eligible: number;
  perElder: { amountFen: number; minutes: number; kind: BenefitKind };
  costFen: number;
  minutes: number;
  frequency: Frequency;
  byStreet: { regionCode: string; regionName: string | null; eligible: number }[];
  sample: { id: string; name: string; idNumber: string; regionCode: string; birthDate: string }[];
}

export type RunStatus = "running" | "done" | "failed";
export interface RunSummary {
  rules: { ruleCode: string; kind: BenefitKind; budgetLine: string; entitlements: number; amountFen: number; minutes: number; backpay: number }[];
  regions: { regionCode: string; entitlements: number; amountFen: number }[];
  totals: { entitlements: number; cashFen: number; walletFen: number; minutes: number };
}
/** A monthly run: POST/GET /api/v1/subsidy-runs */
export interface SubsidyRun {
  id: string;
  month: string;
  regionCode?: string;
  status: RunStatus;
  progress: number;
  doneSteps: number;
  totalSteps: number;
  summary: RunSummary | null;
  error: string | null;
  startedAt?: string;
  finishedAt?: string | null;
}

export interface SubsidyFlag {
  id: string;
  elderId: string;
  name: string;
  regionCode: string;
  kind: string;
  month: string;
  detail: string;
}

export interface TotalsRow {
  key: string;
  kind: BenefitKind | null;
  entitlements: number;
  amountFen: number;
  minutes: number;
}

export interface WalletEntry {
  id: number | string;
  at: string;
  kind: "credit" | "backpay" | "debit" | "expiry";
  unit: "fen" | "minute";
  amount: number;
  month: string | null;
  expiresAt: string | null;
  text: string;
}
export interface Wallet {
  balanceFen: number;
  balanceMinutes: number;
  summary: string;
  entries: WalletEntry[];
}

export const RULES_KEY = ["subsidies", "rules"] as const;
export const RUNS_KEY = ["subsidies", "runs"] as const;

export function useRules() {
  return useQuery({ queryKey: RULES_KEY, queryFn: () => api<{ items: SubsidyRule[] }>("/subsidy-rules") });
}

/** The child regions (streets) of a region, for naming the run's regions. */
export function useRegionNames(parent: string | undefined) {
  return useQuery({
    queryKey: ["regions", "children", parent],
    enabled: !!parent,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const res = await api<{ items: Region[] } | Region[]>("/regions", { query: { parent } });
      const items = Array.isArray(res) ? res : res.items;
      return new Map(items.map((r) => [r.code, r.name]));
    },
  });
}
