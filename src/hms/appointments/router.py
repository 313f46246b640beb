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
from hms.audit.writes import PatientOf, audited_write
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError, InvalidInput
from hms.runtime import Runtime, get_runtime

router = APIRouter(tags=["appointments"])

VIEW = require(Permission.VIEW_PATIENTS, audit_action="appointment.read")
MANAGE = require(Permission.MANAGE_APPOINTMENTS, audit_action="appointment.write")
CHECKIN = require(Permission.CHECKIN, audit_action="appointment.check-in")


@router.post(
    "/appointments",
    status_code=201,
    response_model=AppointmentOut,
    operation_id="appointments-create",
)
async def book(
    body: AppointmentCreate, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(MANAGE)
) -> AppointmentOut:
    return await audited_write(
        rt,
        actor,
        "appointment.book",
        body.patient_id,
        lambda s: service.book(s, actor, data=body),
    )


@router.get("/appointments", response_model=AppointmentPage, operation_id="appointments-list")
async def list_appointments(
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
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=100, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> AppointmentPage:
    """A doctor's or a patient's appointments (all, or a day or week of them), or with
    neither, the whole hospital's for a day or week (today by default). Days and weeks are
    those of the hospital's time zone unless ``tz`` asks for another."""
    if day is not None and week is not None:
        raise InvalidInput("Give date (a day view) or week (a week view), not both.")
    try:
        zone_info = service.hospital_zone(actor) if tz is None else zone(tz)
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
    async with rt.db.session(actor.schema) as session:
        items, total = await service.search(
            session,
            doctor_id=doctor_id,
            patient_id=patient_id,
            window=window,
            include_cancelled=include_cancelled,
            page=page,
            page_size=page_size,
        )
    rt.audit.add(
        actor,
        action="appointment.list",
        patient_ids=sorted({i.patient.id for i in items}),
        outcome="ok",
    )
    return AppointmentPage(
        items=items,
        page=page,
        page_size=page_size,
        total=total,
        window_start=window[0] if window else None,
        window_end=window[1] if window else None,
    )


@router.get(
    "/appointments/{appointment_id}",
    response_model=AppointmentOut,
    operation_id="appointments-get",
)
async def get_appointment(
    appointment_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> AppointmentOut:
    try:
        async with rt.db.session(actor.schema) as session:
            found = await service.get(session, appointment_id)
    except HMSError:
        rt.audit.add(actor, action="appointment.read", patient_ids=[], outcome="not_found")
        raise
    rt.audit.add(actor, action="appointment.read", patient_ids=[found.patient.id], outcome="ok")
    return found


@router.post(
    "/appointments/{appointment_id}/reschedule",
    response_model=AppointmentOut,
    operation_id="appointments-reschedule",
)
async def reschedule(
    appointment_id: uuid.UUID,
    body: AppointmentReschedule,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> AppointmentOut:
    return await audited_write(
        rt,
        actor,
        "appointment.reschedule",
        PatientOf("appointments", appointment_id),
        lambda s: service.reschedule(s, actor, appointment_id, data=body),
    )


@router.post(
    "/appointments/{appointment_id}/cancel",
    response_model=AppointmentOut,
    operation_id="appointments-cancel",
)
async def cancel(
    appointment_id: uuid.UUID,
    body: AppointmentCancel,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> AppointmentOut:
    return await audited_write(
        rt,
        actor,
        "appointment.cancel",
        PatientOf("appointments", appointment_id),
        lambda s: service.cancel(
            s, actor, appointment_id, reason=body.reason, version=body.version
        ),
    )


@router.post(
    "/appointments/{appointment_id}/check-in",
    response_model=AppointmentOut,
    operation_id="appointments-check-in",
)
async def check_in(
    appointment_id: uuid.UUID,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(CHECKIN),
) -> AppointmentOut:
    """Open on the appointment's calendar day in the hospital's time zone only."""
    return await audited_write(
        rt,
        actor,
        "appointment.check-in",
        PatientOf("appointments", appointment_id),
        lambda s: service.check_in(s, actor, appointment_id),
    )


@router.get("/doctors", response_model=DoctorPage, operation_id="doctors-list")
async def list_doctors(
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=100, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(require(Permission.VIEW_PATIENTS)),
) -> DoctorPage:
    async with rt.db.session(actor.schema) as session:
        items, total = await service.doctors(session, actor, page=page, page_size=page_size)
    return DoctorPage(items=items, page=page, page_size=page_size, total=total)
