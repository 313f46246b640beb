"""Encounter lifecycle: open (outpatient, emergency), admit to a bed, transfer, discharge.

Bed occupancy is enforced by the database: a partial unique index allows one open stay per
bed, so of two concurrent admissions into one bed the second waits for the first to commit
and then fails; it is answered 409 naming the bed. Transfers and discharges lock the
encounter row, so two of them on one encounter run one after the other. Each of the three
is announced live after its commit (``encounters/events.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.encounters import events
from hms.encounters.models import Bed, BedStay, Encounter, Ward
from hms.encounters.schemas import Disposition, EncounterKind
from hms.encounters.wire import encounter_wire
from hms.icd10 import service as icd10
from hms.patients.lookup import require_patient
from hms.pipeline import Actor
from hms.platform.errors import Conflict, InvalidInput, NotFound
from hms.platform.paging import Paging

OPEN_BED_INDEX = "uq_bed_stays_open_bed"
OPEN_INPATIENT_INDEX = "uq_encounters_open_inpatient"


class BedOccupied(Conflict):
    pass


def _constraint(exc: IntegrityError) -> str | None:
    cause = getattr(exc.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None)


def encounter_not_found(encounter_id: uuid.UUID) -> NotFound:
    return NotFound(f"No encounter {encounter_id} in your hospital.")


async def _bed(session: AsyncSession, ward_id: uuid.UUID, bed_id: uuid.UUID) -> Any:
    row = (
        await session.execute(
            select(Bed.id, Bed.label, Bed.ward_id, Ward.code.label("ward_code"))
            .join(Ward, Ward.id == Bed.ward_id)
            .where(Bed.id == bed_id)
        )
    ).first()
    if row is None:
        raise NotFound(f"No bed {bed_id} in your hospital.")
    if row.ward_id != ward_id:
        ward = (await session.execute(select(Ward.code).where(Ward.id == ward_id))).scalar()
        if ward is None:
            raise NotFound(f"No ward {ward_id} in your hospital.")
        raise InvalidInput(
            f"Bed {row.label} is in ward {row.ward_code}, not in ward {ward}.",
            extra={"errors": [{"field": "bedId", "message": "bed is not in this ward"}]},
        )
    return row


def _occupied(bed: Any) -> BedOccupied:
    return BedOccupied(
        f"Bed {bed.label} in ward {bed.ward_code} is occupied; choose a free bed.",
        extra={"bedId": str(bed.id), "bedLabel": bed.label, "wardCode": bed.ward_code},
    )


async def _occupy(
    session: AsyncSession,
    actor: Actor,
    encounter: Encounter,
    bed: Any,
    event: str,
    from_bed: tuple[uuid.UUID, uuid.UUID] | None = None,
) -> None:
    """Put the encounter's patient in ``bed`` and announce ``event`` (an admission or a
    transfer from ``from_bed``)."""
    taken = (
        await session.execute(
            select(BedStay.id).where(BedStay.bed_id == bed.id, BedStay.ended_at.is_(None))
        )
    ).first()
    if taken:
        raise _occupied(bed)
    try:
        async with session.begin_nested():
            await session.execute(
                insert(BedStay).values(
                    id=uuid.uuid4(),
                    encounter_id=encounter.id,
                    patient_id=encounter.patient_id,
                    ward_id=bed.ward_id,
                    bed_id=bed.id,
                    started_by=uuid.UUID(actor.user_id),
                )
            )
    except IntegrityError as exc:
        # A concurrent admission took the bed between our check and our insert.
        if _constraint(exc) == OPEN_BED_INDEX:
            raise _occupied(bed) from exc
        raise
    to_bed = (bed.ward_id, bed.id)
    events.announce(session, actor, event, encounter, to_bed=to_bed, from_bed=from_bed)


def _already_admitted(patient_id: uuid.UUID, current: uuid.UUID | None) -> Conflict:
    return Conflict(
        f"Patient {patient_id} is already admitted"
        + (f" (encounter {current})" if current else "")
        + "; transfer or discharge that stay instead.",
        extra={"encounterId": str(current) if current else None},
    )


async def open_encounter(
    session: AsyncSession,
    actor: Actor,
    *,
    patient_id: uuid.UUID,
    kind: EncounterKind,
    reason: str | None,
    ward_id: uuid.UUID | None = None,
    bed_id: uuid.UUID | None = None,
) -> Encounter:
    """Open an encounter; an inpatient one (or an emergency one given a bed) takes a bed,
    which is announced as ``encounter:admitted``."""
    await require_patient(session, patient_id)
    deceased = (
        await session.execute(
            select(Encounter.closed_at).where(
                Encounter.patient_id == patient_id, Encounter.disposition == "deceased"
            )
        )
    ).first()
    if deceased:
        raise Conflict(f"Patient {patient_id} is recorded as deceased ({deceased.closed_at}).")
    bed = await _bed(session, ward_id, bed_id) if ward_id and bed_id else None
    if kind == EncounterKind.INPATIENT and bed is None:
        raise InvalidInput("An inpatient admission needs wardId and bedId.")
    if kind == EncounterKind.OUTPATIENT and bed is not None:
        raise InvalidInput("An outpatient encounter takes no ward or bed.")
    if kind == EncounterKind.INPATIENT:
        current = (
            await session.execute(
                select(Encounter.id).where(
                    Encounter.patient_id == patient_id,
                    Encounter.kind == "inpatient",
                    Encounter.closed_at.is_(None),
                )
            )
        ).scalar()
        if current is not None:
            raise _already_admitted(patient_id, current)
    try:
        async with session.begin_nested():
            encounter = (
                await session.execute(
                    insert(Encounter)
                    .values(
                        id=uuid.uuid4(),
                        patient_id=patient_id,
                        kind=kind.value,
                        reason=reason,
                        opened_by=uuid.UUID(actor.user_id),
                        discharge_diagnoses=[],
                    )
                    .returning(Encounter)
                )
            ).scalar_one()
    except IntegrityError as exc:
        # A concurrent admission of the same patient committed first.
        if _constraint(exc) == OPEN_INPATIENT_INDEX:
            raise _already_admitted(patient_id, None) from exc
        raise
    if bed is not None:
        await _occupy(session, actor, encounter, bed, events.ADMITTED)
    action = "encounter.admit" if bed is not None else "encounter.open"
    await audit.record(
        session,
        actor,
        action=action,
        patient_id=patient_id,
        detail={"encounterId": str(encounter.id), "kind": kind.value},
    )
    return encounter


async def open_outpatient(
    session: AsyncSession, actor: Actor, *, patient_id: uuid.UUID, reason: str | None
) -> Encounter:
    """An outpatient visit (used by check-in); the caller checks the actor's permission."""
    return await open_encounter(
        session, actor, patient_id=patient_id, kind=EncounterKind.OUTPATIENT, reason=reason
    )


