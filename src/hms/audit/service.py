"""Audit of every PHI read and write.

Writes: the audit row is inserted in the write's own transaction (:func:`record`).
Reads and denials: rows are queued in memory and flushed with COPY every
``audit_flush_interval_seconds`` (default 20 ms) or every ``audit_flush_batch`` rows, and on
shutdown. The largest possible loss is what was queued since the last flush when the
process is killed without a shutdown (SIGKILL, power loss): about 20 ms of reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit.models import COLUMNS, audit_log
from hms.platform.db import Database
from hms.platform.metrics import AUDIT_FLUSH_SECONDS, AUDIT_ROWS


class Hospital(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def schema(self) -> str: ...


class Actor(Protocol):
    """Who acted: a user (or a device, a job's user, the operator) within a hospital or none."""

    @property
    def user_id(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def hospital(self) -> Hospital | None: ...
    @property
    def ip(self) -> str | None: ...


log = logging.getLogger(__name__)

_Id = uuid.UUID | None
Row = tuple[datetime, _Id, str, _Id, str, _Id, str, str | None]


def _row(actor: Actor, action: str, patient_id: Any, outcome: str) -> Row:
    return (
        datetime.now(UTC),
        uuid.UUID(actor.user_id) if actor.user_id else None,
        actor.role,
        actor.hospital.id if actor.hospital else None,
        action,
        _as_uuid(patient_id),
        outcome,
        actor.ip,
    )


def _as_uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


async def record(
    session: AsyncSession,
    actor: Actor,
    *,
    action: str,
    patient_id: Any,
    outcome: str = "ok",
    detail: dict[str, Any] | None = None,
) -> None:
    """Append an audit row inside the caller's transaction: it commits with the write."""
    values = dict(zip(COLUMNS, _row(actor, action, patient_id, outcome), strict=True))
    await session.execute(audit_log.insert().values(**values, detail=detail))
    AUDIT_ROWS.labels("write").inc()


class AuditQueue:
    """Batches read and denial rows off the request path."""

    def __init__(self, db: Database, *, interval: float, batch: int) -> None:
        self.db = db
        self.interval = interval
        self.batch = batch
        self._rows: dict[str, list[Row]] = defaultdict(list)
        self._count = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def add(self, actor: Actor, *, action: str, patient_ids: list[Any], outcome: str) -> None:
        schema = actor.hospital.schema if actor.hospital else "public"
        rows = self._rows[schema]
        for patient_id in patient_ids or [None]:
            rows.append(_row(actor, action, patient_id, outcome))
        self._count += max(1, len(patient_ids))
        if self._count >= self.batch:
            self._wake.set()

    async def flush(self) -> None:
        pending, self._rows, self._count = self._rows, defaultdict(list), 0
        if not pending:
            return
        started = time.perf_counter()
        try:
            async with self.db.raw() as conn:
                for schema in list(pending):
                    await conn.copy_records_to_table(
                        "audit_log",
                        schema_name=schema,
                        columns=list(COLUMNS),
                        records=pending[schema],
                    )
                    AUDIT_ROWS.labels("batched").inc(len(pending.pop(schema)))
        finally:
            # Whatever did not reach the database goes back in the queue for the next flush.
            for schema, rows in pending.items():
                self._rows[schema][:0] = rows
                self._count += len(rows)
        AUDIT_FLUSH_SECONDS.observe(time.perf_counter() - started)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="audit-flush")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
            try:
                await self.flush()
            except Exception:
                log.exception("audit flush failed")
                await asyncio.sleep(self.interval)
