import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/** A facility on the public ratings page: only confirmed results set its stars. */
export interface PublicRating {
  id: string;
  name: string;
  tier: string;
  address: string;
  regionName: string | null;
  status: string;
  stars: number | null;
  unqualified: boolean;
  score: number | null;
  ratedAt: string | null;
  roundName: string | null;
}

export interface RatingHistory extends PublicRating {
  history: { evaluationId: string; roundName: string; recheck: boolean; confirmedAt: string; score: number; stars: number; unqualified: boolean; sections: { key: string; name: string; percent: number }[] }[];
}

const PAGE = 10;

/** The public list (no sign-in), a page at a time. */
export function usePublicRatings(filter: { regionCode: string | null; stars: number | null; q: string }) {
  return useInfiniteQuery({
    queryKey: ["public-ratings", filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (filter.regionCode) params.set("regionCode", filter.regionCode);
      if (filter.stars !== null) params.set("stars", String(filter.stars));
      if (filter.q) params.set("q", filter.q);
      if (pageParam) params.set("cursor", pageParam);
      return api<{ items: PublicRating[]; nextCursor: string | null }>(`/public/ratings?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePublicRating(id: string) {
  return useQuery({ queryKey: ["public-rating", id], queryFn: () => api<RatingHistory>(`/public/ratings/${encodeURIComponent(id)}`) });
}
