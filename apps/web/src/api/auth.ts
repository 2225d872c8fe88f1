import type { Permission } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "./client.ts";
import { mayOpenFacilities, mayPlan } from "./facilities.ts";
import { mayRate } from "./ratings.ts";
import { mayReadRegionRules } from "./region-rules.ts";
import { SUPERVISION_GATES } from "./supervision.ts";
import { mayRunTimebank } from "./timebank.ts";
import { mayCareCall, mayReadVisits } from "./visits.ts";
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

/** Bureau staff (民政): they supervise orders, flags, complaints and statements in their region. */
export function isBureau(me: Me | null | undefined): boolean {
  return !!me && (me.role === "city_admin" || me.role === "district_admin" || me.role === "street_staff");
}

/** A provider admin whose provider is registered: their pages follow `providerId`, not permissions. */
export function ownProviderId(me: Me | null | undefined): string | null {
  return me?.role === "provider_admin" ? (me.providerId ?? null) : null;
}

/** Who may open the marketplace pages (the provider admin holds no order permission: they see their own). */
export const GATES = {
  providers: (me: Me) => can(me, "provider:approve") || me.role === "provider_admin",
  orders: (me: Me) => can(me, "order:read") || !!ownProviderId(me),
  flagged: (me: Me) => isBureau(me) && can(me, "order:read"),
  calls: (me: Me) => can(me, "order:place"),
  visits: (me: Me) => can(me, "order:supervise"),
  complaints: (me: Me) => isBureau(me) && can(me, "order:read"),
  statements: (me: Me) => !!ownProviderId(me) || (isBureau(me) && can(me, "order:read")),
} as const satisfies Record<string, (me: Me) => boolean>;

export interface ConsolePage {
  /** The menu key; a query string (`/orders?flagged=true`) makes a preset of a page. */
  path: string;
  labelKey: string;
  /** The permission it needs, or a rule (`allow`) when permissions alone do not say. */
  permission?: Permission;
  allow?: (me: Me) => boolean;
  /** Where the menu goes when that differs from `path` (a provider admin's own provider). */
  target?: (me: Me) => string;
  /** `menu-{testId}`; by default the path with slashes as dashes. */
  testId?: string;
  /** The menu section it stands under (a heading, `menuGroup.{group}`). */
  group: MenuGroup;
}

/** The menu's sections, in order: a bureau clerk finds a page by what it is about. */
export const MENU_GROUPS = ["people", "services", "alarms", "facilities", "community", "system"] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** The console's pages, in menu order (section by section), with what each needs. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { path: "/elders", permission: "elder:read", labelKey: "menu.elders", group: "people" },
  { path: "/elders/import", permission: "elder:import", labelKey: "menu.import", group: "people" },
  { path: "/assessments/due", permission: "assessment:read", labelKey: "menu.assessmentsDue", group: "people" },
  { path: "/subsidies/rules", permission: "subsidy:read", labelKey: "menu.subsidyRules", group: "people" },
  { path: "/subsidies/runs", permission: "subsidy:read", labelKey: "menu.subsidyRuns", group: "people" },
  { path: "/subsidies/totals", permission: "subsidy:read", labelKey: "menu.subsidyTotals", group: "people" },
  {
    path: "/providers",
    allow: GATES.providers,
    labelKey: "menu.providers",
    target: (me) => (ownProviderId(me) ? `/providers/${ownProviderId(me)}` : "/providers"),
    group: "services",
  },
  { path: "/orders", allow: GATES.orders, labelKey: "menu.orders", group: "services" },
  { path: "/orders?flagged=true", allow: GATES.flagged, labelKey: "menu.flagged", testId: "orders-flagged", group: "services" },
  { path: "/calls", allow: GATES.calls, labelKey: "menu.calls", group: "services" },
  { path: "/return-visits", allow: GATES.visits, labelKey: "menu.returnVisits", group: "services" },
  { path: "/complaints", allow: GATES.complaints, labelKey: "menu.complaints", group: "services" },
  { path: "/statements", allow: GATES.statements, labelKey: "menu.statements", group: "services" },
  { path: "/alarms", permission: "alarm:handle", labelKey: "menu.alarms", group: "alarms" },
  { path: "/devices", permission: "device:manage", labelKey: "menu.devices", group: "alarms" },
  { path: "/facilities", allow: mayOpenFacilities, labelKey: "facilityMenu.facilities", group: "facilities" },
  { path: "/planning", allow: mayPlan, labelKey: "facilityMenu.planning", group: "facilities" },
  { path: "/workforce", allow: mayOpenFacilities, labelKey: "facilityMenu.workforce", group: "facilities" },
  { path: "/ratings", allow: mayRate, labelKey: "ratings.menu", group: "facilities" },
  { path: "/supervision/inspections", allow: SUPERVISION_GATES.inspections, labelKey: "supervision.menu.inspections", group: "facilities" },
  { path: "/supervision/rectifications", allow: SUPERVISION_GATES.rectifications, labelKey: "supervision.menu.rectifications", group: "facilities" },
  { path: "/supervision/board", allow: SUPERVISION_GATES.board, labelKey: "supervision.menu.board", group: "facilities" },
  { path: "/supervision/credit", allow: SUPERVISION_GATES.credit, labelKey: "supervision.menu.credit", group: "facilities" },
  { path: "/timebank", allow: mayRunTimebank, labelKey: "timebank.menu", group: "community" },
  { path: "/visit-plans", allow: mayReadVisits, labelKey: "visitsConsole.menu.plans", group: "community" },
  { path: "/care-calls", allow: mayCareCall, labelKey: "visitsConsole.menu.calls", group: "community" },
  { path: "/visit-board", allow: mayReadVisits, labelKey: "visitsConsole.menu.board", group: "community" },
  { path: "/visit-rules", allow: mayReadVisits, labelKey: "visitRules.menu", group: "community" },
  { path: "/region-rules", allow: mayReadRegionRules, labelKey: "regionRules.menu", group: "system" },
  { path: "/audit", permission: "audit:read", labelKey: "menu.audit", group: "system" },
];

export function mayOpen(me: Me | null | undefined, page: ConsolePage): boolean {
  if (!me) return false;
  if (page.allow) return page.allow(me);
  return !!page.permission && can(me, page.permission);
}

/** The first page this user may open, or null when the role has none here. */
export function firstPageFor(me: Me): string | null {
  const page = CONSOLE_PAGES.find((p) => mayOpen(me, p));
  return page ? (page.target?.(me) ?? page.path) : null;
}
