"""Dispensing a prescription, whole or in part, against the hospital's stock.

The prescription row is locked first (FOR UPDATE), then stock rows in drug-id order, so
concurrent dispenses never deadlock. Any refusal (nothing left, out of stock, more than
prescribed) rolls back the whole dispense: stock, items and status change together or not
at all.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.models import users as _USERS
from hms.pharmacy import stock
from hms.pharmacy.models import DISPENSE
from hms.pharmacy.models import formulary as F
from hms.pipeline import Actor
from hms.platform.errors import Conflict, InvalidInput
from hms.prescriptions import events, service, wire
from hms.prescriptions.models import FULL, OPEN, PARTIAL
from hms.prescriptions.models import dispense_items as DI
from hms.prescriptions.models import dispenses as D
from hms.prescriptions.models import prescription_items as I
from hms.prescriptions.schemas import DispenseIn


def _wanted(items: list[Any], data: DispenseIn) -> dict[uuid.UUID, int]:
    remaining = {i.id: i.quantity - i.dispensed_quantity for i in items}
    wanted: dict[uuid.UUID, int] = {}
    if data.items is None:
        wanted = {item_id: left for item_id, left in remaining.items() if left > 0}
        if not wanted:
            raise Conflict("Nothing left to dispense: every item is fully dispensed.")
        return wanted
    by_id = {i.id: i for i in items}
    for n, line in enumerate(data.items):
        if line.item_id not in by_id:
            why = "not an item of this prescription"
            raise InvalidInput(
                f"Fix these fields: items.{n}.itemId: {why}",
                extra={"errors": [{"field": f"items.{n}.itemId", "message": why}]},
            )
        wanted[line.item_id] = wanted.get(line.item_id, 0) + line.quantity
    for item_id, quantity in wanted.items():
        left = remaining[item_id]
        if quantity > left:
            item = by_id[item_id]
            raise Conflict(
                f"Item {item.position} ({wire.drug_name(item.drug_id)}): {quantity} requested "
                f"but only {left} of {item.quantity} remain to be dispensed.",
                extra={"itemId": str(item_id), "remaining": left, "requested": quantity},
            )
    return wanted


async def dispense(
    session: AsyncSession,
    actor: Actor,
    prescription_id: uuid.UUID,
    *,
    data: DispenseIn,
) -> dict[str, Any]:
    row = await service.lock(session, prescription_id)
    if row.status not in OPEN:
        raise Conflict(
            f"This prescription is {row.status}; only active or partially dispensed "
            "prescriptions can be dispensed."
        )
    items = (
        await session.execute(
            select(I).where(I.c.prescription_id == prescription_id).order_by(I.c.position)
        )
    ).all()
    wanted = _wanted(list(items), data)
    user_id = uuid.UUID(actor.user_id)
    dispense_id = uuid.uuid4()
    await session.execute(
        insert(D).values(
            id=dispense_id,
            prescription_id=prescription_id,
            dispensed_at=func.now(),
            dispensed_by=user_id,
            note=data.note,
        )
    )
    by_drug: dict[str, int] = defaultdict(int)
    by_id = {i.id: i for i in items}
    for item_id, quantity in wanted.items():
        by_drug[by_id[item_id].drug_id] += quantity
    balance: dict[str, dict[str, Any]] = {}
    for drug_id in sorted(by_drug):  # one lock order for every dispense: no deadlock
        balance[drug_id] = await stock.change(
            session,
            drug_id=drug_id,
            quantity=-by_drug[drug_id],
            kind=DISPENSE,
            actor_id=user_id,
            prescription_id=prescription_id,
            dispense_id=dispense_id,
        )
    for item_id, quantity in wanted.items():
        await session.execute(
            update(I)
            .where(I.c.id == item_id)
            .values(dispensed_quantity=I.c.dispensed_quantity + quantity)
        )
    await session.execute(
        insert(DI),
        [
            {
                "dispense_id": dispense_id,
                "item_id": item_id,
                "drug_id": by_id[item_id].drug_id,
                "quantity": quantity,
            }
            for item_id, quantity in wanted.items()
        ],
    )
    complete = all(i.dispensed_quantity + wanted.get(i.id, 0) >= i.quantity for i in items)
    new_status = FULL if complete else PARTIAL
    dispensed = {"dispenseId": str(dispense_id), "items": {str(k): v for k, v in wanted.items()}}
    await service.change(
        session, actor, row, new_status, action="prescription.dispense", detail=dispensed
    )
    prescription = await wire.fetch_one(session, prescription_id)
    assert prescription is not None
    events.announce_status(session, actor, prescription, previous=row.status)
    [out] = await history(session, prescription_id, only=dispense_id)
    for line in out["items"]:
        line["stockAfter"] = balance[line["drugId"]]["balanceAfter"]
    out["status"] = new_status
    return out


async def history(
    session: AsyncSession, prescription_id: uuid.UUID, *, only: uuid.UUID | None = None
) -> list[dict[str, Any]]:
    """The dispenses of a prescription, oldest first, with what each one handed out."""
    query = (
        select(D, _USERS.c.name.label("by_name"))
        .outerjoin(_USERS, _USERS.c.id == D.c.dispensed_by)
        .where(D.c.prescription_id == prescription_id)
        .order_by(D.c.dispensed_at, D.c.id)
    )
    if only is not None:
        query = query.where(D.c.id == only)
    headers = (await session.execute(query)).all()
    lines: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    if headers:
        rows = await session.execute(
            select(DI, F.c.unit, I.c.position)
            .join(I, I.c.id == DI.c.item_id)
            .outerjoin(F, F.c.drug_id == DI.c.drug_id)
            .where(DI.c.dispense_id.in_([h.id for h in headers]))
            .order_by(I.c.position)
        )
        for r in rows:
            lines[r.dispense_id].append(
                {
                    "itemId": str(r.item_id),
                    "drugId": r.drug_id,
                    "drugName": wire.drug_name(r.drug_id),
                    "quantity": r.quantity,
                    "unit": r.unit,
                }
            )
    return [
        {
            "id": str(h.id),
            "prescriptionId": str(h.prescription_id),
            "dispensedAt": h.dispensed_at,
            "dispensedBy": {"id": str(h.dispensed_by), "name": h.by_name},
            "note": h.note,
            "items": lines.get(h.id, []),
        }
        for h in headers
    ]
