"""Live events: the rooms they are addressed to, and their sending once a transaction commits.

A domain raises an event with :func:`publish` inside its unit of work; the pipeline hands the
pending events to the :class:`Publisher` after the commit, so a rolled-back write sends
nothing. The publisher numbers each event (``seq``, one sequence per hospital, kept in Redis
so every instance shares it), keeps it in the hospital's bounded replay log (a Redis stream,
written in the same atomic step) and emits it through the Socket.IO server, whose Redis
manager reaches the clients on every instance. :meth:`Publisher.missed` reads the log for a
reconnecting client.

A socket joins its hospital's room, its role's room within that hospital and its user's room
at the handshake (``realtime/server.py``); super admins, who have no hospital, join the
platform room instead; patient and ward rooms are joined by subscribing. These functions are
the one place room names are spelled.
"""

from __future__ import annotations

import logging
import time
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


# The events to emit, in order: (name, data, rooms). One call for a transaction's events.
Emit = Callable[[list[tuple[str, Any, list[str]]]], Awaitable[object]]

# Numbering and logging are one step, so the log's order is the sequence's order and no
# number is handed out without its entry. The entry's id is its seq, so a reconnecting
# client's missed events are one XRANGE from ``lastSeq + 1``. One call numbers and logs all
# of a transaction's events (a device batch: hundreds) in one round trip.
_LOG = """
local n = tonumber(ARGV[1])
local last = redis.call('INCRBY', KEYS[1], n)
local first = last - n + 1
-- Approximate trimming (whole stream nodes) is cheaper; exact below 1000 entries, where a
-- node of 100 would be most of the log.
local how = '='
if tonumber(ARGV[2]) >= 1000 then how = '~' end
for i = 0, n - 1 do
  local id = (first + i) .. '-0'
  local fields = {'n', ARGV[5 + 3 * i], 'r', ARGV[6 + 3 * i], 'd', ARGV[7 + 3 * i], 't', ARGV[4]}
  local ok = pcall(redis.call, 'XADD', KEYS[2], 'MAXLEN', how, ARGV[2], id, unpack(fields))
  if not ok then
    redis.call('DEL', KEYS[2])
    redis.call('XADD', KEYS[2], id, unpack(fields))
  end
end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return first
"""


@dataclass(frozen=True, slots=True)
class Logged:
    seq: int
    name: str
    rooms: tuple[str, ...]
    data: Any


RESYNC = None  # what :meth:`Publisher.missed` answers when the log no longer covers the gap


class Publisher:
    """Numbers events, keeps them in the hospital's replay log and emits them; without a
    Socket.IO server (the command line) it drops them, as there is nobody to tell."""

    def __init__(
        self,
        redis: Redis | None,
        *,
        prefix: str,
        log_max_len: int = 10_000,
        log_max_age_seconds: int = 3_600,
    ) -> None:
        self.redis = redis
        self.prefix = prefix
        self.log_max_len = log_max_len
        self.log_max_age = log_max_age_seconds
        self.emit: Emit | None = None  # set by the Socket.IO server when it starts
        self._log = redis.register_script(_LOG) if redis is not None else None

    def _keys(self, stream: str) -> tuple[str, str]:
        return f"{self.prefix}:events:seq:{stream}", f"{self.prefix}:events:log:{stream}"

    async def _number(self, stream: str, events: list[Event]) -> int | None:
        """The seq of the first of ``events`` (the others follow it), their entries written
        in the same step; None without Redis."""
        if self._log is None:
            return None
        args: list[Any] = [
            len(events),
            self.log_max_len,
            self.log_max_age * 1000,
            int(time.time() * 1000),
        ]
        for event in events:
            args += [event.name, orjson.dumps(event.rooms), orjson.dumps(event.payload)]
        try:
            first = await self._log(keys=self._keys(stream), args=args)
        except (RedisError, OSError):
            REDIS_ERRORS.labels("events_seq").inc()
            return None
        return int(first)

    async def send(self, events: Iterable[Event]) -> None:
        if self.emit is None:
            return
        out: list[tuple[str, Any, list[str]]] = []
        for stream, run in _runs(list(events)):
            first = await self._number(stream, run)
            for i, event in enumerate(run):
                data = event.payload
                if isinstance(data, dict) and first is not None:
                    data = {**data, "seq": first + i}
                EVENTS_EMITTED.labels(event.name).inc()
                # One emit to all its rooms: a socket in two of them gets it once.
                out.append((event.name, data, list(event.rooms)))
        if not out:
            return
        try:
            await self.emit(out)
        except Exception:  # the write has committed; a lost emit must not fail it
            log.exception("could not emit %d events", len(out))

    async def missed(self, stream: str, last_seq: int) -> list[Logged] | None:
        """The events of ``stream`` numbered after ``last_seq``, in order, or None
        (:data:`RESYNC`) when the log no longer holds all of them (trimmed, too old, Redis
        restarted) and the client must reload."""
        if self.redis is None:
            return RESYNC
        seq_key, log_key = self._keys(stream)
        try:
            current = int(await self.redis.get(seq_key) or 0)
            if last_seq == current:
                return []
            if last_seq > current:
                return RESYNC
            entries: list[Any] = list(
                await self.redis.xrange(log_key, f"{last_seq + 1}-0", "+") or []
            )
        except (RedisError, OSError):
            REDIS_ERRORS.labels("events_replay").inc()
            return RESYNC
        oldest = time.time() * 1000 - self.log_max_age * 1000
        logged = [_logged(entry_id, fields) for entry_id, fields in entries]
        if not logged or logged[0].seq != last_seq + 1 or int(entries[0][1][b"t"]) < oldest:
            return RESYNC
        return logged


def _runs(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """``events`` cut into runs of one stream, in order."""
    runs: list[tuple[str, list[Event]]] = []
    for event in events:
        if runs and runs[-1][0] == event.stream:
            runs[-1][1].append(event)
        else:
            runs.append((event.stream, [event]))
    return runs


def _logged(entry_id: Any, fields: Any) -> Logged:
    seq = int(entry_id.split(b"-", 1)[0])
    data = orjson.loads(fields[b"d"])
    if isinstance(data, dict):
        data = {**data, "seq": seq}
    return Logged(seq, fields[b"n"].decode(), tuple(orjson.loads(fields[b"r"])), data)
