"""Live admission, transfer and discharge events, sent after the commit.

They go to the hospital's room, as vitals and alerts do: every role of a hospital may see
its census (``patients:view``), and no other hospital's socket is in that room.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.deps import Actor
from hms.encounters.models import Encounter
from hms.encounters.schemas import EncounterEvent, EncounterKind
from hms.platform.uow import after_commit
from hms.realtime.rooms import hospital_room

if TYPE_CHECKING:
    from hms.runtime import Runtime

ADMITTED = "encounter:admitted"
TRANSFERRED = "encounter:transferred"
DISCHARGED = "encounter:discharged"


def announce(
    session: AsyncSession,
    rt: Runtime | None,
    actor: Actor,
    event: str,
    encounter: Encounter,
    *,
    to_bed: tuple[uuid.UUID, uuid.UUID] | None,
    from_bed: tuple[uuid.UUID, uuid.UUID] | None,
) -> None:
    """Send ``event`` once the write commits; beds are (ward id, bed id)."""
    if rt is None or actor.hospital is None:
        return
    room = hospital_room(actor.hospital.slug)
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
    runtime = rt
    after_commit(session, lambda: runtime.emit(event, payload, room=room))
