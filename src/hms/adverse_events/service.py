"""Reporting and listing a patient's adverse events; a report audits in its transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.adverse_events.models import adverse_events as E
from hms.adverse_events.schemas import (
    AdverseEventCreate,
    AdverseEventOut,
)
from hms.audit import service as audit
from hms.auth.models import users as U
from hms.patients.lookup import PatientNotFound
from hms.patients.models import patients as P
from hms.pipeline import Actor
from hms.platform.errors import InvalidInput, NotFound
from hms.platform.paging import Paging
from hms.prescriptions.models import prescriptions


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{field}: {message}", extra={"errors": [{"field": field, "message": message}]}
    )


async def _patient_born(session: AsyncSession, patient_id: uuid.UUID) -> Any:
    born = (
        await session.execute(select(P.c.date_of_birth).where(P.c.id == patient_id))
    ).scalar_one_or_none()
    if born is None:
        raise PatientNotFound(patient_id)
    return born


async def _check_prescription(
    session: AsyncSession, prescription_id: uuid.UUID, patient_id: uuid.UUID
) -> None:
    owner = (
        await session.execute(
            select(prescriptions.c.patient_id).where(prescriptions.c.id == prescription_id)
        )
    ).scalar_one_or_none()
    if owner is None:
        raise NotFound(f"No prescription {prescription_id} in your hospital.")
    if owner != patient_id:
        raise _invalid("prescriptionId", f"prescription {prescription_id} is another patient's")


def _select() -> Any:
    return select(E, func.coalesce(U.c.name, "unknown user").label("reporter_name")).outerjoin(
        U, U.c.id == E.c.reported_by
    )


def _out(row: Any) -> AdverseEventOut:
    reporter = {"id": row.reported_by, "name": row.reporter_name}
    return AdverseEventOut.model_validate({**row._mapping, "reported_by": reporter})


async def report(
    session: AsyncSession, actor: Actor, patient_id: uuid.UUID, *, data: AdverseEventCreate
) -> AdverseEventOut:
    born = await _patient_born(session, patient_id)
    # A day's grace: the reporter's calendar day may be ahead of UTC.
    if data.onset_date > (datetime.now(UTC) + timedelta(days=1)).date():
        raise _invalid("onsetDate", "the onset cannot be in the future")
    if data.onset_date < born:
        raise _invalid("onsetDate", f"the onset cannot be before the date of birth ({born})")
    if data.prescription_id is not None:
        await _check_prescription(session, data.prescription_id, patient_id)
    event_id = uuid.uuid4()
    statement = insert(E).values(
        id=event_id,
        patient_id=patient_id,
        prescription_id=data.prescription_id,
        description=data.description,
        severity=data.severity.value,
        outcome=data.outcome.value,
        onset_date=data.onset_date,
        reported_by=uuid.UUID(actor.user_id),
        reporter_role=actor.role,
    )
    await session.execute(statement)
    await audit.record(
        session,
        actor,
        action="adverse_event.report",
        patient_id=patient_id,
        detail={"adverseEventId": str(event_id), "severity": data.severity.value},
    )
    row = (await session.execute(_select().where(E.c.id == event_id))).one()
    return _out(row)


async def for_patient(
    session: AsyncSession, patient_id: uuid.UUID, *, paging: Paging
) -> tuple[list[AdverseEventOut], int]:
    """A patient's adverse events, most recent onset first."""
    await _patient_born(session, patient_id)
    where = E.c.patient_id == patient_id
    rows = (
        await session.execute(
            _select()
            .where(where)
            .order_by(E.c.onset_date.desc(), E.c.reported_at.desc(), E.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(E).where(where))).scalar_one()
    return [_out(r) for r in rows], total
