import type { OrderDetailView, OrderEventView, OrderProduct, OrderStatus, OrderView, QuoteView, TransitionInput } from "@carecircle/shared";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.ts";

export type { OrderProduct };

export type Order = OrderView;

export type OrderEvent = OrderEventView;

/** One order as its detail page sees it: with the actions open to the signed-in user, and its timeline. */
export type OrderDetail = OrderDetailView;

/** What booking asks for; the quote and the order take the same body. */
export interface Booking {
  elderId: string;
  productId: string;
  slotStart: string;
  address?: string;
  notes?: string;
  /** Pay with the elder's own time-bank hours (where the quote offers it). */
  timebank?: { accountId: string };
}

/** The price preview: nothing is written. The split is at today's wallet balances. */
export type Quote = QuoteView;

// orders change under the user's eyes (the worker arrives, the elder confirms): pages that follow one look again this often
const FOLLOW_MS = 20_000;
const LIST_PAGE = 10;

/** The statuses a worker still has something to do in. */
export const OPEN_JOB_STATUSES: readonly OrderStatus[] = ["assigned", "on_the_way", "checked_in", "checked_out"];
const FINISHED: readonly OrderStatus[] = ["confirmed", "settled", "cancelled", "rejected", "no_show"];

export function useQuote(booking: Booking | null) {
  return useQuery({
    queryKey: ["quote", booking?.elderId, booking?.productId, booking?.slotStart],
    queryFn: () => api<Quote>("/service-orders/quote", { method: "POST", body: booking }),
    enabled: booking !== null,
  });
}

/** Places an order; the same Idempotency-Key on a retry (a double tap, a lost answer) returns the first order. */
export function usePlaceOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ booking, key }: { booking: Booking; key: string }) => api<OrderDetail>("/service-orders", { method: "POST", body: booking, headers: { "Idempotency-Key": key } }),
    onSuccess: (order) => {
      queryClient.setQueryData(["order", order.id], order);
      void queryClient.invalidateQueries({ queryKey: ["orders"] });
      // paid with hours: the balance changed
      if (order.timebankMinutes !== null) void queryClient.invalidateQueries({ queryKey: ["timebank"] });
    },
  });
}

/** The signed-in elder's or family member's orders, newest first, a short page at a time. */
export function useMyOrders() {
  return useInfiniteQuery({
    queryKey: ["orders", "mine"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<{ items: Order[]; nextCursor: string | null }>(`/service-orders?limit=${LIST_PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A caregiver's open jobs, earliest first (their day in order). */
export function useJobs() {
  return useQuery({
    queryKey: ["orders", "jobs"],
    queryFn: async () => (await api<{ items: Order[] }>(`/service-orders?sort=slot&status=${OPEN_JOB_STATUSES.join(",")}&limit=200`)).items,
    refetchInterval: FOLLOW_MS,
  });
}

/** One order; looked at again every little while until it is finished, so the page follows what happens. */
export function useOrder(id: string) {
  return useQuery({
    queryKey: ["order", id],
    queryFn: () => api<OrderDetail>(`/service-orders/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : FOLLOW_MS),
  });
}

/** After any change to an order: its page shows the server's answer, and the lists and the wallet are read again. */
function useOrderChanged() {
  const queryClient = useQueryClient();
  return (order: OrderDetail) => {
    queryClient.setQueryData(["order", order.id], order);
    void queryClient.invalidateQueries({ queryKey: ["orders"] });
    void queryClient.invalidateQueries({ queryKey: ["wallet", order.elderId] });
    if (order.timebankMinutes !== null) void queryClient.invalidateQueries({ queryKey: ["timebank"] });
  };
}

export function useTransition(id: string) {
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: (input: TransitionInput) => api<OrderDetail>(`/service-orders/${encodeURIComponent(id)}/transitions`, { method: "POST", body: input }),
    onSuccess: changed,
  });
}

/** 退回: the job goes back to dispatch; the server answers with the outcome alone (`visible: false`), no longer the worker's. */
export function useRefuse(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api<{ id: string; status: string; visible?: boolean }>(`/service-orders/${encodeURIComponent(id)}/transitions`, { method: "POST", body: { action: "refuse", reason } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["order", id] });
      void queryClient.invalidateQueries({ queryKey: ["orders"] });
    },
  });
}

/** The elder's full phone for the caregiver on the job (the server audits each read). */
export function useContact(id: string) {
  return useMutation({ mutationFn: () => api<{ elderName: string; elderPhone: string; emergencyContact: { name: string; relation: string; phone: string } | null }>(`/service-orders/${encodeURIComponent(id)}/contact`) });
}

export function useRate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { stars: number; comment?: string }) => api<{ stars: number }>(`/service-orders/${encodeURIComponent(id)}/rating`, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["order", id] }),
  });
}

export function useComplain(id: string) {
  return useMutation({
    mutationFn: (content: string) => api<{ id: string }>(`/service-orders/${encodeURIComponent(id)}/complaints`, { method: "POST", body: { content } }),
  });
}
