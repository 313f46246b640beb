"use client";

import { useEffect, useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useAuthStore } from "@/lib/auth-store";
import { statusOf } from "@/lib/problem";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          const status = statusOf(error);
          if (status !== null && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
}

/** App-wide providers: data cache, and reading the stored tokens back once in the browser. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);

  useEffect(() => {
    void useAuthStore.persist.rehydrate();
    // Forget every cached response (another user's data) as soon as the tokens are dropped.
    return useAuthStore.subscribe((state, previous) => {
      if (previous.accessToken !== null && state.accessToken === null) queryClient.clear();
    });
  }, [queryClient]);

  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
