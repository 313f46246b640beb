"""``vitals:updated``: a recorded set with its NEWS2, sent after the commit to the screens that
show it: those watching the patient (the chart) and those watching the ward where the patient
lies now (the nurse station), never the whole hospital. Manual entry over REST and device
ingestion both announce through here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.events import patient_room, publish, ward_room

EVENT = "vitals:updated"


def announce(
    session: AsyncSession, slug: str, payload: dict[str, Any], *, ward_id: object | None
) -> None:
    """Send one set (``payload``: the set as the vitals API shows it, with ``patientId``).
    ``ward_id``: the ward of the patient's open bed stay, read in the caller's transaction
    (None when the patient is in no bed)."""
    rooms = [patient_room(slug, payload["patientId"])]
    if ward_id is not None:
        rooms.append(ward_room(slug, ward_id))
    publish(session, EVENT, payload, to=rooms, stream=slug)
