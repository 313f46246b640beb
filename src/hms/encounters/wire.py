"""Encounters as the API shows them: current bed, bed history, diagnoses with descriptions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.encounters.models import Bed, BedStay, Encounter, Ward
from hms.icd10 import service as icd10


async def encounter_wire(
    session: AsyncSession, encounters: list[Encounter]
) -> list[dict[str, Any]]:
    if not encounters:
        return []
    ids = [e.id for e in encounters]
    stays = (
        await session.execute(
            select(
                BedStay.encounter_id,
                BedStay.ward_id,
                Ward.code.label("ward_code"),
                Ward.name.label("ward_name"),
                BedStay.bed_id,
                Bed.label.label("bed_label"),
                BedStay.started_at,
                BedStay.ended_at,
            )
            .join(Bed, Bed.id == BedStay.bed_id)
            .join(Ward, Ward.id == BedStay.ward_id)
            .where(BedStay.encounter_id.in_(ids))
            .order_by(BedStay.started_at, BedStay.id)
        )
    ).all()
    by_encounter: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for s in stays:
        placement = dict(s._mapping)
        by_encounter[placement.pop("encounter_id")].append(placement)
    codes = {c for e in encounters for c in e.discharge_diagnoses or []}
    described = await icd10.lookup(session, codes)
    out = []
    for e in encounters:
        history = by_encounter.get(e.id, [])
        current = next((p for p in history if p["ended_at"] is None), None)
        out.append(
            {
                "id": e.id,
                "patient_id": e.patient_id,
                "kind": e.kind,
                "status": "open" if e.closed_at is None else "closed",
                "reason": e.reason,
                "opened_at": e.opened_at,
                "opened_by": e.opened_by,
                "closed_at": e.closed_at,
                "closed_by": e.closed_by,
                "disposition": e.disposition,
                "discharge_diagnoses": [
                    {
                        "code": c,
                        "description": described[c].description if c in described else "",
                    }
                    for c in e.discharge_diagnoses or []
                ],
                "discharge_note": e.discharge_note,
                "bed": current,
                "stays": history,
            }
        )
    return out
