"""Appointment endpoints: booking, rescheduling, cancelling, check-in, day/week views, doctors."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from fastapi import APIRouter, Depends, Query

from hms.appointments import service
from hms.appointments.calendar import day_window, week_window, zone
from hms.appointments.schemas import (
    AppointmentCancel,
    AppointmentCreate,
    AppointmentOut,
    AppointmentPage,
    AppointmentReschedule,
    DoctorPage,
)
from hms.pipeline import Call, Operation, PatientOf, Permission
from hms.pipeline.http import endpoint
from hms.platform.errors import InvalidInput
from hms.platform.paging import Paging, paging

router = APIRouter(tags=["appointments"])

P = Permission
_THIS = PatientOf("appointments", "appointment_id")

BOOK = Operation(
    P.MANAGE_APPOINTMENTS, audit="appointment.book", writes=True, patient="body.patient_id"
)
LIST = Operation(P.VIEW_PATIENTS, audit="appointment.list")
READ = Operation(P.VIEW_PATIENTS, audit="appointment.read", patient=_THIS)
RESCHEDULE = Operation(
    P.MANAGE_APPOINTMENTS, audit="appointment.reschedule", writes=True, patient=_THIS
)
CANCEL = Operation(P.MANAGE_APPOINTMENTS, audit="appointment.cancel", writes=True, patient=_THIS)
CHECK_IN = Operation(P.CHECKIN, audit="appointment.check-in", writes=True, patient=_THIS)
DOCTORS = Operation(P.VIEW_PATIENTS)


@router.post("/appointments", status_code=201, operation_id="appointments-create")
@endpoint(BOOK)
async def book(call: Call, body: AppointmentCreate) -> AppointmentOut:
    return await service.book(call.session, call.actor, data=body)


@router.get("/appointments", operation_id="appointments-list")
@endpoint(LIST)
async def list_appointments(
    call: Call,
    doctor_id: uuid.UUID | None = Query(default=None, alias="doctorId"),
    patient_id: uuid.UUID | None = Query(default=None, alias="patientId"),
    day: date | None = Query(default=None, alias="date", description="YYYY-MM-DD: a day view"),
    week: str | None = Query(
        default=None, max_length=10, description="2026-W48, or any date in the week: a week view"
    ),
    tz: str | None = Query(
        default=None,
        max_length=64,
        description="IANA zone the day or week is shown in; the hospital's own zone if absent",
    ),
    include_cancelled: bool = Query(default=False, alias="includeCancelled"),
    paging: Paging = Depends(paging(100)),
) -> AppointmentPage:
    """A doctor's or a patient's appointments (all, or a day or week of them), or with
    neither, the whole hospital's for a day or week (today by default). Days and weeks are
    those of the hospital's time zone unless ``tz`` asks for another."""
    if day is not None and week is not None:
        raise InvalidInput("Give date (a day view) or week (a week view), not both.")
    try:
        zone_info = service.hospital_zone(call.actor) if tz is None else zone(tz)
        if day is None and week is None and doctor_id is None and patient_id is None:
            # The whole hospital's list is always a day or a week; today by default.
            day = datetime.now(zone_info).date()
        window = (
            day_window(day, zone_info)
            if day is not None
            else week_window(week, zone_info)
            if week is not None
            else None
        )
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    items, total = await service.search(
        call.session,
        doctor_id=doctor_id,
        patient_id=patient_id,
        window=window,
        include_cancelled=include_cancelled,
        paging=paging,
    )
    call.saw(sorted({i.patient.id for i in items}))
    return AppointmentPage.model_validate(
        {
            **paging.body(items, total),
            "windowStart": window[0] if window else None,
            "windowEnd": window[1] if window else None,
        }
    )


@router.get("/appointments/{appointment_id}", operation_id="appointments-get")
@endpoint(READ)
async def get_appointment(call: Call, appointment_id: uuid.UUID) -> AppointmentOut:
    found = await service.get(call.session, appointment_id)
    call.saw([found.patient.id])
    return found


@router.post("/appointments/{appointment_id}/reschedule", operation_id="appointments-reschedule")
@endpoint(RESCHEDULE)
async def reschedule(
    call: Call, appointment_id: uuid.UUID, body: AppointmentReschedule
) -> AppointmentOut:
    return await service.reschedule(call.session, call.actor, appointment_id, data=body)


@router.post("/appointments/{appointment_id}/cancel", operation_id="appointments-cancel")
@endpoint(CANCEL)
async def cancel(call: Call, appointment_id: uuid.UUID, body: AppointmentCancel) -> AppointmentOut:
    return await service.cancel(
        call.session, call.actor, appointment_id, reason=body.reason, version=body.version
    )


@router.post("/appointments/{appointment_id}/check-in", operation_id="appointments-check-in")
@endpoint(CHECK_IN)
async def check_in(call: Call, appointment_id: uuid.UUID) -> AppointmentOut:
    """Open on the appointment's calendar day in the hospital's time zone only."""
    return await service.check_in(call.session, call.actor, appointment_id)


@router.get("/doctors", operation_id="doctors-list")
@endpoint(DOCTORS)
async def list_doctors(call: Call, paging: Paging = Depends(paging(100))) -> DoctorPage:
    items, total = await service.doctors(call.session, call.actor, paging=paging)
    return DoctorPage.model_validate(paging.body(items, total))
