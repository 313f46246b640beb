"""Appointment use cases: book, reschedule, cancel, check in, read, day/week views, doctors.

Double booking is refused by the database (exclusion constraints of migration t0003), so
concurrent requests cannot both win; a violation becomes a 409 that names the clash.
Writes audit inside their transaction; reads are audited by the pipeline (batched).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Update, and_, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.appointments.calendar import local_day
from hms.appointments.models import DOCTOR_SLOT, PATIENT_SLOT
from hms.appointments.models import appointments as A
from hms.appointments.schemas import (
    AppointmentCreate,
    AppointmentOut,
    AppointmentReschedule,
    AppointmentStatus,
    DoctorOut,
)
from hms.audit import service as audit
from hms.auth.models import users as U
from hms.encounters.service import open_outpatient
from hms.patients.lookup import require_patient
from hms.patients.models import patients as P
from hms.pipeline import Actor
from hms.pipeline.permissions import Role
from hms.platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from hms.platform.paging import Paging

# A booking may start a little in the past: a walk-in is booked "now" and checked in.
PAST_GRACE = timedelta(minutes=15)


class SlotTaken(Conflict):
    title = "Slot taken"


class NotTheAppointmentDay(Conflict):
    title = "Not the appointment's day"


def _field_error(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{field}: {message}", extra={"errors": [{"field": field, "message": message}]}
    )


def constraint_name(exc: DBAPIError) -> str | None:
    return getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None)


def _uid(actor: Actor) -> uuid.UUID:
    return uuid.UUID(actor.user_id)


def _hospital_id(actor: Actor) -> uuid.UUID:
    if actor.hospital is None:
        raise NotFound("Appointments belong to a hospital; your account has none.")
    return actor.hospital.id


def _select() -> Select[Any]:
    return (
        select(
            A,
            P.c.name.label("patient_name"),
            P.c.mrn.label("patient_mrn"),
            func.coalesce(U.c.name, "unknown user").label("doctor_name"),
        )
        .join(P, P.c.id == A.c.patient_id)
        .outerjoin(U, U.c.id == A.c.doctor_id)
    )


def _out(row: Any) -> AppointmentOut:
    m = row._mapping
    return AppointmentOut.model_validate(
        {
            **m,
            "patient": {"id": m["patient_id"], "name": m["patient_name"], "mrn": m["patient_mrn"]},
            "doctor": {"id": m["doctor_id"], "name": m["doctor_name"]},
        }
    )


async def _read(session: AsyncSession, appointment_id: uuid.UUID) -> AppointmentOut:
    row = (await session.execute(_select().where(A.c.id == appointment_id))).one()
    return _out(row)


def _change(actor: Actor, appointment_id: uuid.UUID, **values: Any) -> Update:
    """An update of one appointment: its next version, stamped with who and when."""
    return (
        update(A)
        .where(A.c.id == appointment_id)
        .values(**values, version=A.c.version + 1, updated_at=func.now(), updated_by=_uid(actor))
    )


async def _audited(
    session: AsyncSession,
    actor: Actor,
    action: str,
    patient_id: uuid.UUID,
    appointment_id: uuid.UUID,
    detail: dict[str, Any] | None = None,
) -> AppointmentOut:
    """Record the write under the appointment's patient, then read the appointment back."""
    await audit.record(
        session,
        actor,
        action=action,
        patient_id=patient_id,
        detail={"appointmentId": str(appointment_id), **(detail or {})},
    )
    return await _read(session, appointment_id)


async def _lock(session: AsyncSession, appointment_id: uuid.UUID) -> Any:
    row = (
        await session.execute(select(A).where(A.c.id == appointment_id).with_for_update())
    ).first()
    if row is None:
        raise NotFound(f"No appointment {appointment_id} in your hospital.")
    return row._mapping


async def _check_doctor(session: AsyncSession, actor: Actor, doctor_id: uuid.UUID) -> None:
    row = (
        await session.execute(
            select(U.c.role, U.c.is_active).where(
                U.c.id == doctor_id, U.c.hospital_id == _hospital_id(actor)
            )
        )
    ).first()
    if row is None:
        raise NotFound(f"No doctor {doctor_id} in your hospital.")
    if row.role != Role.DOCTOR:
        raise _field_error("doctorId", f"user {doctor_id} is a {row.role}, not a doctor")
    if not row.is_active:
        raise _field_error("doctorId", f"doctor {doctor_id} is deactivated")


def _check_not_past(starts_at: datetime) -> None:
    if starts_at < datetime.now(UTC) - PAST_GRACE:
        raise _field_error("startsAt", "an appointment cannot start in the past")


