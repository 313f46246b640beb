"""The patient's NEWS2 SpO2 scale: 1 by default, 2 for confirmed hypercapnic respiratory
failure (RCP 2017, chart 1 and section on SpO2 scale 2), set by a doctor with a reason."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.auth.models import User
from hms.patients.lookup import PatientNotFound
from hms.pipeline import Actor
from hms.vitals.models import news2_scale_changes as C
from hms.vitals.models import patient_scale as P


async def current(session: AsyncSession, patient_id: uuid.UUID) -> dict[str, Any]:
    scale = (
        await session.execute(select(P.c.news2_scale).where(P.c.id == patient_id))
    ).scalar_one_or_none()
    if scale is None:
        raise PatientNotFound(patient_id)
    history = (
        await session.execute(
            select(C, User.name.label("set_by_name"))
            .outerjoin(User, User.id == C.c.set_by)
            .where(C.c.patient_id == patient_id)
            .order_by(C.c.set_at.desc(), C.c.id)
            .limit(50)
        )
    ).all()
    return {
        "patient_id": patient_id,
        "scale": scale,
        "history": [
            {
                "scale": h.scale,
                "previous_scale": h.previous_scale,
                "reason": h.reason,
                "set_by": {"id": h.set_by, "name": h.set_by_name},
                "set_at": h.set_at,
            }
            for h in history
        ],
    }


async def set_scale(
    session: AsyncSession, actor: Actor, patient_id: uuid.UUID, *, scale: int, reason: str
) -> dict[str, Any]:
    """Set the scale; a change is kept in the history and audited with its reason."""
    previous = (
        await session.execute(select(P.c.news2_scale).where(P.c.id == patient_id).with_for_update())
    ).scalar_one_or_none()
    if previous is None:
        raise PatientNotFound(patient_id)
    if previous != scale:
        await session.execute(update(P).where(P.c.id == patient_id).values(news2_scale=scale))
        await session.execute(
            insert(C).values(
                id=uuid.uuid4(),
                patient_id=patient_id,
                scale=scale,
                previous_scale=previous,
                reason=reason,
                set_by=uuid.UUID(actor.user_id),
            )
        )
        await audit.record(
            session,
            actor,
            action="patient.news2_scale",
            patient_id=patient_id,
            detail={"from": previous, "to": scale, "reason": reason},
        )
    return await current(session, patient_id)
