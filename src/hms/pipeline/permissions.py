"""Roles and permissions: the one table every permission check reads.

The seven roles and the first ten permissions are the design's RBAC diagram
(hms-architecture-diagrams.md §7). Permissions added for later features are listed after
them and documented in docs/permissions.md.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SUPER_ADMIN = "super_admin"
    HOSPITAL_ADMIN = "hospital_admin"
    DOCTOR = "doctor"
    NURSE = "nurse"
    PHARMACIST = "pharmacist"
    LAB_STAFF = "lab_staff"
    RECEPTIONIST = "receptionist"


class Permission(StrEnum):
    # The design's ten.
    MANAGE_HOSPITALS = "hospitals:manage"
    MANAGE_USERS = "users:manage"
    VIEW_PATIENTS = "patients:view"
    EDIT_PATIENTS = "patients:edit"
    CREATE_PRESCRIPTIONS = "prescriptions:create"
    VIEW_PRESCRIPTIONS = "prescriptions:view"
    DISPENSE = "medication:dispense"
    CREATE_LAB_ORDERS = "lab_orders:create"
    VIEW_LAB_RESULTS = "lab_results:view"
    CHECKIN = "patients:checkin"
    # Added beyond the design (docs/permissions.md).
    POST_ANNOUNCEMENTS = "announcements:post"
    VIEW_ANNOUNCEMENTS = "announcements:view"
    MANAGE_WARDS = "wards:manage"
    MANAGE_ENCOUNTERS = "encounters:manage"
    RECORD_VITALS = "vitals:record"
    SET_NEWS2_SCALE = "news2_scale:set"
    ACKNOWLEDGE_ALERTS = "alerts:acknowledge"
    VIEW_ICD10 = "icd10:view"
    MANAGE_APPOINTMENTS = "appointments:manage"
    ENTER_LAB_RESULTS = "lab_results:enter"
    VERIFY_LAB_RESULTS = "lab_results:verify"
    REPORT_ADVERSE_EVENTS = "adverse_events:report"
    VIEW_DRUGS = "drugs:view"
    MANAGE_FORMULARY = "formulary:manage"
    MANAGE_DEVICES = "devices:manage"


P = Permission
_STAFF = {P.VIEW_ANNOUNCEMENTS, P.VIEW_ICD10, P.VIEW_DRUGS}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SUPER_ADMIN: frozenset({P.MANAGE_HOSPITALS, P.MANAGE_USERS}),
    Role.HOSPITAL_ADMIN: frozenset(
        {P.MANAGE_USERS, P.VIEW_PATIENTS, P.EDIT_PATIENTS, P.POST_ANNOUNCEMENTS, *_STAFF}
        | {P.MANAGE_WARDS}
        | {P.MANAGE_APPOINTMENTS}
        | {P.MANAGE_DEVICES}
    ),
    Role.DOCTOR: frozenset(
        {
            P.VIEW_PATIENTS,
            P.EDIT_PATIENTS,
            P.CREATE_PRESCRIPTIONS,
            P.VIEW_PRESCRIPTIONS,
            P.CREATE_LAB_ORDERS,
            P.VIEW_LAB_RESULTS,
            *_STAFF,
        }
        | {P.MANAGE_ENCOUNTERS, P.RECORD_VITALS, P.SET_NEWS2_SCALE, P.ACKNOWLEDGE_ALERTS}
        | {P.MANAGE_APPOINTMENTS, P.REPORT_ADVERSE_EVENTS}
    ),
    Role.NURSE: frozenset(
        {P.VIEW_PATIENTS, P.EDIT_PATIENTS, P.VIEW_PRESCRIPTIONS, P.VIEW_LAB_RESULTS, *_STAFF}
        | {P.MANAGE_ENCOUNTERS, P.RECORD_VITALS, P.ACKNOWLEDGE_ALERTS}
        | {P.REPORT_ADVERSE_EVENTS}
    ),
    Role.PHARMACIST: frozenset(
        {P.VIEW_PATIENTS, P.VIEW_PRESCRIPTIONS, P.DISPENSE, *_STAFF}
        | {P.REPORT_ADVERSE_EVENTS}
        | {P.MANAGE_FORMULARY}
    ),
    Role.LAB_STAFF: frozenset(
        {P.VIEW_PATIENTS, P.VIEW_LAB_RESULTS, P.CREATE_LAB_ORDERS, *_STAFF}
        | {P.ENTER_LAB_RESULTS, P.VERIFY_LAB_RESULTS}
    ),
    Role.RECEPTIONIST: frozenset(
        {P.VIEW_PATIENTS, P.EDIT_PATIENTS, P.CHECKIN, *_STAFF} | {P.MANAGE_APPOINTMENTS}
    ),
}


# A bedside device acting through the device door (pipeline/devices.py). Not a user role:
# no account can be given it, and a device may only record vitals.
DEVICE_ROLE = "device"
DEVICE_PERMISSIONS = frozenset({P.RECORD_VITALS})


def has_permission(role: str, permission: Permission) -> bool:
    if role == DEVICE_ROLE:
        return permission in DEVICE_PERMISSIONS
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def permissions_of(role: str) -> list[str]:
    try:
        return sorted(p.value for p in ROLE_PERMISSIONS[Role(role)])
    except ValueError:
        return []
