"""Wards and beds of one hospital (set up by its administration) and the ward census."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.encounters.models import Bed, BedStay, Encounter, Ward
from hms.patients.models import Patient
from hms.pipeline import Actor
from hms.platform.db import refuse_duplicate
from hms.platform.errors import Conflict, NotFound
from hms.platform.paging import Paging


def ward_not_found(ward_id: uuid.UUID) -> NotFound:
    return NotFound(f"No ward {ward_id} in your hospital.")


async def get_ward_row(session: AsyncSession, ward_id: uuid.UUID) -> Ward:
    ward = (await session.execute(select(Ward).where(Ward.id == ward_id))).scalar_one_or_none()
    if ward is None:
        raise ward_not_found(ward_id)
    return ward


async def create_ward(
    session: AsyncSession, actor: Actor, *, code: str, name: str, beds: list[str]
) -> dict[str, Any]:
    labels = [label.strip() for label in beds]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise Conflict(f"Bed labels repeat: {', '.join(duplicates)}.")
    ward_id = uuid.uuid4()
    async with refuse_duplicate(session, f"A ward with code {code!r} already exists."):
        await session.execute(insert(Ward).values(id=ward_id, code=code, name=name))
    if labels:
        await session.execute(
            insert(Bed), [{"id": uuid.uuid4(), "ward_id": ward_id, "label": x} for x in labels]
        )
    await audit.record(
        session, actor, action="ward.create", patient_id=None, detail={"wardId": str(ward_id)}
    )
    return await ward_detail(session, ward_id)


async def add_bed(
    session: AsyncSession, actor: Actor, ward_id: uuid.UUID, *, label: str
) -> dict[str, Any]:
    ward = await get_ward_row(session, ward_id)
    bed_id = uuid.uuid4()
    async with refuse_duplicate(session, f"Ward {ward.code} already has a bed {label!r}."):
        await session.execute(insert(Bed).values(id=bed_id, ward_id=ward_id, label=label))
    await audit.record(
        session, actor, action="bed.create", patient_id=None, detail={"bedId": str(bed_id)}
    )
    return {"id": bed_id, "ward_id": ward_id, "label": label, "occupied": False}


def _open_stay_of_bed() -> Any:
    return (
        select(BedStay.id)
        .where(BedStay.bed_id == Bed.id, BedStay.ended_at.is_(None))
        .exists()
        .label("occupied")
    )


async def ward_detail(session: AsyncSession, ward_id: uuid.UUID) -> dict[str, Any]:
    ward = await get_ward_row(session, ward_id)
    beds = (
        await session.execute(
            select(Bed.id, Bed.ward_id, Bed.label, _open_stay_of_bed())
            .where(Bed.ward_id == ward_id)
            .order_by(Bed.label)
        )
    ).all()
    return {
        "id": ward.id,
        "code": ward.code,
        "name": ward.name,
        "beds": [dict(b._mapping) for b in beds],
    }


async def list_wards(session: AsyncSession, *, paging: Paging) -> tuple[list[dict[str, Any]], int]:
    bed_count = (
        select(func.count()).where(Bed.ward_id == Ward.id).scalar_subquery().label("bed_count")
    )
    occupied = (
        select(func.count())
        .where(BedStay.ward_id == Ward.id, BedStay.ended_at.is_(None))
        .scalar_subquery()
        .label("occupied_count")
    )
    rows = (
        await session.execute(
            select(Ward.id, Ward.code, Ward.name, bed_count, occupied)
            .order_by(Ward.code)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(Ward))).scalar_one()
    return [dict(r._mapping) for r in rows], total


async def census(session: AsyncSession, ward_id: uuid.UUID) -> dict[str, Any]:
    """Every bed of the ward with its current occupant and length of stay so far."""
    ward = await get_ward_row(session, ward_id)
    rows = (
        await session.execute(
            select(
                Bed.id.label("bed_id"),
                Bed.label,
                BedStay.started_at,
                Encounter.id.label("encounter_id"),
                Encounter.kind,
                Encounter.opened_at,
                Patient.id.label("patient_id"),
                Patient.name,
                Patient.mrn,
            )
            .select_from(Bed)
            .outerjoin(BedStay, and_(BedStay.bed_id == Bed.id, BedStay.ended_at.is_(None)))
            .outerjoin(Encounter, Encounter.id == BedStay.encounter_id)
            .outerjoin(Patient, Patient.id == BedStay.patient_id)
            .where(Bed.ward_id == ward_id)
            .order_by(Bed.label)
        )
    ).all()
    now = datetime.now(UTC)
    beds = []
    for r in rows:
        occupant = None
        if r.encounter_id is not None:
            hours = int((now - r.opened_at).total_seconds() // 3600)
            occupant = {
                "patient": {"id": r.patient_id, "name": r.name, "mrn": r.mrn},
                "encounter_id": r.encounter_id,
                "kind": r.kind,
                "admitted_at": r.opened_at,
                "in_bed_since": r.started_at,
                "length_of_stay_hours": max(hours, 0),
                "length_of_stay_days": max(hours, 0) // 24,
            }
        beds.append({"bed_id": r.bed_id, "label": r.label, "occupant": occupant})
    return {
        "ward": {"id": ward.id, "code": ward.code, "name": ward.name},
        "as_of": now,
        "total_beds": len(beds),
        "occupied": sum(1 for b in beds if b["occupant"]),
        "beds": beds,
    }