async def _clash(
    session: AsyncSession,
    exc: IntegrityError,
    *,
    appointment_id: uuid.UUID,
    doctor_id: uuid.UUID,
    patient_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
) -> SlotTaken:
    """The 409 for an exclusion violation, naming who clashed and with which appointment."""
    name = constraint_name(exc)
    if name not in (DOCTOR_SLOT, PATIENT_SLOT):
        raise exc
    who, column, value = (
        ("doctor", A.c.doctor_id, doctor_id)
        if name == DOCTOR_SLOT
        else ("patient", A.c.patient_id, patient_id)
    )
    overlap = text("tstzrange(starts_at, ends_at, '[)') && tstzrange(:s, :e, '[)')").bindparams(
        s=starts_at, e=ends_at
    )
    other = (
        await session.execute(
            select(A.c.id, A.c.starts_at, A.c.ends_at)
            .where(column == value, A.c.status != "cancelled", A.c.id != appointment_id, overlap)
            .order_by(A.c.starts_at)
            .limit(1)
        )
    ).first()
    message = f"The {who} is already booked at an overlapping time"
    extra: dict[str, Any] = {"clash": who}
    if other is not None:
        message += (
            f": appointment {other.id} from {other.starts_at.isoformat()} "
            f"to {other.ends_at.isoformat()}"
        )
        extra |= {
            "conflictingAppointmentId": str(other.id),
            "conflictingStartsAt": other.starts_at.isoformat(),
            "conflictingEndsAt": other.ends_at.isoformat(),
        }
    return SlotTaken(message + ". Choose another time.", extra=extra)


async def _write_slot(session: AsyncSession, statement: Any, **slot: Any) -> None:
    """Run the insert/update that takes a slot; a clash with another booking is a 409."""
    try:
        # A savepoint, so the clash can still be looked up in this transaction. A deadlock
        # between overlapping bookings is retried by the pipeline (pipeline/core.py).
        async with session.begin_nested():
            await session.execute(statement)
    except IntegrityError as exc:
        raise await _clash(session, exc, **slot) from exc


async def book(session: AsyncSession, actor: Actor, *, data: AppointmentCreate) -> AppointmentOut:
    await require_patient(session, data.patient_id)
    await _check_doctor(session, actor, data.doctor_id)
    _check_not_past(data.starts_at)
    appointment_id = uuid.uuid4()
    slot = {
        "appointment_id": appointment_id,
        "doctor_id": data.doctor_id,
        "patient_id": data.patient_id,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
    }
    statement = insert(A).values(
        id=appointment_id,
        patient_id=data.patient_id,
        doctor_id=data.doctor_id,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        reason=data.reason,
        status=AppointmentStatus.BOOKED.value,
        version=1,
        created_by=_uid(actor),
        updated_by=_uid(actor),
    )
    await _write_slot(session, statement, **slot)
    return await _audited(session, actor, "appointment.book", data.patient_id, appointment_id)


def _check_version(current: Any, version: int | None) -> None:
    if version is not None and version != current["version"]:
        raise Conflict(
            f"Appointment {current['id']} was changed since you read it (your version "
            f"{version}, current {current['version']}); reload and try again.",
            extra={"currentVersion": current["version"]},
        )


def _check_booked(current: Any, verb: str) -> None:
    if current["status"] != AppointmentStatus.BOOKED:
        raise Conflict(
            f"Appointment {current['id']} is {current['status']}; only a booked appointment "
            f"can be {verb}."
        )


async def reschedule(
    session: AsyncSession, actor: Actor, appointment_id: uuid.UUID, *, data: AppointmentReschedule
) -> AppointmentOut:
    current = await _lock(session, appointment_id)
    _check_version(current, data.version)
    _check_booked(current, "rescheduled")
    doctor_id = data.doctor_id or current["doctor_id"]
    if doctor_id != current["doctor_id"]:
        await _check_doctor(session, actor, doctor_id)
    _check_not_past(data.starts_at)
    statement = _change(
        actor, appointment_id, doctor_id=doctor_id, starts_at=data.starts_at, ends_at=data.ends_at
    )
    await _write_slot(
        session,
        statement,
        appointment_id=appointment_id,
        doctor_id=doctor_id,
        patient_id=current["patient_id"],
        starts_at=data.starts_at,
        ends_at=data.ends_at,
    )
    moved = {
        "from": [current["starts_at"].isoformat(), current["ends_at"].isoformat()],
        "to": [data.starts_at.isoformat(), data.ends_at.isoformat()],
    }
    return await _audited(
        session, actor, "appointment.reschedule", current["patient_id"], appointment_id, moved
    )


