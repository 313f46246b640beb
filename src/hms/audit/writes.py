"""A write run as one unit of work whose refusal is audited.

A refused write rolls back together with its own audit row, so the refusal is recorded
through the batched queue instead, under the patient the write was about. When the request
names a row rather than the patient (an appointment, a prescription, a lab order or result),
``PatientOf`` says which, and the patient is looked up only if the write is refused.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.deps import Actor
from hms.platform.db import qualified
from hms.platform.errors import HMSError
from hms.platform.uow import run_unit_of_work
from hms.runtime import Runtime

T = TypeVar("T")
log = logging.getLogger(__name__)


# Tables of a hospital schema whose rows belong to one patient (a ``patient_id`` column).
PATIENT_TABLES = frozenset({"appointments", "prescriptions", "lab_orders", "lab_results"})


@dataclass(frozen=True, slots=True)
class PatientOf:
    """The patient of row ``row_id`` of ``table`` (one of ``PATIENT_TABLES``)."""

    table: str
    row_id: uuid.UUID

    def __post_init__(self) -> None:
        if self.table not in PATIENT_TABLES:
            raise ValueError(f"{self.table!r} is not a table of patient rows")


async def _patient_of(rt: Runtime, actor: Actor, row: PatientOf) -> uuid.UUID | None:
    sql = f"SELECT patient_id FROM {qualified(actor.schema, row.table)} WHERE id = $1"
    try:
        async with rt.db.raw() as conn:
            found: uuid.UUID | None = await conn.fetchval(sql, row.row_id)
    except Exception:  # the refusal is still audited, without its patient
        log.exception("could not find the patient of %s %s", row.table, row.row_id)
        return None
    return found


def record_refusal(rt: Runtime, actor: Actor, action: str, patient_id: Any, exc: HMSError) -> None:
    rt.audit.add(
        actor,
        action=action,
        patient_ids=[patient_id] if patient_id else [],
        outcome=f"refused:{exc.status}",
    )


async def audited_write(
    rt: Runtime,
    actor: Actor,
    action: str,
    patient: Any,
    work: Callable[[AsyncSession], Awaitable[T]],
) -> T:
    """Run ``work`` in one unit of work (run again if a deadlock aborted it); audit a
    refusal under ``patient`` (an id, a ``PatientOf`` or None)."""
    try:
        return await run_unit_of_work(rt.db, actor.schema, work)
    except HMSError as exc:
        if isinstance(patient, PatientOf):
            patient = await _patient_of(rt, actor, patient)
        record_refusal(rt, actor, action, patient, exc)
        raise
