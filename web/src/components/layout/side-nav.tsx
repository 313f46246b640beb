"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { CurrentUser } from "@/lib/api/types";
import { hasPermission } from "@/lib/permissions";
import { cn } from "@/lib/utils";

interface NavItem {
  href: string;
  label: string;
  testId: string;
  visible: (user: CurrentUser) => boolean;
}

const NAV_ITEMS: NavItem[] = [
  {
    href: "/patients/",
    label: "Patients",
    testId: "nav-patients",
    visible: (user) => hasPermission(user, "patients:view"),
  },
  {
    href: "/nurse-station/",
    label: "Nurse station",
    testId: "nav-nurse-station",
    visible: (user) => hasPermission(user, "patients:view") && hasPermission(user, "vitals:record"),
  },
  {
    href: "/reception/",
    label: "Reception",
    testId: "nav-reception",
    visible: (user) =>
      hasPermission(user, "patients:view") &&
      (hasPermission(user, "appointments:manage") || hasPermission(user, "patients:checkin")),
  },
  {
    href: "/workbench/",
    label: "Prescribing",
    testId: "nav-workbench",
    visible: (user) => hasPermission(user, "prescriptions:create") && hasPermission(user, "patients:view"),
  },
  {
    href: "/pharmacy/",
    label: "Pharmacy",
    testId: "nav-pharmacy",
    visible: (user) => hasPermission(user, "medication:dispense"),
  },
  {
    href: "/lab/",
    label: "Lab worklist",
    testId: "nav-lab",
    visible: (user) => hasPermission(user, "lab_results:enter"),
  },
  {
    href: "/announcements/",
    label: "Announcements",
    testId: "nav-announcements",
    visible: (user) => user.hospital !== null,
  },
  {
    href: "/hospitals/",
    label: "Hospitals",
    testId: "nav-hospitals",
    visible: (user) => hasPermission(user, "hospitals:manage"),
  },
  {
    href: "/users/",
    label: "Users",
    testId: "nav-users",
    visible: (user) => hasPermission(user, "users:manage"),
  },
];

/** Links to the pages the user's permissions allow. */
export function SideNav({ user }: { user: CurrentUser }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => item.visible(user));

  return (
    <nav className="flex w-52 shrink-0 flex-col gap-1 border-r bg-card p-3" aria-label="Main" data-testid="side-nav">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            data-testid={item.testId}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-2 text-sm font-medium hover:bg-accent",
              active && "bg-primary/10 text-primary",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
