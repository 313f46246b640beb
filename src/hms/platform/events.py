"""Live events: the rooms they are addressed to, and their sending once a transaction commits.

A domain raises an event with :func:`publish` inside its unit of work; the pipeline hands the
pending events to the :class:`Publisher` after the commit, so a rolled-back write sends
nothing. The publisher numbers each event (``seq``, one sequence per hospital, kept in Redis
so every instance shares it) and emits it through the Socket.IO server, whose Redis manager
reaches the clients on every instance.

A socket joins its hospital's room, its role's room within that hospital and its user's room
at the handshake (``realtime/server.py``); super admins, who have no hospital, join the
platform room instead. These functions are the one place room names are spelled.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.metrics import EVENTS_EMITTED, REDIS_ERRORS

log = logging.getLogger(__name__)

PLATFORM = "platform"


def hospital_room(slug: str) -> str:
    return f"hospital:{slug}"


def role_room(slug: str, role: str) -> str:
    return f"hospital:{slug}:role:{role}"


def user_room(user_id: str) -> str:
    return f"user:{user_id}"


def patient_room(slug: str, patient_id: object) -> str:
    """Screens watching one patient (a socket joins it by subscribing, permission checked)."""
    return f"hospital:{slug}:patient:{patient_id}"


def ward_room(slug: str, ward_id: object) -> str:
    """Screens watching one ward (the nurse station)."""
    return f"hospital:{slug}:ward:{ward_id}"


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    payload: Any
    rooms: tuple[str, ...]
    stream: str  # whose sequence numbers it: a hospital's slug, or "platform"


def plain(data: Any) -> Any:
    """JSON types only (datetimes as ISO strings, UUIDs as text), as Socket.IO needs."""
    return orjson.loads(orjson.dumps(data))


def publish(
    session: AsyncSession, name: str, payload: Any, *, to: str | Iterable[str], stream: str
) -> None:
    """Send ``name`` to the rooms ``to`` once ``session``'s transaction has committed."""
    rooms = (to,) if isinstance(to, str) else tuple(to)
    session.info.setdefault("events", []).append(Event(name, plain(payload), rooms, stream))


def pending(session: AsyncSession) -> list[Event]:
    events: list[Event] = session.info.get("events", [])
    return events


Emit = Callable[[str, Any, str], Awaitable[object]]


class Publisher:
    """Numbers events and emits them; without a Socket.IO server (the command line) it drops
    them, as there is nobody to tell."""

    def __init__(self, redis: Redis | None, *, prefix: str) -> None:
        self.redis = redis
        self.prefix = prefix
        self.emit: Emit | None = None  # set by the Socket.IO server when it starts

    async def _next_seq(self, stream: str) -> int | None:
        if self.redis is None:
            return None
        try:
            seq: int = await self.redis.incr(f"{self.prefix}:events:seq:{stream}")
        except (RedisError, OSError):
            REDIS_ERRORS.labels("events_seq").inc()
            return None
        return seq

    async def send(self, events: Iterable[Event]) -> None:
        if self.emit is None:
            return
        for event in events:
            seq = await self._next_seq(event.stream)
            data = event.payload
            if isinstance(data, dict) and seq is not None:
                data = {**data, "seq": seq}
            for room in event.rooms:
                EVENTS_EMITTED.labels(event.name).inc()
                try:
                    await self.emit(event.name, data, room)
                except Exception:  # the write has committed; a lost emit must not fail it
                    log.exception("could not emit %s to %s", event.name, room)
