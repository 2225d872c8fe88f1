import type { PriceUnit, ServiceCategory } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

/** A lower price for elders who meet its conditions (the server picks the lowest that applies when quoting). */
export interface PriceTier {
  label: string;
  priceFen: number;
}

/** A service product as the public catalog lists it. */
export interface Product {
  id: string;
  providerId: string;
  providerName: string | null;
  providerRating: number | null;
  name: string;
  category: ServiceCategory;
  description: string | null;
  unit: PriceUnit;
  priceFen: number;
  subsidyPrices: PriceTier[];
  durationMinutes: number;
  tasks: string[];
  walletEligible: boolean;
}

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
