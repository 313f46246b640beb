"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { DrugPage } from "@/lib/api/types";

export const drugKeys = {
  all: ["drugs"] as const,
  search: (q: string, inStock: boolean) => ["drugs", "search", q, inStock] as const,
};

/** Catalog drugs whose name, synonym or RxCUI starts with `q` (at least 2 characters). */
export function useDrugSearch(q: string, inStock = false) {
  return useQuery({
    queryKey: drugKeys.search(q, inStock),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api.get<DrugPage>("/drugs", { params: { q, pageSize: 10, ...(inStock ? { inStock: true } : {}) } })).data,
  });
}
