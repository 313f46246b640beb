"""Whether a patient is in the caller's hospital, for every domain whose records belong to
a patient (encounters, vitals, appointments, labs, adverse events)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.patients.models import Patient
from hms.platform.errors import NotFound


class PatientNotFound(NotFound):
    def __init__(self, patient_id: Any) -> None:
        super().__init__(f"No patient {patient_id} in your hospital.")


async def require_patient(session: AsyncSession, patient_id: uuid.UUID) -> None:
    """Raise :class:`PatientNotFound` unless the patient is in the session's hospital."""
    found = (
        await session.execute(select(Patient.id).where(Patient.id == patient_id))
    ).scalar_one_or_none()
    if found is None:
        raise PatientNotFound(patient_id)
