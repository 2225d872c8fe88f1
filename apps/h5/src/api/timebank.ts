import { minutesAsHours, type TimebankAccountView, type TimebankEntryView, type TimebankRequestView } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "./client.ts";

export type TbRequest = TimebankRequestView;

/** An account's entries and the account with its statement (the shared view types). */
export type TbAccount = TimebankAccountView;
export type TbEntry = TimebankEntryView;

export interface MyVolunteer {
  id: string;
  name: string;
  status: "pending" | "verified" | "suspended";
  regionCode: string;
  team: string | null;
}

const FOLLOW_MS = 20_000;
const notFoundAsNull = async <T>(call: () => Promise<T>): Promise<T | null> => {
  try {
    return await call();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
};

/** The signed-in volunteer's own record; null when the account is not linked to a registered volunteer. */
export function useMyVolunteer() {
  return useQuery({ queryKey: ["timebank", "me"], queryFn: () => notFoundAsNull(() => api<MyVolunteer>("/me/volunteer")) });
}

/** A volunteer's or an elder's time account; null while none has been opened (nothing deposited or given yet). */
export function useTbAccount(holder: { volunteerId: string } | { elderId: string } | null) {
  const query = holder ? ("volunteerId" in holder ? `volunteerId=${holder.volunteerId}` : `elderId=${holder.elderId}`) : "";
  return useQuery({
    queryKey: ["timebank", "account", query],
    queryFn: () => notFoundAsNull(() => api<TbAccount>(`/timebank/accounts?${query}`)),
    enabled: holder !== null,
    refetchInterval: FOLLOW_MS,
  });
}

/** Requests: a volunteer's open ones nearby and their own; an elder's (or family's) own. */
export function useTbRequests(elderId?: string) {
  return useQuery({
    queryKey: ["timebank", "requests", elderId ?? ""],
    queryFn: () => api<{ items: TbRequest[] }>(`/timebank/requests${elderId ? `?elderId=${elderId}` : ""}`).then((r) => r.items),
    refetchInterval: FOLLOW_MS,
  });
}

export type TbActionBody =
  | { action: "take" | "release" | "check_out" | "cancel" }
  | { action: "check_in"; lat: number; lng: number; datum: "wgs84" }
  | { action: "confirm"; redeem: boolean };

export function useTbAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TbActionBody) => api<TbRequest>(`/timebank/requests/${id}/actions`, { method: "POST", body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["timebank"] }),
  });
}

export interface AskHelp {
  elderId: string;
  description: string;
  day: string;
  startTime?: string;
  minutes: number;
}

export function useAskHelp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AskHelp) => api<TbRequest>("/timebank/requests", { method: "POST", body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["timebank"] }),
  });
}

/** Gives hours to the district's donation pool (the volunteer's own account). */
export function useDonate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { accountId: string; minutes: number }) => api<unknown>("/timebank/transfers", { method: "POST", body: { kind: "donate", ...body } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["timebank"] }),
  });
}

/** Minutes as hours, without trailing zeros: 90 → "1.5". */
export const hours = minutesAsHours;
