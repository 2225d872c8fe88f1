import type { AbilityLevel, LivingSituation, OrderDetailView, OrderEventView, OrderProduct, OrderView, QuoteView } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

export type { OrderProduct };

export type OrderFlag = OrderView["flags"][number];

/** GET /api/v1/service-orders items */
export type Order = OrderView;

export type OrderEvent = OrderEventView;

/** GET /api/v1/service-orders/{id} */
export type OrderDetail = OrderDetailView;

/** POST /api/v1/service-orders/quote */
export type Quote = QuoteView;

/** GET /api/v1/calls items */
export interface InboundCall {
  id: string;
  callId: string;
  /** The caller's number, masked. */
  from: string;
  to: string | null;
  receivedAt: string;
  matchedBy: "elder" | "contact" | null;
  takenAt: string | null;
  orderId: string | null;
  elder: {
    id: string;
    name: string | null;
    age: number | null;
    address: string | null;
    regionName: string | null;
    abilityLevel: AbilityLevel | null;
    livingSituation: LivingSituation | null;
  } | null;
}

/** GET /api/v1/complaints items */
export interface Complaint {
  id: string;
  orderId: string;
  orderNo: string;
  regionCode: string;
  providerId: string;
  providerName: string | null;
  elderName: string | null;
  content: string;
  byRole: string;
  status: "open" | "resolved";
  resolution: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/** GET /api/v1/return-visits/sample */
export interface VisitSample {
  rate: number;
  items: {
    orderId: string;
    orderNo: string;
    elderName: string;
    elderPhone: string;
    providerName: string;
    productName: string;
    confirmedAt: string;
    regionName: string | null;
  }[];
}

export interface SatisfactionRow {
  key: string;
  name: string | null;
  visits: number;
  reached: number;
  satisfied: number;
  notHappened: number;
  /** Percent with one decimal, or null when nobody was reached. */
  rate: number | null;
}
/** GET /api/v1/return-visits/stats */
export interface SatisfactionStats {
  items: SatisfactionRow[];
  overall: { visits: number; reached: number; satisfied: number; rate: number | null };
}

export const ORDERS_KEY = ["orders"] as const;
export const orderKey = (id: string) => ["orders", "detail", id] as const;

export function useOrder(id: string | undefined) {
  return useQuery({ queryKey: orderKey(id ?? ""), enabled: !!id, queryFn: () => api<OrderDetail>(`/service-orders/${encodeURIComponent(id ?? "")}`) });
}

/** A fresh Idempotency-Key: crypto.randomUUID where the page is a secure context, random bytes otherwise (plain http on a LAN). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}
