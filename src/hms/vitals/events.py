"""``vitals:updated``: a recorded set with its NEWS2, sent after the commit to the screens that
show it. Manual entry over REST and device ingestion both announce through here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.events import hospital_room, publish

EVENT = "vitals:updated"


def announce(session: AsyncSession, slug: str, payload: dict[str, Any]) -> None:
    """Send one set (``payload``: the set as the vitals API shows it, with ``patientId``)."""
    publish(session, EVENT, payload, to=hospital_room(slug), stream=slug)
