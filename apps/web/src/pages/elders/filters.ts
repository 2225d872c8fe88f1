import { ECONOMIC_STATUSES, ELDER_STATUSES, type ElderListQuery, LIVING_SITUATIONS } from "@carecircle/shared";
import type { Query } from "../../api/client.ts";

export const AGE_BANDS = {
  "60-69": [60, 69],
  "70-79": [70, 79],
  "80-89": [80, 89],
  "90+": [90, undefined],
} as const satisfies Record<string, readonly [number, number | undefined]>;
export type AgeBand = keyof typeof AGE_BANDS;

/** What the filter form holds; kept in the page's URL so that "back" from a record keeps it. */
export interface ElderFilterValues {
  q?: string;
  region?: string;
  ageBand?: AgeBand;
  livingSituation?: ElderListQuery["livingSituation"];
  economicStatus?: ElderListQuery["economicStatus"];
  abilityLevel?: number;
  tag?: string;
  status: ElderListQuery["status"];
}

const STATUSES = [...ELDER_STATUSES, "all"] as const;

function pick<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}

export function filtersFromParams(p: URLSearchParams): ElderFilterValues {
  const ability = p.get("abilityLevel");
  return {
    q: p.get("q") ?? undefined,
    region: p.get("region") ?? undefined,
    ageBand: pick(Object.keys(AGE_BANDS) as AgeBand[], p.get("ageBand")),
    livingSituation: pick(LIVING_SITUATIONS, p.get("livingSituation")),
    economicStatus: pick(ECONOMIC_STATUSES, p.get("economicStatus")),
    abilityLevel: ability !== null && /^[0-4]$/.test(ability) ? Number(ability) : undefined,
    tag: p.get("tag") ?? undefined,
    status: pick(STATUSES, p.get("status")) ?? "active",
  };
}

export function filtersToParams(f: ElderFilterValues): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === "") continue;
    if (k === "status" && v === "active") continue;
    p.set(k, String(v));
  }
  return p;
}

/** The API's query parameters for GET /elders and /elders/export. */
export function filtersToQuery(f: ElderFilterValues): Query {
  const band = f.ageBand ? AGE_BANDS[f.ageBand] : undefined;
  return {
    q: f.q?.trim() || undefined,
    region: f.region,
    ageMin: band?.[0],
    ageMax: band?.[1],
    livingSituation: f.livingSituation,
    economicStatus: f.economicStatus,
    abilityLevel: f.abilityLevel,
    tag: f.tag?.trim() || undefined,
    status: f.status,
  };
}
