"use client";

import { Suspense, useCallback, useEffect } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAuthHydrated } from "@/hooks/use-auth-hydrated";
import { CURRENT_USER_KEY } from "@/hooks/use-current-user";
import { usePageTitle } from "@/hooks/use-page-title";
import { api } from "@/lib/api-client";
import type { CurrentUser } from "@/lib/api/types";
import { useAuthStore } from "@/lib/auth-store";
import { homePathFor } from "@/lib/permissions";
import { safeNextPath } from "@/lib/safe-next-path";

function LoginScreen() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const hydrated = useAuthHydrated();
  const nextPath = safeNextPath(searchParams.get("next"));
  usePageTitle("Sign in");

  const goHome = useCallback(async () => {
    const user = await queryClient.fetchQuery({
      queryKey: CURRENT_USER_KEY,
      queryFn: async () => (await api.get<CurrentUser>("/auth/me")).data,
      staleTime: 0, // always ask: the cached user may be the previous one
    });
    router.replace(nextPath ?? homePathFor(user));
  }, [queryClient, router, nextPath]);

  // Already signed in (e.g. the tab was reloaded): skip the form.
  useEffect(() => {
    if (hydrated && useAuthStore.getState().accessToken) {
      goHome().catch(() => useAuthStore.getState().clearTokens());
    }
  }, [hydrated, goHome]);

  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>HMS sign in</CardTitle>
          <CardDescription>Hospital Management System</CardDescription>
        </CardHeader>
        <CardContent>
          <LoginForm onSignedIn={goHome} />
        </CardContent>
      </Card>
    </main>
  );
}

export default function LoginPage() {
  return (
    <Suspense fallback={null}>
      <LoginScreen />
    </Suspense>
  );
}
