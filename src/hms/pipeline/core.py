"""The one way an operation runs, whatever its entry point (HTTP route, socket event, job,
command): check the declared permission, run the work in one transaction bound to the
actor's hospital, run it again if PostgreSQL aborted it (deadlock, serialization failure),
audit it, and send its after-commit effects and events.

Entry points only say who the actor is (``pipeline/actor.py``) and hand over the work;
``pipeline/http.py`` and ``pipeline/sockets.py`` are the adapters. Routers and services never
open a session, name a schema or retry.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import asyncpg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit.service import AuditQueue
from hms.pipeline.actor import Actor
from hms.pipeline.permissions import Permission
from hms.platform import events
from hms.platform.db import Database, qualified
from hms.platform.errors import Forbidden, HMSError
from hms.platform.hospitals import Hospital

log = logging.getLogger(__name__)
T = TypeVar("T")

# PostgreSQL aborts one transaction to break a deadlock (40P01, e.g. two bookings each
# waiting on the other's exclusion-constraint entry) and, under SERIALIZABLE, one that
# cannot be ordered (40001). Both succeed when run again from the start.
RETRYABLE = frozenset({"40P01", "40001"})
RETRIES = 5

Effect = Callable[[], Awaitable[object]]

# Tables of a hospital schema whose rows belong to one patient (a ``patient_id`` column).
PATIENT_TABLES = frozenset({"appointments", "prescriptions", "lab_orders", "lab_results"})


@dataclass(frozen=True, slots=True)
class PatientOf:
    """The patient of the ``table`` row whose id is the argument ``arg``; looked up only
    when the operation is refused, to audit the refusal under that patient."""

    table: str
    arg: str

    def __post_init__(self) -> None:
        if self.table not in PATIENT_TABLES:
            raise ValueError(f"{self.table!r} is not a table of patient rows")


@dataclass(frozen=True, slots=True)
class Operation:
    """What an entry point declares.

    ``permission``: what the actor must hold (None: any signed-in user, for their own data).
    ``audit``: the action in the audit log (refusals, denials and reads are recorded under
    it; writes also record their own row in their transaction). Required for writes.
    ``writes``: the work changes data. ``transaction``: False for work that needs none (the
    cached patient read, the one-statement patient create); it gets no session then.
    ``hospital``: the work runs in the actor's hospital schema (False: the public schema, for
    hospitals and users).
    ``patient``: where the patient the operation is about is found among the work's
    arguments: a name, a dotted path (``body.patient_id``) or a :class:`PatientOf`.
    """

    permission: Permission | None
    audit: str | None = None
    writes: bool = False
    transaction: bool = True
    hospital: bool = True
    patient: str | PatientOf | None = None

    def __post_init__(self) -> None:
        if self.writes and not self.audit:
            raise ValueError("an operation that writes declares its audit action")


class Stores(Protocol):
    """What the pipeline needs of a process: the server's Runtime or the command line's."""

    db: Database
    audit: AuditQueue
    events: events.Publisher


class Call:
    """One run of an operation: the actor, the transaction's session, what it touched."""

    __slots__ = ("rt", "actor", "op", "args", "_session", "_effects", "_seen", "_patient")

    def __init__(self, rt: Any, actor: Actor, op: Operation, args: dict[str, Any]) -> None:
        self.rt = rt
        self.actor = actor
        self.op = op
        self.args = args
        self._session: AsyncSession | None = None
        self._effects: list[Effect] = []
        self._seen: list[Any] | None = None
        self._patient: Any = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError(f"{self.op.audit or 'this operation'} runs without a transaction")
        return self._session

    @property
    def hospital(self) -> Hospital:
        if self.actor.hospital is None:
            raise Forbidden("This action belongs to a hospital; your account has none.")
        return self.actor.hospital

    def table(self, name: str) -> str:
        """``name`` in the actor's hospital schema, for hand-written SQL."""
        return qualified(self.hospital.schema, name)

    def after_commit(self, effect: Effect) -> None:
        """Run ``effect`` once the transaction has committed (never on rollback)."""
        self._effects.append(effect)

    def publish(self, name: str, payload: Any, *, to: str | Iterable[str]) -> None:
        """Send a live event to ``to`` (rooms of ``platform.events``) after the commit."""
        stream = self.actor.hospital.slug if self.actor.hospital else events.PLATFORM
        events.publish(self.session, name, payload, to=to, stream=stream)

    def saw(self, patient_ids: Iterable[Any]) -> None:
        """The patients a read showed, audited under the operation's action."""
        self._seen = list(patient_ids)

    def about(self, patient_id: Any) -> None:
        """The patient the operation is about, when its arguments do not say (a socket
        payload): a refusal is audited under it."""
        self._patient = patient_id

    def _subject(self) -> Any:
        if self._patient is not None:
            return self._patient
        where = self.op.patient
        if where is None or isinstance(where, PatientOf):
            return None
        name, *path = where.split(".")
        value = self.args.get(name)
        for attr in path:
            value = getattr(value, attr, None)
        return value


