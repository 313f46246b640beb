"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCurrentUser } from "@/hooks/use-current-user";
import { hasPermission } from "@/lib/permissions";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/pharmacy/", label: "Dispensing queue", testId: "pharmacy-tab-queue", permission: "medication:dispense" },
  { href: "/pharmacy/stock/", label: "Stock", testId: "pharmacy-tab-stock", permission: "drugs:view" },
] as const;

/** Switches between the dispensing queue and the stock of the pharmacy. */
export function PharmacyTabs() {
  const pathname = usePathname();
  const { data: user } = useCurrentUser();
  return (
    <div className="mb-4 border-b">
      <nav className="flex gap-1" aria-label="Pharmacy">
        {TABS.filter((tab) => hasPermission(user, tab.permission)).map((tab) => {
          const active = pathname === tab.href;
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                active ? "border-primary text-primary" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
              data-testid={tab.testId}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
