"""Valid sample requests for the appointment, lab and adverse event endpoints, for the
role × endpoint walk in test_roles.py: only the permission may decide the outcome."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.conftest import World, make_patient
from tests.integration.factories_scheduling_labs import book, fresh_day, order_labs, slot

POTASSIUM = "2823-3"
TEMPLATES = {
    "/api/v1/appointments",
    "/api/v1/appointments/{appointment_id}",
    "/api/v1/appointments/{appointment_id}/reschedule",
    "/api/v1/appointments/{appointment_id}/cancel",
    "/api/v1/appointments/{appointment_id}/check-in",
    "/api/v1/doctors",
    "/api/v1/lab/catalog",
    "/api/v1/lab/worklist",
    "/api/v1/patients/{patient_id}/lab-orders",
    "/api/v1/patients/{patient_id}/lab-results",
    "/api/v1/lab-orders/{order_id}",
    "/api/v1/lab-orders/{order_id}/results",
    "/api/v1/lab-results/{result_id}",
    "/api/v1/lab-results/{result_id}/verify",
    "/api/v1/lab-results/{result_id}/corrections",
    "/api/v1/patients/{patient_id}/adverse-events",
}


async def _appointment(http: Any, world: World) -> str:
    desk = world.headers("receptionist")
    patient = await make_patient(http, desk, name=f"Role Slot {uuid.uuid4().hex[:6]}")
    doctor = await _doctor_id(http, world)
    r = await book(
        http, desk, patient_id=patient["id"], doctor_id=doctor, when=slot(fresh_day(), 9)
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _order(http: Any, world: World) -> str:
    patient = await make_patient(http, world.headers("doctor"), name="Role Lab Probe")
    return str((await order_labs(http, world.headers("doctor"), patient["id"], [POTASSIUM]))["id"])


async def _result(http: Any, world: World) -> str:
    order = await _order(http, world)
    r = await http.post(
        f"/api/v1/lab-orders/{order}/results",
        json={"results": [{"loinc": POTASSIUM, "value": 4.1}]},
        headers=world.headers("lab_staff"),
    )
    assert r.status_code == 201, r.text
    return str(r.json()["items"][0]["id"])


async def sample(
    http: Any, world: World, method: str, template: str, path: str
) -> tuple[str, dict[str, Any] | None] | None:
    """(path, body) for one of these endpoints, or None when the template is not one."""
    if template not in TEMPLATES:
        return None
    if "{appointment_id}" in path:
        path = path.replace("{appointment_id}", await _appointment(http, world))
    if "{order_id}" in path:
        path = path.replace("{order_id}", await _order(http, world))
    if "{result_id}" in path:
        path = path.replace("{result_id}", await _result(http, world))
    if method != "POST":
        return path, None
    if template == "/api/v1/appointments":
        patient = await make_patient(http, world.headers("receptionist"), name="Role Booking")
        return path, {
            "patientId": patient["id"],
            "doctorId": await _doctor_id(http, world),
            "reason": "Role check",
            **slot(fresh_day(), 11),
        }
    bodies: dict[str, dict[str, Any]] = {
        "/api/v1/appointments/{appointment_id}/reschedule": slot(fresh_day(), 15),
        "/api/v1/appointments/{appointment_id}/cancel": {"reason": "Role check"},
        "/api/v1/patients/{patient_id}/lab-orders": {"tests": [POTASSIUM]},
        "/api/v1/lab-orders/{order_id}/results": {"results": [{"loinc": POTASSIUM, "value": 4}]},
        "/api/v1/lab-results/{result_id}/corrections": {"value": 4.2, "reason": "Role check"},
        "/api/v1/patients/{patient_id}/adverse-events": {
            "description": "Role check rash",
            "severity": "mild",
            "outcome": "recovered",
            "onsetDate": "2026-01-01",
        },
    }
    return path, bodies.get(template)


async def _doctor_id(http: Any, world: World) -> str:
    me = await http.get("/api/v1/auth/me", headers=world.headers("doctor"))
    return str(me.json()["id"])