def deny(rt: Stores, actor: Actor, op: Operation, patient_id: Any = None) -> Forbidden:
    """The refusal of an actor who lacks the operation's permission, audited under the
    operation's action when it has one."""
    assert op.permission is not None
    if op.audit:
        ids = [patient_id] if patient_id else []
        rt.audit.add(actor, action=op.audit, patient_ids=ids, outcome="denied")
    return Forbidden(f"Your role ({actor.role}) lacks the permission {op.permission.value!r}.")


async def run(
    rt: Stores,
    op: Operation,
    actor: Actor,
    work: Callable[[Call], Awaitable[T]],
    args: dict[str, Any] | None = None,
    *,
    checked: bool = False,
) -> T:
    """Run ``work`` as ``actor`` under ``op``. ``checked``: the entry point has already
    checked the permission (HTTP does it before parsing the body)."""
    call = Call(rt, actor, op, args or {})
    if not checked and op.permission is not None and not actor.can(op.permission):
        raise deny(rt, actor, op, call._subject())
    try:
        result = await _attempts(rt, call, work)
    except HMSError as exc:
        if op.audit:
            await _audit_refusal(rt, call, exc)
        raise
    for effect in call._effects:
        await effect()
    if op.audit and not op.writes:
        seen = call._seen if call._seen is not None else _ids(call._subject())
        rt.audit.add(actor, action=op.audit, patient_ids=seen, outcome="ok")
    return result


def _retryable(exc: Exception) -> bool:
    # SQLAlchemy wraps the driver's error; a statement on a raw asyncpg connection does not.
    code = getattr(exc, "sqlstate", None) or getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in RETRYABLE


async def _attempts(rt: Stores, call: Call, work: Callable[[Call], Awaitable[T]]) -> T:
    """``work``, in one transaction unless the operation needs none, run again from the
    start while PostgreSQL aborts it to break a deadlock or a serialization conflict."""
    schema = call.hospital.schema if call.op.hospital else None
    attempt = 0
    while True:
        try:
            if not call.op.transaction:
                return await work(call)
            refused: HMSError | None = None
            async with rt.db.transaction(schema) as session:
                call._session = session
                try:
                    result = await work(call)
                except HMSError as exc:
                    if not exc.commits:
                        raise
                    refused = exc  # its writes commit; its effects and events are not sent
            if refused is not None:
                raise refused
            pending = events.pending(session)
            break
        except (DBAPIError, asyncpg.PostgresError) as exc:
            if not _retryable(exc) or attempt >= RETRIES:
                raise
            call._effects.clear()
            call._seen = None
        finally:
            call._session = None
        # A random pause that grows with each attempt, so the transactions that collided
        # do not collide again in step.
        await asyncio.sleep(random.uniform(0, 0.005 * 2**attempt))
        attempt += 1
    if pending:
        call.after_commit(lambda: rt.events.send(pending))
    return result


def _ids(patient_id: Any) -> list[Any]:
    return [patient_id] if patient_id else []


async def _audit_refusal(rt: Stores, call: Call, exc: HMSError) -> None:
    """A refused write rolls back with its own audit row, so the refusal goes through the
    batched queue, under the patient the operation was about."""
    assert call.op.audit is not None
    patient = call._subject()
    where = call.op.patient
    if patient is None and isinstance(where, PatientOf) and call.actor.hospital is not None:
        patient = await _patient_of(rt, call.actor.hospital, where.table, call.args.get(where.arg))
    outcome = f"refused:{exc.status}"
    rt.audit.add(call.actor, action=call.op.audit, patient_ids=_ids(patient), outcome=outcome)


async def _patient_of(rt: Stores, hospital: Hospital, table: str, row_id: Any) -> Any:
    if not isinstance(row_id, uuid.UUID):
        return None
    sql = f"SELECT patient_id FROM {qualified(hospital.schema, table)} WHERE id = $1"
    try:
        async with rt.db.raw() as conn:
            return await conn.fetchval(sql, row_id)
    except Exception:  # the refusal is still audited, without its patient
        log.exception("could not find the patient of %s %s", table, row_id)
        return None
