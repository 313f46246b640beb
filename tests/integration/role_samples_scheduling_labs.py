"""Sample requests for the appointment, lab and adverse event endpoints, registered for the
role × endpoint walk of test_roles.py (each builds what it needs in hospital alpha)."""

from __future__ import annotations

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_scheduling_labs import (
    book,
    clear_of_midnight,
    enter_results,
    fresh_day,
    hospital_time_zone,
    make_doctor,
    now_slot,
    order_labs,
    slot,
)
from tests.integration.role_samples import Body, alpha_patient, sample

POTASSIUM = "2823-3"


async def _doctor_id(http: httpx.AsyncClient, world: World) -> str:
    me = await http.get("/api/v1/auth/me", headers=world.headers("doctor"))
    return str(me.json()["id"])


async def _appointment(http: httpx.AsyncClient, world: World, *, today: bool = False) -> str:
    """A booked appointment: on a day of its own, or (for check-in) now, with a doctor of its
    own so that samples booked at the same moment do not clash."""
    desk = world.headers("receptionist")
    patient = await make_patient(http, desk, name="Role Slot Probe")
    if today:
        doctor, when = await make_doctor(http, world), now_slot()
    else:
        doctor, when = await _doctor_id(http, world), slot(fresh_day(), 9)
    r = await book(http, desk, patient_id=patient["id"], doctor_id=doctor, when=when)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _order(http: httpx.AsyncClient, world: World) -> str:
    patient = await alpha_patient(http, world)
    return str((await order_labs(http, world.headers("doctor"), patient["id"], [POTASSIUM]))["id"])


async def _result(http: httpx.AsyncClient, world: World) -> str:
    order = await _order(http, world)
    r = await enter_results(
        http, world.headers("lab_staff"), order, [{"loinc": POTASSIUM, "value": 4.1}]
    )
    assert r.status_code == 201, r.text
    return str(r.json()["items"][0]["id"])


@sample("POST", "/api/v1/appointments")
async def _appointment_book(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    body = {
        "patientId": patient["id"],
        "doctorId": await _doctor_id(http, world),
        "reason": "Role check",
        **slot(fresh_day(), 11),
    }
    return "/api/v1/appointments", body


@sample("GET", "/api/v1/appointments")
async def _appointment_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/appointments?doctorId={await _doctor_id(http, world)}", None


@sample("GET", "/api/v1/appointments/{appointment_id}")
async def _appointment_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/appointments/{await _appointment(http, world)}", None


@sample("POST", "/api/v1/appointments/{appointment_id}/reschedule")
async def _appointment_reschedule(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    path = f"/api/v1/appointments/{await _appointment(http, world)}/reschedule"
    return path, slot(fresh_day(), 15)


@sample("POST", "/api/v1/appointments/{appointment_id}/cancel")
async def _appointment_cancel(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    path = f"/api/v1/appointments/{await _appointment(http, world)}/cancel"
    return path, {"reason": "Role check"}


@sample("POST", "/api/v1/appointments/{appointment_id}/check-in")
async def _appointment_check_in(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    # Check-in is open on the appointment's day in alpha's time zone.
    await clear_of_midnight(await hospital_time_zone(http, world))
    appointment = await _appointment(http, world, today=True)
    return f"/api/v1/appointments/{appointment}/check-in", None


@sample("GET", "/api/v1/doctors")
async def _doctor_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/doctors", None


@sample("GET", "/api/v1/lab/catalog")
async def _lab_catalog(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/lab/catalog", None


@sample("GET", "/api/v1/lab/worklist")
async def _lab_worklist(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/lab/worklist", None


@sample("POST", "/api/v1/patients/{patient_id}/lab-orders")
async def _lab_order_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    return f"/api/v1/patients/{patient['id']}/lab-orders", {"tests": [POTASSIUM]}


@sample("GET", "/api/v1/patients/{patient_id}/lab-orders")
async def _lab_order_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/lab-orders", None


@sample("GET", "/api/v1/lab-orders/{order_id}")
async def _lab_order_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/lab-orders/{await _order(http, world)}", None


@sample("POST", "/api/v1/lab-orders/{order_id}/results")
async def _lab_results_enter(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    path = f"/api/v1/lab-orders/{await _order(http, world)}/results"
    return path, {"results": [{"loinc": POTASSIUM, "value": 4}]}


@sample("POST", "/api/v1/lab-results/{result_id}/verify")
async def _lab_result_verify(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/lab-results/{await _result(http, world)}/verify", None


@sample("POST", "/api/v1/lab-results/{result_id}/corrections")
async def _lab_result_correct(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    path = f"/api/v1/lab-results/{await _result(http, world)}/corrections"
    return path, {"value": 4.2, "reason": "Role check"}


@sample("GET", "/api/v1/lab-results/{result_id}")
async def _lab_result_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/lab-results/{await _result(http, world)}", None


@sample("GET", "/api/v1/patients/{patient_id}/lab-results")
async def _lab_result_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/lab-results", None


@sample("POST", "/api/v1/patients/{patient_id}/adverse-events")
async def _adverse_event_report(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    body = {
        "description": "Role check rash",
        "severity": "mild",
        "outcome": "recovered",
        "onsetDate": "2026-01-01",
    }
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/adverse-events", body


@sample("GET", "/api/v1/patients/{patient_id}/adverse-events")
async def _adverse_event_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/adverse-events", None
