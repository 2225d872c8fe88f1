import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import type { ElderDetail } from "./types.ts";

export const elderKey = (id: string) => ["elders", "detail", id] as const;

export function useElder(id: string | undefined) {
  return useQuery({
    queryKey: elderKey(id ?? ""),
    queryFn: () => api<ElderDetail>(`/elders/${encodeURIComponent(id ?? "")}`),
    enabled: !!id,
  });
}
