import type { ProductView, ServiceCategory } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

export type { PriceTier } from "@carecircle/shared";

/** A service product as the public catalog lists it. */
export type Product = ProductView;

export interface ProductDetail extends Product {
  serviceRegionNames: string[];
}

/** A district or street the catalog can be filtered by. */
export interface Area {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** Products on sale for a category, in the area a region code lies in (a community sees its street's and district's). */
export function useProducts(category: ServiceCategory | null, regionCode: string | null) {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (regionCode) params.set("regionCode", regionCode);
  return useQuery({
    queryKey: ["products", category, regionCode],
    queryFn: async () => (await api<{ items: Product[] }>(`/service-products?${params}`)).items,
  });
}

export function useProduct(id: string) {
  return useQuery({ queryKey: ["product", id], queryFn: () => api<ProductDetail>(`/service-products/${encodeURIComponent(id)}`) });
}

export function useAreas() {
  return useQuery({ queryKey: ["catalog-areas"], queryFn: async () => (await api<{ items: Area[] }>("/catalog/areas")).items, staleTime: 10 * 60_000 });
}
