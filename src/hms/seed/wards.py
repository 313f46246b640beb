"""Demo wards, beds and a few admitted patients with observations (synthetic people)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.encounters import service as encounters
from hms.encounters import wards
from hms.encounters.models import Bed, BedStay, Encounter, Ward
from hms.encounters.schemas import EncounterKind
from hms.patients.models import Patient
from hms.pipeline import Call, Operation, Permission
from hms.vitals import service as vitals
from hms.vitals.schemas import VitalsIn

DEMO_WARDS = (
    ("MED-A", "Medical Ward A", [f"A{n}" for n in range(1, 9)]),
    ("SURG-B", "Surgical Ward B", [f"B{n}" for n in range(1, 7)]),
)
# Four sets 4 hours apart per admitted patient; the last patient deteriorates (NEWS2 rising).
_STEADY = {
    "heart_rate": 78,
    "systolic_bp": 128,
    "diastolic_bp": 76,
    "temperature": 36.9,
    "spo2": 97,
    "respiration_rate": 16,
    "on_oxygen": False,
    "consciousness": "alert",
}
_WORSENING = [
    _STEADY,
    {**_STEADY, "respiration_rate": 21, "heart_rate": 96, "temperature": 38.2},
    {**_STEADY, "respiration_rate": 23, "heart_rate": 104, "spo2": 94, "temperature": 38.6},
    {**_STEADY, "respiration_rate": 25, "heart_rate": 118, "spo2": 93, "systolic_bp": 104},
]
# Admitted 1 to 5 days ago (before the first observation), so the census shows real stays.
_ADMITTED_DAYS_AGO = (3, 1, 5, 2, 4)


# Run as a doctor of the hospital, who admits and records vitals; the demo wards are made
# in the same unit of work.
SEED_WARDS = Operation(Permission.MANAGE_ENCOUNTERS, audit="seed.wards", writes=True)


async def seed_demo_wards(call: Call, *, admit: int = 5) -> bool:
    """Create the demo wards with beds and admit the first ``admit`` patients to Medical
    Ward A, days before their last half day of observations; False when the hospital
    already has wards. Runs as ``SEED_WARDS``."""
    session, actor = call.session, call.actor
    if (await session.execute(select(func.count()).select_from(Ward))).scalar_one():
        return False
    for code, name, beds in DEMO_WARDS:
        await wards.create_ward(session, actor, code=code, name=name, beds=beds)
    ward_id, bed_ids = await _ward_beds(session, "MED-A")
    patients = (
        (await session.execute(select(Patient.id).order_by(Patient.mrn).limit(admit)))
        .scalars()
        .all()
    )
    now = datetime.now(UTC)
    for i, (patient_id, bed_id) in enumerate(zip(patients, bed_ids, strict=False)):
        encounter = await encounters.open_encounter(
            session,
            actor,
            patient_id=patient_id,
            kind=EncounterKind.INPATIENT,
            reason="Demo admission",
            ward_id=ward_id,
            bed_id=bed_id,
        )
        days = _ADMITTED_DAYS_AGO[i % len(_ADMITTED_DAYS_AGO)]
        await _backdate(session, encounter.id, now - timedelta(days=days))
        sets = _WORSENING if i == len(patients) - 1 else [_STEADY] * 4
        for n, values in enumerate(sets):
            recorded_at = now - timedelta(hours=4 * (len(sets) - 1 - n), minutes=5)
            data = VitalsIn.model_validate({**values, "recorded_at": recorded_at})
            await vitals.record(session, actor, patient_id, data=data)
    return True


async def _backdate(session: AsyncSession, encounter_id: uuid.UUID, admitted_at: datetime) -> None:
    await session.execute(
        update(Encounter).where(Encounter.id == encounter_id).values(opened_at=admitted_at)
    )
    await session.execute(
        update(BedStay).where(BedStay.encounter_id == encounter_id).values(started_at=admitted_at)
    )


async def _ward_beds(session: AsyncSession, code: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    ward_id = (await session.execute(select(Ward.id).where(Ward.code == code))).scalar_one()
    beds = (
        (await session.execute(select(Bed.id).where(Bed.ward_id == ward_id).order_by(Bed.label)))
        .scalars()
        .all()
    )
    return ward_id, list(beds)
