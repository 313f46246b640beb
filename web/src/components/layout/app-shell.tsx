"use client";

import { useEffect, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { AnnouncementToaster } from "@/components/layout/announcement-toaster";
import { LiveUpdates } from "@/components/layout/live-updates";
import { SideNav } from "@/components/layout/side-nav";
import { TopBar } from "@/components/layout/top-bar";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadingText } from "@/components/ui/loading-text";
import { useAuthHydrated } from "@/hooks/use-auth-hydrated";
import { useCurrentUser } from "@/hooks/use-current-user";
import { consumeLoggedOutOnPurpose } from "@/lib/api-client";
import { useAuthStore } from "@/lib/auth-store";
import { errorMessage } from "@/lib/problem";

/** Layout of every signed-in page; sends visitors without tokens to the login form. */
export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const hydrated = useAuthHydrated();
  const signedIn = useAuthStore((state) => state.accessToken !== null);
  const { data: user, error, refetch } = useCurrentUser();

  useEffect(() => {
    if (!hydrated || signedIn) return;
    if (consumeLoggedOutOnPurpose()) {
      router.replace("/login/");
      return;
    }
    const here = `${pathname}${window.location.search}`;
    router.replace(`/login/?next=${encodeURIComponent(here)}`);
  }, [hydrated, signedIn, pathname, router]);

  if (!hydrated || !signedIn) {
    return (
      <main className="p-8">
        <LoadingText />
      </main>
    );
  }

  if (!user) {
    return (
      <main className="mx-auto max-w-md p-8">
        {error ? (
          <Alert variant="destructive" className="flex flex-col gap-3" data-testid="current-user-error">
            <span>{errorMessage(error)}</span>
            <Button variant="outline" size="sm" onClick={() => refetch()}>
              Try again
            </Button>
          </Alert>
        ) : (
          <LoadingText />
        )}
      </main>
    );
  }

  return (
    <div className="flex min-h-screen flex-col" data-testid="app-shell">
      <TopBar user={user} />
      <div className="flex flex-1">
        <SideNav user={user} />
        <main className="min-w-0 flex-1 p-6">{children}</main>
      </div>
      {user.hospital ? <LiveUpdates currentUserId={user.id} /> : null}
      <AnnouncementToaster />
    </div>
  );
}
