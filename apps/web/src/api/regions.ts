import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "./client.ts";
import type { Region } from "./types.ts";

/** GET /regions?parent=CODE, cached per parent (the region tree-select shares the cache). */
export function regionsQuery(parent: string | null) {
  return {
    queryKey: ["regions", parent ?? "root"] as const,
    queryFn: () => api<Region[] | { items: Region[] }>("/regions", { query: { parent: parent ?? undefined } }).then(listOf),
    staleTime: 10 * 60_000,
  };
}

/** The server may answer with a bare array or a `{ items }` list. */
function listOf(body: Region[] | { items: Region[] }): Region[] {
  return Array.isArray(body) ? body : body.items;
}

/** Province 2, city 4, county 6, street 9, community 12 digits: the parent of a code is its prefix one level up. */
function parentOf(code: string): string | null {
  const lengths = [2, 4, 6, 9, 12];
  const i = lengths.indexOf(code.length);
  return i > 0 ? code.slice(0, lengths[i - 1]) : null;
}

/**
 * Names for region codes (a provider's service area): the user's root regions, and the siblings of each other code
 * (its parent's children) within them — above the user's region the server answers 404. Unknown codes show as they are.
 */
export function useRegionNamer(codes: readonly string[]): (code: string) => string {
  const roots = useQuery(regionsQuery(null));
  const rootCodes = (roots.data ?? []).map((r) => r.code);
  const parents = [...new Set(codes.map(parentOf))].filter((p): p is string => !!p && rootCodes.some((r) => p.startsWith(r)));
  const results = useQueries({ queries: parents.map((p) => regionsQuery(p)) });
  const stamp = [roots.dataUpdatedAt, ...results.map((r) => r.dataUpdatedAt)].join(",");
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const region of roots.data ?? []) names.set(region.code, region.name);
    for (const r of results) for (const region of r.data ?? []) names.set(region.code, region.name);
    return (code: string) => names.get(code) ?? code;
    // the results array is new on every render; its data changes only when a query updates (the stamp)
  }, [stamp]);
}
