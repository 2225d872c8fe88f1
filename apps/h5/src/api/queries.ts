import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "./client.ts";

export interface Me {
  id: string;
  username: string;
  displayName: string;
  /** elder and family book services and follow orders; worker (a provider's caregiver) does the visits */
  role: string;
  regionCode: string;
  providerId: string | null;
  elderId: string | null;
}

export interface MyElder {
  id: string;
  name: string;
  sex: "M" | "F";
  age: number;
  abilityLevel: number | null;
  status: string;
  /** The community the elder lives in: the catalog is filtered by it, and orders are placed for it. */
  regionCode: string;
  regionName: string | null;
  address: string;
  relation: string | null;
}

export type WalletKind = "credit" | "backpay" | "debit" | "expiry";

export interface WalletEntry {
  id: number | string;
  at: string;
  kind: WalletKind;
  unit: "fen" | "minute";
  amount: number;
  month: string | null;
  expiresAt: string | null;
  /** A plain Chinese sentence from the server, e.g. "2026年11月…入账 +25.00 元，2026-12-31 前有效". */
  text: string;
}

export interface Wallet {
  balanceFen: number;
  balanceMinutes: number;
  summary: string;
  entries: WalletEntry[];
}

export const meKey = ["me"] as const;

/** The signed-in user, or null when signed out (401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>("/auth/me");
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useMyElders() {
  return useQuery({ queryKey: ["me", "elders"], queryFn: async () => (await api<{ items: MyElder[] }>("/me/elders")).items });
}

export function useWallet(elderId: string) {
  return useQuery({ queryKey: ["wallet", elderId], queryFn: () => api<Wallet>(`/elders/${encodeURIComponent(elderId)}/wallet`) });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api<{ username: string; role: string }>("/auth/login", { method: "POST", body: input }),
    onSuccess: async () => {
      // nothing from a previous session may show through
      queryClient.removeQueries();
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: () => api<Me>("/auth/me") });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/auth/logout", { method: "POST" }),
    onSuccess: () => {
      queryClient.removeQueries();
      queryClient.setQueryData(meKey, null);
    },
  });
}
