"""Live admission, transfer and discharge events, sent after the commit.

They go to the hospital's room, as vitals and alerts do: every role of a hospital may see
its census (``patients:view``), and no other hospital's socket is in that room.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from hms.encounters.models import Encounter
from hms.encounters.schemas import EncounterEvent, EncounterKind
from hms.pipeline import Actor
from hms.platform.events import hospital_room, publish

ADMITTED = "encounter:admitted"
TRANSFERRED = "encounter:transferred"
DISCHARGED = "encounter:discharged"


def announce(
    session: AsyncSession,
    actor: Actor,
    event: str,
    encounter: Encounter,
    *,
    to_bed: tuple[uuid.UUID, uuid.UUID] | None,
    from_bed: tuple[uuid.UUID, uuid.UUID] | None,
) -> None:
    """Send ``event`` once the write commits; beds are (ward id, bed id)."""
    assert actor.hospital is not None
    slug = actor.hospital.slug
    payload = EncounterEvent(
        encounter_id=encounter.id,
        patient_id=encounter.patient_id,
        kind=EncounterKind(encounter.kind),
        status="open" if encounter.closed_at is None else "closed",
        ward_id=to_bed[0] if to_bed else None,
        bed_id=to_bed[1] if to_bed else None,
        from_ward_id=from_bed[0] if from_bed else None,
        from_bed_id=from_bed[1] if from_bed else None,
    ).model_dump(mode="json", by_alias=True)
    publish(session, event, payload, to=hospital_room(slug), stream=slug)
