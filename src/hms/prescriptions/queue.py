"""The pharmacist's queue: active and partially dispensed prescriptions, oldest first, with
the stock on hand for every item."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.pharmacy.models import formulary as F
from hms.platform.paging import Paging
from hms.prescriptions import wire
from hms.prescriptions.models import OPEN
from hms.prescriptions.models import prescription_items as I
from hms.prescriptions.models import prescriptions as P


async def waiting(session: AsyncSession, *, paging: Paging) -> tuple[list[dict[str, Any]], int]:
    waiting = P.c.status.in_(OPEN)
    headers = (
        await session.execute(
            wire.header_query()
            .where(waiting)
            .order_by(P.c.activated_at, P.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(P).where(waiting))).scalar_one()
    lines: dict[Any, list[dict[str, Any]]] = {h.id: [] for h in headers}
    if headers:
        rows = await session.execute(
            select(I, F.c.quantity_on_hand, F.c.unit.label("stock_unit"), F.c.listed)
            .outerjoin(F, F.c.drug_id == I.c.drug_id)
            .where(I.c.prescription_id.in_(list(lines)))
            .order_by(I.c.position)
        )
        for r in rows:
            item = wire.item_wire(r)
            listed = r.listed is True
            item["stockOnHand"] = r.quantity_on_hand if listed else None
            item["stockUnit"] = r.stock_unit if listed else None
            lines[r.prescription_id].append(item)
    out = []
    for h in headers:
        warnings = h.warnings or []
        out.append(
            {
                "id": str(h.id),
                **wire.people(h),
                "status": h.status,
                "activatedAt": h.activated_at,
                "note": h.note,
                "items": lines[h.id],
                "warnings": len(warnings),
                "overriddenWarnings": sum(1 for w in warnings if w.get("override")),
            }
        )
    return out, total