async def _lock_open(session: AsyncSession, encounter_id: uuid.UUID) -> Encounter:
    encounter = (
        await session.execute(
            select(Encounter).where(Encounter.id == encounter_id).with_for_update()
        )
    ).scalar_one_or_none()
    if encounter is None:
        raise encounter_not_found(encounter_id)
    if encounter.closed_at is not None:
        raise Conflict(
            f"Encounter {encounter_id} was closed at {encounter.closed_at.isoformat()} "
            f"({encounter.disposition}); open a new one instead."
        )
    return encounter


async def _end_open_stay(
    session: AsyncSession, actor: Actor, encounter_id: uuid.UUID
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """End the encounter's open bed stay; the (ward id, bed id) it left, if any."""
    left = (
        await session.execute(
            update(BedStay)
            .where(BedStay.encounter_id == encounter_id, BedStay.ended_at.is_(None))
            .values(ended_at=func.now(), ended_by=uuid.UUID(actor.user_id))
            .returning(BedStay.ward_id, BedStay.bed_id)
        )
    ).first()
    return (left.ward_id, left.bed_id) if left else None


async def transfer(
    session: AsyncSession,
    actor: Actor,
    encounter_id: uuid.UUID,
    *,
    ward_id: uuid.UUID,
    bed_id: uuid.UUID,
) -> Encounter:
    encounter = await _lock_open(session, encounter_id)
    if encounter.kind == EncounterKind.OUTPATIENT:
        raise Conflict(f"Encounter {encounter_id} is an outpatient visit; it has no bed.")
    bed = await _bed(session, ward_id, bed_id)
    current = (
        await session.execute(
            select(BedStay.bed_id).where(
                BedStay.encounter_id == encounter_id, BedStay.ended_at.is_(None)
            )
        )
    ).scalar()
    if current == bed_id:
        raise Conflict(f"The patient is already in bed {bed.label} of ward {bed.ward_code}.")
    left = await _end_open_stay(session, actor, encounter_id)
    await _occupy(session, actor, encounter, bed, events.TRANSFERRED, from_bed=left)
    await audit.record(
        session,
        actor,
        action="encounter.transfer",
        patient_id=encounter.patient_id,
        detail={
            "encounterId": str(encounter_id),
            "fromBed": str(current) if current else None,
            "toBed": str(bed_id),
        },
    )
    return encounter


async def _diagnoses(session: AsyncSession, codes: list[str]) -> list[str]:
    normalised = [icd10.normalise_code(c) for c in codes]
    known = await icd10.lookup(session, normalised)
    errors = []
    for i, (given, code) in enumerate(zip(codes, normalised, strict=True)):
        found = known.get(code)
        if found is None:
            errors.append({"field": f"diagnoses.{i}", "message": f"{given!r} is not ICD-10-CM"})
        elif not found.billable:
            errors.append(
                {
                    "field": f"diagnoses.{i}",
                    "message": f"{code} ({found.description}) is a heading, not a billable "
                    "code; choose a more specific code under it",
                }
            )
    if errors:
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        raise InvalidInput(f"Fix these fields: {summary}", extra={"errors": errors})
    duplicates = sorted({c for c in normalised if normalised.count(c) > 1})
    if duplicates:
        raise InvalidInput(f"Diagnoses repeat: {', '.join(duplicates)}.")
    return normalised


async def discharge(
    session: AsyncSession,
    actor: Actor,
    encounter_id: uuid.UUID,
    *,
    disposition: Disposition,
    diagnoses: list[str],
    note: str | None,
) -> Encounter:
    encounter = await _lock_open(session, encounter_id)
    if encounter.kind == EncounterKind.INPATIENT and not diagnoses:
        raise InvalidInput(
            "An inpatient discharge needs at least one diagnosis (ICD-10-CM, principal first).",
            extra={"errors": [{"field": "diagnoses", "message": "at least one code required"}]},
        )
    codes = await _diagnoses(session, diagnoses)
    left = await _end_open_stay(session, actor, encounter_id)
    row = (
        await session.execute(
            update(Encounter)
            .where(Encounter.id == encounter_id)
            .values(
                closed_at=func.now(),
                closed_by=uuid.UUID(actor.user_id),
                disposition=disposition.value,
                discharge_diagnoses=codes,
                discharge_note=note,
            )
            .returning(Encounter.closed_at)
        )
    ).one()
    encounter.closed_at = row.closed_at
    encounter.closed_by = uuid.UUID(actor.user_id)
    encounter.disposition = disposition.value
    encounter.discharge_diagnoses = codes
    encounter.discharge_note = note
    await audit.record(
        session,
        actor,
        action="encounter.discharge",
        patient_id=encounter.patient_id,
        detail={"encounterId": str(encounter_id), "disposition": disposition.value},
    )
    events.announce(session, actor, events.DISCHARGED, encounter, to_bed=None, from_bed=left)
    return encounter


async def get(session: AsyncSession, encounter_id: uuid.UUID) -> dict[str, Any]:
    encounter = (
        await session.execute(select(Encounter).where(Encounter.id == encounter_id))
    ).scalar_one_or_none()
    if encounter is None:
        raise encounter_not_found(encounter_id)
    return (await encounter_wire(session, [encounter]))[0]


async def list_for_patient(
    session: AsyncSession, patient_id: uuid.UUID, *, paging: Paging
) -> tuple[list[dict[str, Any]], int]:
    await require_patient(session, patient_id)
    rows = (
        (
            await session.execute(
                select(Encounter)
                .where(Encounter.patient_id == patient_id)
                .order_by(Encounter.opened_at.desc(), Encounter.id)
                .limit(paging.size)
                .offset(paging.offset)
            )
        )
        .scalars()
        .all()
    )
    total = (
        await session.execute(
            select(func.count()).select_from(Encounter).where(Encounter.patient_id == patient_id)
        )
    ).scalar_one()
    return await encounter_wire(session, list(rows)), total
