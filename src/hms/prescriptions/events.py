"""Live prescription events, sent after the commit (ARCHITECTURE.md §6).

``prescription:new`` goes to the pharmacists of the hospital (room
``hospital:{slug}:role:pharmacist``, on every instance through the Redis manager);
``prescription:status`` goes to the prescriber (room ``user:{id}``) and to the pharmacists,
whose queue changes with it. Nothing is sent to any other hospital's rooms.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.deps import Actor
from hms.platform.uow import after_commit
from hms.realtime.rooms import role_room, user_room
from hms.runtime import Runtime

NEW = "prescription:new"
CREATED = "prescription:created"
STATUS = "prescription:status"


def pharmacist_room(slug: str) -> str:
    return role_room(slug, "pharmacist")


def plain(data: Any) -> Any:
    """JSON types only (datetimes as ISO strings), as the Socket.IO serializer needs."""
    return orjson.loads(orjson.dumps(data))


def announce_new(
    session: AsyncSession, rt: Runtime, actor: Actor, prescription: dict[str, Any]
) -> None:
    assert actor.hospital is not None
    room = pharmacist_room(actor.hospital.slug)
    payload = plain(prescription)
    after_commit(session, lambda: rt.emit(NEW, payload, room=room))


def announce_status(
    session: AsyncSession,
    rt: Runtime,
    actor: Actor,
    prescription: dict[str, Any],
    *,
    previous: str,
    reason: str | None = None,
) -> None:
    assert actor.hospital is not None
    payload = plain(
        {
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
    )
    prescriber = user_room(prescription["prescriber"]["id"])
    pharmacists = pharmacist_room(actor.hospital.slug)

    async def send() -> None:
        await rt.emit(STATUS, payload, room=prescriber)
        await rt.emit(STATUS, payload, room=pharmacists)

    after_commit(session, send)
