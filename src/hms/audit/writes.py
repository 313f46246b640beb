"""A write run as one unit of work whose refusal is audited.

A refused write rolls back together with its own audit row, so the refusal is recorded
through the batched queue instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.deps import Actor
from hms.platform.errors import HMSError
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime

T = TypeVar("T")


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
    patient_id: Any,
    work: Callable[[AsyncSession], Awaitable[T]],
) -> T:
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            return await work(session)
    except HMSError as exc:
        record_refusal(rt, actor, action, patient_id, exc)
        raise
