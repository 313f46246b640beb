"""Prescriptions as JSON: one query for the headers (patient, prescriber), one for the items."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.models import users as _USERS
from hms.clinical.knowledge import get_knowledge
from hms.patients.models import patients as _PAT
from hms.prescriptions.models import prescription_items as I
from hms.prescriptions.models import prescriptions as P
from hms.prescriptions.models import status_history as H


def drug_name(drug_id: str) -> str:
    drug = get_knowledge().drugs.get(drug_id)
    return drug.display_name if drug is not None else drug_id


def header_query() -> Select[Any]:
    return (
        select(
            P,
            _PAT.c.name.label("patient_name"),
            _PAT.c.mrn.label("patient_mrn"),
            _USERS.c.name.label("prescriber_name"),
        )
        .join(_PAT, _PAT.c.id == P.c.patient_id)
        .outerjoin(_USERS, _USERS.c.id == P.c.prescriber_id)
    )


def item_wire(r: Any) -> dict[str, Any]:
    return {
        "id": str(r.id),
        "position": r.position,
        "drugId": r.drug_id,
        "drugName": drug_name(r.drug_id),
        "dose": float(r.dose),
        "unit": r.unit,
        "route": r.route,
        "frequency": r.frequency,
        "dosesPerDay": r.doses_per_day,
        "asNeeded": r.as_needed,
        "durationDays": r.duration_days,
        "quantity": r.quantity,
        "dispensedQuantity": r.dispensed_quantity,
        "remainingQuantity": r.quantity - r.dispensed_quantity,
        "instructions": r.instructions,
    }


def people(r: Any) -> dict[str, Any]:
    """The patient and the prescriber of a :func:`header_query` row."""
    return {
        "patient": {"id": str(r.patient_id), "name": r.patient_name, "mrn": r.patient_mrn},
        "prescriber": {"id": str(r.prescriber_id), "name": r.prescriber_name},
    }


def header_wire(r: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": str(r.id),
        **people(r),
        "status": r.status,
        "note": r.note,
        "prescribedAt": r.prescribed_at,
        "activatedAt": r.activated_at,
        "endedAt": r.ended_at,
        "endReason": r.end_reason,
        "version": r.version,
        "knowledgeVersion": r.knowledge_version,
        "items": items,
        "warnings": r.warnings,
    }


async def items_of(
    session: AsyncSession, prescription_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    found: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    if not prescription_ids:
        return found
    rows = await session.execute(
        select(I).where(I.c.prescription_id.in_(prescription_ids)).order_by(I.c.position)
    )
    for r in rows:
        found[r.prescription_id].append(item_wire(r))
    return found


async def render(session: AsyncSession, rows: list[Any]) -> list[dict[str, Any]]:
    items = await items_of(session, [r.id for r in rows])
    return [header_wire(r, items.get(r.id, [])) for r in rows]


async def fetch_one(
    session: AsyncSession, prescription_id: uuid.UUID, *, history: bool = False
) -> dict[str, Any] | None:
    row = (await session.execute(header_query().where(P.c.id == prescription_id))).first()
    if row is None:
        return None
    [out] = await render(session, [row])
    if history:
        out["history"] = await history_of(session, prescription_id)
    return out


async def history_of(session: AsyncSession, prescription_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(H, _USERS.c.name.label("by_name"))
        .outerjoin(_USERS, _USERS.c.id == H.c.by)
        .where(H.c.prescription_id == prescription_id)
        .order_by(H.c.at, H.c.id)
    )
    return [
        {
            "fromStatus": r.from_status,
            "toStatus": r.to_status,
            "at": r.at,
            "by": {"id": str(r.by), "name": r.by_name},
            "reason": r.reason,
        }
        for r in rows
    ]
