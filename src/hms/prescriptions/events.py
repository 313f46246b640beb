"""Live prescription events, sent after the commit (ARCHITECTURE.md §6).

``prescription:new`` goes to the pharmacists of the hospital (room
``hospital:{slug}:role:pharmacist``, on every instance through the Redis manager);
``prescription:status`` goes to the prescriber (room ``user:{id}``) and to the pharmacists,
whose queue changes with it. Nothing is sent to any other hospital's rooms.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hms.pipeline import Actor
from hms.platform.events import publish, role_room, user_room

NEW = "prescription:new"
CREATED = "prescription:created"
STATUS = "prescription:status"


def announce_new(session: AsyncSession, actor: Actor, prescription: dict[str, Any]) -> None:
    assert actor.hospital is not None
    slug = actor.hospital.slug
    publish(session, NEW, prescription, to=role_room(slug, "pharmacist"), stream=slug)


def announce_status(
    session: AsyncSession,
    actor: Actor,
    prescription: dict[str, Any],
    *,
    previous: str,
    reason: str | None = None,
) -> None:
    assert actor.hospital is not None
    slug = actor.hospital.slug
    payload = {
        "id": prescription["id"],
        "patient": prescription["patient"],
        "status": prescription["status"],
        "previousStatus": previous,
        "at": datetime.now(UTC),
        "by": {"id": actor.user_id, "role": actor.role},
        "reason": reason,
        "items": [
            {
                "id": i["id"],
                "drugId": i["drugId"],
                "drugName": i["drugName"],
                "quantity": i["quantity"],
                "dispensedQuantity": i["dispensedQuantity"],
            }
            for i in prescription["items"]
        ],
    }
    to = (user_room(prescription["prescriber"]["id"]), role_room(slug, "pharmacist"))
    publish(session, STATUS, payload, to=to, stream=slug)
