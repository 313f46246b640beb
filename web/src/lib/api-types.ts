// Shapes of the HMS REST API (JSON, camelCase).

export type Role =
  | "super_admin"
  | "hospital_admin"
  | "doctor"
  | "nurse"
  | "pharmacist"
  | "lab_staff"
  | "receptionist";

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

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: "bearer";
  expiresIn: number;
}

export interface HospitalRef {
  id: string;
  slug: string;
  name: string;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  hospital: HospitalRef | null;
  permissions: string[];
}

export type Gender = "female" | "male" | "other" | "unknown";
export type BloodGroup = "A+" | "A-" | "B+" | "B-" | "AB+" | "AB-" | "O+" | "O-";
export type AllergySeverity = "mild" | "moderate" | "severe";

export interface Allergy {
  substance: string;
  class?: string | null;
  reaction?: string | null;
  severity: AllergySeverity;
}

export interface Patient {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  gender: Gender;
  bloodGroup: BloodGroup | null;
  allergies: Allergy[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PatientInput {
  name: string;
  dateOfBirth: string;
  gender: Gender;
  bloodGroup: BloodGroup | null;
  allergies: Allergy[];
  mrn?: string;
}

export type PatientPatch = Partial<PatientInput> & { version: number };

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Announcement {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string };
}

export interface AnnouncementInput {
  title: string;
  body: string;
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as returned by every API error. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

export const GENDERS: Gender[] = ["female", "male", "other", "unknown"];
export const BLOOD_GROUPS: BloodGroup[] = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];
export const ALLERGY_SEVERITIES: AllergySeverity[] = ["mild", "moderate", "severe"];
