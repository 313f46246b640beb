import type { CurrentUser, Role } from "@/lib/api/types";

/** The permissions the server grants (hms.auth); the API lists a user's as plain strings. */
export type Permission =
  | "hospitals:manage"
  | "users:manage"
  | "patients:view"
  | "patients:edit"
  | "prescriptions:create"
  | "prescriptions:view"
  | "medication:dispense"
  | "lab_orders:create"
  | "lab_results:view"
  | "patients:checkin"
  | "announcements:post"
  | "announcements:view"
  | "wards:manage"
  | "encounters:manage"
  | "vitals:record"
  | "news2_scale:set"
  | "alerts:acknowledge"
  | "icd10:view"
  | "appointments:manage"
  | "lab_results:enter"
  | "lab_results:verify"
  | "adverse_events:report"
  | "drugs:view"
  | "formulary:manage";

export function hasPermission(user: CurrentUser | null | undefined, permission: Permission): boolean {
  return Boolean(user?.permissions.includes(permission));
}

const ROLE_LABELS: Record<Role, string> = {
  super_admin: "Super admin",
  hospital_admin: "Hospital admin",
  doctor: "Doctor",
  nurse: "Nurse",
  pharmacist: "Pharmacist",
  lab_staff: "Lab staff",
  receptionist: "Receptionist",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role.replace(/_/g, " ");
}

/** The page a signed-in user lands on when opening "/". */
export function homePathFor(user: CurrentUser): string {
  if (hasPermission(user, "lab_results:enter")) return "/lab/";
  if (hasPermission(user, "medication:dispense")) return "/pharmacy/";
  if (hasPermission(user, "patients:view")) return "/patients/";
  if (user.hospital) return "/announcements/";
  if (hasPermission(user, "hospitals:manage")) return "/hospitals/";
  return "/announcements/";
}
