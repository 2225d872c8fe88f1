import { ORDER_STATUSES, type OrderStatus } from "@carecircle/shared";
import type { Query } from "../../api/client.ts";

/** What the order filter holds; kept in the URL so that a preset (`?flagged=true`) is a link and "back" keeps it. */
export interface OrderFilterValues {
  status: OrderStatus[];
  flagged: boolean;
  day?: string;
  region?: string;
}

export function filtersFromParams(p: URLSearchParams): OrderFilterValues {
  const day = p.get("day");
  return {
    status: (p.get("status") ?? "").split(",").filter((s): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s)),
    flagged: p.get("flagged") === "true",
    day: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined,
    region: p.get("region") ?? undefined,
  };
}

export function filtersToParams(f: OrderFilterValues): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set("status", f.status.join(","));
  if (f.flagged) p.set("flagged", "true");
  if (f.day) p.set("day", f.day);
  if (f.region) p.set("region", f.region);
  return p;
}

/** GET /service-orders parameters. */
export function filtersToQuery(f: OrderFilterValues): Query {
  return { status: f.status.length ? f.status.join(",") : undefined, flagged: f.flagged ? "true" : undefined, day: f.day, regionCode: f.region };
}
