import type { CertificateKind, ProductView, ProviderStatus, ServiceCategory, WorkerSkill } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/** GET /api/v1/providers items, GET /api/v1/providers/{id} */
export interface Provider {
  id: string;
  name: string;
  creditCode: string;
  legalPerson: string;
  phone: string;
  address: string;
  regionCode: string;
  regionName: string | null;
  lat: number | null;
  lng: number | null;
  serviceRegions: string[];
  qualifications: string[];
  description: string | null;
  autoAccept: boolean;
  status: ProviderStatus;
  statusReason: string | null;
  statusAt: string | null;
  rating: number | null;
  ratingCount: number;
  createdAt: string;
}

export interface Certificate {
  kind: CertificateKind;
  level?: number | null;
  number?: string | null;
  validFrom?: string | null;
  validTo: string;
}

/** GET /api/v1/providers/{id}/workers items (the phone arrives masked). */
export interface Worker {
  id: string;
  providerId: string;
  userId: string | null;
  name: string;
  phone: string;
  skills: WorkerSkill[];
  certificates: Certificate[];
  workDays: number[];
  workStart: string;
  workEnd: string;
  baseLat: number;
  baseLng: number;
  active: boolean;
  rating: number | null;
  ratingCount: number;
}

export type { PriceTier } from "@carecircle/shared";

/** GET /api/v1/service-products items */
export type Product = ProductView;

/** GET /api/v1/providers/{id}/statements/{month} */
export interface Statement {
  providerId: string;
  providerName: string;
  month: string;
  totals: {
    orders: number;
    priceFen: number;
    subsidyFen: number;
    minutesFen: number;
    walletFen: number;
    walletMinutes: number;
    copayFen: number;
    copayCashFen: number;
    copayTransferFen: number;
    outstandingOrders: number;
    outstandingCopayFen: number;
    /** Orders paid with time-bank hours, the hours, and the part of their price the hours covered (the time bank owes it). */
    timebankOrders: number;
    timebankMinutes: number;
    timebankFen: number;
  };
  servedElders: { total: number; disabled: number; semiDisabled: number; selfCare: number };
  /** Operating subsidies owed to the provider: each rule's served elders × its amount. */
  operatingSubsidies: { ruleId: string; ruleCode: string; name: string; budgetLine: string; elders: number; perElderFen: number; amountFen: number }[];
  operatingSubsidyFen: number;
  lines: StatementLine[];
}

export interface StatementLine {
  orderId: string;
  orderNo: string;
  settledAt: string;
  elderName: string;
  productName: string;
  workerName: string | null;
  actualMinutes: number | null;
  priceFen: number;
  minutesFen: number;
  walletFen: number;
  copayFen: number;
  copayMethod: string;
  copayReference: string | null;
  timebankMinutes: number | null;
  timebankFen: number | null;
}

export const PROVIDERS_KEY = ["providers"] as const;
export const providerKey = (id: string) => ["providers", "detail", id] as const;
export const workersKey = (providerId: string) => ["providers", "workers", providerId] as const;
export const productsKey = (query: Record<string, string | undefined>) => ["products", query] as const;

export function useProviders(status?: ProviderStatus) {
  return useQuery({
    queryKey: [...PROVIDERS_KEY, "list", status ?? "all"],
    queryFn: () => api<{ items: Provider[] }>("/providers", { query: { status } }),
  });
}

export function useProvider(id: string | undefined) {
  return useQuery({ queryKey: providerKey(id ?? ""), enabled: !!id, queryFn: () => api<Provider>(`/providers/${encodeURIComponent(id ?? "")}`) });
}

export function useWorkers(providerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: workersKey(providerId ?? ""),
    enabled: !!providerId && enabled,
    queryFn: () => api<{ items: Worker[] }>(`/providers/${encodeURIComponent(providerId ?? "")}/workers`),
  });
}

/** The catalog (on sale, approved providers), or a provider admin's own products including those off sale. */
export function useProducts(query: { providerId?: string; category?: ServiceCategory; regionCode?: string }, enabled = true) {
  const q = { providerId: query.providerId, category: query.category, regionCode: query.regionCode };
  return useQuery({
    queryKey: productsKey(q),
    enabled,
    queryFn: () => api<{ items: Product[] }>("/service-products", { query: { ...q, limit: 500 } }),
  });
}
