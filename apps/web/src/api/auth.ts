import type { Permission } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "./client.ts";
import type { Me } from "./types.ts";

export const ME_KEY = ["auth", "me"] as const;

/** The signed-in user, or null when nobody is signed in (no redirect from here: the router decides). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>("/auth/me", { allow401: true });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function can(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** The console's pages, in menu order, with the permission each needs. */
export const CONSOLE_PAGES = [
  { path: "/elders", permission: "elder:read", labelKey: "menu.elders" },
  { path: "/elders/import", permission: "elder:import", labelKey: "menu.import" },
  { path: "/assessments/due", permission: "assessment:read", labelKey: "menu.assessmentsDue" },
  { path: "/subsidies/rules", permission: "subsidy:read", labelKey: "menu.subsidyRules" },
  { path: "/subsidies/runs", permission: "subsidy:read", labelKey: "menu.subsidyRuns" },
  { path: "/subsidies/totals", permission: "subsidy:read", labelKey: "menu.subsidyTotals" },
  { path: "/audit", permission: "audit:read", labelKey: "menu.audit" },
] as const satisfies readonly { path: string; permission: Permission; labelKey: string }[];

/** The first page this user may open, or null when the role has none here. */
export function firstPageFor(me: Me): string | null {
  return CONSOLE_PAGES.find((p) => can(me, p.permission))?.path ?? null;
}