async def cancel(
    session: AsyncSession,
    actor: Actor,
    appointment_id: uuid.UUID,
    *,
    reason: str,
    version: int | None = None,
) -> AppointmentOut:
    current = await _lock(session, appointment_id)
    _check_version(current, version)
    _check_booked(current, "cancelled")
    await session.execute(
        _change(
            actor,
            appointment_id,
            status=AppointmentStatus.CANCELLED.value,
            cancel_reason=reason,
            cancelled_at=func.now(),
            cancelled_by=_uid(actor),
        )
    )
    return await _audited(
        session, actor, "appointment.cancel", current["patient_id"], appointment_id
    )


def _check_appointment_day(current: Any, tz: ZoneInfo) -> None:
    """Check-in is open for the whole calendar day of the appointment's start in the
    hospital's time zone ``tz``: an early arrival just after midnight and a late appointment
    before midnight both count, the day before or after does not. The zone is the
    hospital's own, never the client's, so no client can open check-in a day early or late."""
    day = local_day(current["starts_at"], tz)
    today = local_day(datetime.now(UTC), tz)
    if day == today:
        return
    message = (
        f"Appointment {current['id']} is on {day.isoformat()}, not today "
        f"({today.isoformat()}), in the hospital's time zone ({tz.key}); "
        "check-in opens on that day."
    )
    if day < today:
        message += " To see the patient today, reschedule the appointment to today first."
    raise NotTheAppointmentDay(
        message,
        extra={"appointmentDate": day.isoformat(), "today": today.isoformat(), "timeZone": tz.key},
    )


def hospital_zone(actor: Actor) -> ZoneInfo:
    """The time zone of the actor's hospital: its calendar day for check-in and day views."""
    if actor.hospital is None:
        raise Forbidden("This action belongs to a hospital; your account has none.")
    return actor.hospital.zone


async def check_in(
    session: AsyncSession, actor: Actor, appointment_id: uuid.UUID
) -> AppointmentOut:
    """Mark the patient arrived and open their outpatient encounter, in one transaction."""
    current = await _lock(session, appointment_id)
    _check_booked(current, "checked in")
    _check_appointment_day(current, hospital_zone(actor))
    encounter = await open_outpatient(
        session, actor, patient_id=current["patient_id"], reason=current["reason"]
    )
    encounter_id = encounter.id
    await session.execute(
        _change(
            actor,
            appointment_id,
            status=AppointmentStatus.CHECKED_IN.value,
            checked_in_at=func.now(),
            checked_in_by=_uid(actor),
            encounter_id=encounter_id,
        )
    )
    return await _audited(
        session,
        actor,
        "appointment.check-in",
        current["patient_id"],
        appointment_id,
        {"encounterId": str(encounter_id)},
    )


async def get(session: AsyncSession, appointment_id: uuid.UUID) -> AppointmentOut:
    row = (await session.execute(_select().where(A.c.id == appointment_id))).first()
    if row is None:
        raise NotFound(f"No appointment {appointment_id} in your hospital.")
    return _out(row)


async def search(
    session: AsyncSession,
    *,
    doctor_id: uuid.UUID | None,
    patient_id: uuid.UUID | None,
    window: tuple[datetime, datetime] | None,
    include_cancelled: bool,
    paging: Paging,
) -> tuple[list[AppointmentOut], int]:
    """Appointments of a doctor and/or a patient, overlapping the window, by start time."""
    conditions = []
    if doctor_id is not None:
        conditions.append(A.c.doctor_id == doctor_id)
    if patient_id is not None:
        conditions.append(A.c.patient_id == patient_id)
    if window is not None:
        conditions += [A.c.starts_at < window[1], A.c.ends_at > window[0]]
    if not include_cancelled:
        conditions.append(A.c.status != AppointmentStatus.CANCELLED.value)
    where = and_(*conditions)
    rows = (
        await session.execute(
            _select()
            .where(where)
            .order_by(A.c.starts_at, A.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(A).where(where))).scalar_one()
    return [_out(r) for r in rows], total


async def doctors(
    session: AsyncSession, actor: Actor, *, paging: Paging
) -> tuple[list[DoctorOut], int]:
    """Active doctors of the caller's hospital, by name, for booking."""
    where = and_(
        U.c.hospital_id == _hospital_id(actor), U.c.role == Role.DOCTOR.value, U.c.is_active
    )
    rows = (
        await session.execute(
            select(U.c.id, U.c.name)
            .where(where)
            .order_by(U.c.name, U.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(U).where(where))).scalar_one()
    return [DoctorOut(id=r.id, name=r.name) for r in rows], total
