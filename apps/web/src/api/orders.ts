import type { AbilityLevel, LivingSituation, OrderAction, OrderParty, OrderProduct, OrderStatus, QuoteView } from "@carecircle/shared";

export type { OrderProduct };
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";


export interface OrderFlag {
  code: string;
  text: string;
}

/** GET /api/v1/service-orders items */
export interface Order {
  id: string;
  orderNo: string;
  status: OrderStatus;
  statusName: string;
  elderId: string;
  elderName: string | null;
  elderPhone: string | null;
  regionCode: string;
  regionName: string | null;
  providerId: string;
  providerName: string | null;
  productId: string;
  product: OrderProduct;
  unitPriceFen: number;
  priceTier: string | null;
  slotStart: string;
  slotEnd: string;
  address: string;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  channel: string;
  workerId: string | null;
  workerName: string | null;
  workerPhone: string | null;
  workerAcceptedAt: string | null;
  checkedInAt: string | null;
  checkInDistanceM: number | null;
  checkedOutAt: string | null;
  tasksDone: string[] | null;
  serviceNotes: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  actualMinutes: number | null;
  billableMinutes: number | null;
  priceFen: number | null;
  walletMinutes: number | null;
  minutesFen: number | null;
  walletFen: number | null;
  copayFen: number | null;
  copayMethod: string | null;
  settledAt: string | null;
  closedReason: string | null;
  flags: OrderFlag[];
  stars: number | null;
  createdAt: string;
}

export interface OrderEvent {
  id: number;
  /** An action of the state machine, or the system's "place", "flag", "dispatch_none". */
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorName: string | null;
  actorRole: string | null;
  at: string;
  detail: Record<string, unknown>;
}

/** GET /api/v1/service-orders/{id}: with the timeline and the actions open to the signed-in user. */
export interface OrderDetail extends Order {
  actions: OrderAction[];
  parties: OrderParty[];
  events: OrderEvent[];
}

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
