"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { LoadingText } from "@/components/ui/loading-text";
import { useAuthHydrated } from "@/hooks/use-auth-hydrated";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useAuthStore } from "@/lib/auth-store";
import { homePathFor } from "@/lib/permissions";

/** "/" sends signed-in users to their home page and everyone else to the login form. */
export default function HomeRedirectPage() {
  const router = useRouter();
  const hydrated = useAuthHydrated();
  const signedIn = useAuthStore((state) => state.accessToken !== null);
  const { data: user, isError } = useCurrentUser();

  useEffect(() => {
    if (!hydrated) return;
    if (!signedIn || isError) router.replace("/login/");
    else if (user) router.replace(homePathFor(user));
  }, [hydrated, signedIn, user, isError, router]);

  return (
    <main className="mx-auto max-w-md p-8">
      <LoadingText />
    </main>
  );
}
