"""Reading vitals: a patient's range for a chart, a patient's latest set, and the latest set
of every patient in a ward's beds. Each is answered from the (patient_id, recorded_at DESC)
index; the ward query finds its patients through the open bed stays of the ward."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from hms.encounters.models import Bed, BedStay, Ward
from hms.patients.lookup import require_patient
from hms.patients.models import Patient
from hms.platform.errors import InvalidInput, NotFound
from hms.vitals.models import vitals as V
from hms.vitals.service import FUTURE_TOLERANCE
from hms.vitals.wire import row_wire

DEFAULT_RANGE = timedelta(days=7)
MAX_RANGE = timedelta(days=31)
MAX_LIMIT = 5000


def resolve_range(
    start: datetime | None, end: datetime | None, *, now: datetime | None = None
) -> tuple[datetime, datetime]:
    # "to" defaults to now plus the clock drift a recorded set may have (5 minutes ahead).
    end = end or (now or datetime.now(UTC)) + FUTURE_TOLERANCE
    start = start or end - DEFAULT_RANGE
    if start > end:
        raise InvalidInput(
            "from must be before to.",
            extra={"errors": [{"field": "from", "message": "after to"}]},
        )
    if end - start > MAX_RANGE:
        raise InvalidInput(
            f"The range is {(end - start).days} days; at most 31 days per request.",
            extra={"errors": [{"field": "from", "message": "range longer than 31 days"}]},
        )
    return start, end


async def series(
    session: AsyncSession,
    patient_id: uuid.UUID,
    *,
    start: datetime,
    end: datetime,
    limit: int,
) -> tuple[list[dict[str, Any]], bool]:
    """Sets recorded in [start, end], oldest first; the newest ``limit`` when there are more."""
    await require_patient(session, patient_id)
    rows = (
        await session.execute(
            select(V)
            .where(V.c.patient_id == patient_id, V.c.recorded_at.between(start, end))
            .order_by(V.c.recorded_at.desc())
            .limit(limit + 1)
        )
    ).all()
    truncated = len(rows) > limit
    return [row_wire(r._mapping) for r in reversed(rows[:limit])], truncated


async def latest(session: AsyncSession, patient_id: uuid.UUID) -> dict[str, Any] | None:
    await require_patient(session, patient_id)
    row = (
        await session.execute(
            select(V).where(V.c.patient_id == patient_id).order_by(V.c.recorded_at.desc()).limit(1)
        )
    ).first()
    return row_wire(row._mapping) if row is not None else None


async def ward_latest(session: AsyncSession, ward_id: uuid.UUID) -> dict[str, Any]:
    """The latest set of each patient now in a bed of the ward, in bed order."""
    ward = (
        await session.execute(select(Ward.id, Ward.code, Ward.name).where(Ward.id == ward_id))
    ).first()
    if ward is None:
        raise NotFound(f"No ward {ward_id} in your hospital.")
    last = (
        select(V)
        .where(V.c.patient_id == BedStay.patient_id)
        .order_by(V.c.recorded_at.desc())
        .limit(1)
        .lateral("last")
    )
    rows = (
        await session.execute(
            select(
                BedStay.bed_id,
                Bed.label.label("bed_label"),
                BedStay.encounter_id,
                BedStay.patient_id.label("stay_patient_id"),
                Patient.name.label("patient_name"),
                Patient.mrn.label("patient_mrn"),
                last,
            )
            .select_from(BedStay)
            .join(Bed, Bed.id == BedStay.bed_id)
            .join(Patient, Patient.id == BedStay.patient_id)
            .outerjoin(last, true())
            .where(and_(BedStay.ward_id == ward_id, BedStay.ended_at.is_(None)))
            .order_by(Bed.label)
        )
    ).all()
    items = []
    for r in rows:
        m = r._mapping
        items.append(
            {
                "bed": {"id": m["bed_id"], "label": m["bed_label"]},
                "patient": {
                    "id": m["stay_patient_id"],
                    "name": m["patient_name"],
                    "mrn": m["patient_mrn"],
                },
                "encounter_id": m["encounter_id"],
                "vitals": row_wire(m) if m["id"] is not None else None,
            }
        )
    return {
        "ward": {"id": ward.id, "code": ward.code, "name": ward.name},
        "as_of": datetime.now(UTC),
        "items": items,
    }
