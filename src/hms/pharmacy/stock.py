"""Stock changes: every change of quantity_on_hand is one conditional UPDATE plus one
movement row, in the caller's transaction.

The UPDATE carries its own guard (``quantity_on_hand + change >= 0``): two pharmacists
taking the last units at once serialise on the row, and the second one's guard is
re-evaluated against the committed count, so it updates nothing and gets a clear 409.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.models import User
from hms.clinical.knowledge import get_knowledge
from hms.pharmacy.models import DISPENSE
from hms.pharmacy.models import formulary as F
from hms.pharmacy.models import stock_movements as M
from hms.platform.errors import Conflict, NotFound


class OutOfStock(Conflict):
    title = "Out of stock"


def drug_label(drug_id: str) -> str:
    drug = get_knowledge().drugs.get(drug_id)
    return drug.display_name if drug is not None else drug_id


async def change(
    session: AsyncSession,
    *,
    drug_id: str,
    quantity: int,
    kind: str,
    actor_id: uuid.UUID,
    reason: str | None = None,
    reference: str | None = None,
    prescription_id: uuid.UUID | None = None,
    dispense_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Apply a signed change to one drug's stock and record the movement; the movement."""
    guard = [F.c.drug_id == drug_id, F.c.quantity_on_hand + quantity >= 0]
    if kind == DISPENSE:
        guard.append(F.c.listed.is_(True))
    row = (
        await session.execute(
            update(F)
            .where(*guard)
            .values(
                quantity_on_hand=F.c.quantity_on_hand + quantity,
                version=F.c.version + 1,
                updated_at=func.now(),
                updated_by=actor_id,
            )
            .returning(F.c.quantity_on_hand, F.c.unit)
        )
    ).first()
    if row is None:
        await _refusal(session, drug_id, quantity, kind)
    assert row is not None
    movement_id = uuid.uuid4()
    created, by_name = (
        await session.execute(
            insert(M)
            .values(
                id=movement_id,
                drug_id=drug_id,
                kind=kind,
                quantity=quantity,
                balance_after=row.quantity_on_hand,
                reason=reason,
                reference=reference,
                prescription_id=prescription_id,
                dispense_id=dispense_id,
                created_at=func.now(),
                created_by=actor_id,
            )
            .returning(
                M.c.created_at,
                select(User.name).where(User.id == actor_id).scalar_subquery(),
            )
        )
    ).one()
    return {
        "id": str(movement_id),
        "drugId": drug_id,
        "drugName": drug_label(drug_id),
        "kind": kind,
        "quantity": quantity,
        "balanceAfter": row.quantity_on_hand,
        "unit": row.unit,
        "reason": reason,
        "reference": reference,
        "prescriptionId": str(prescription_id) if prescription_id else None,
        "dispenseId": str(dispense_id) if dispense_id else None,
        "createdAt": created,
        "createdBy": {"id": str(actor_id), "name": by_name},
    }


async def _refusal(session: AsyncSession, drug_id: str, quantity: int, kind: str) -> None:
    name = drug_label(drug_id)
    current = (
        await session.execute(
            select(F.c.quantity_on_hand, F.c.unit, F.c.listed).where(F.c.drug_id == drug_id)
        )
    ).first()
    if current is None:
        if kind == DISPENSE:
            raise OutOfStock(
                f"{name} is not stocked by this hospital's pharmacy (not on the formulary).",
                extra={"drugId": drug_id, "onHand": 0, "requested": -quantity},
            )
        raise NotFound(f"{name} ({drug_id}) is not on this hospital's formulary; add it first.")
    if kind == DISPENSE and not current.listed:
        raise OutOfStock(
            f"{name} has been taken off this hospital's formulary and cannot be dispensed.",
            extra={"drugId": drug_id, "onHand": current.quantity_on_hand, "requested": -quantity},
        )
    on_hand, unit = current.quantity_on_hand, current.unit
    if kind == DISPENSE:
        detail = (
            f"{name} is out of stock (0 {unit} on hand, {-quantity} needed)."
            if on_hand == 0
            else f"Not enough {name} in stock: {on_hand} {unit} on hand, {-quantity} needed. "
            "Dispense part of it or receive stock first."
        )
        raise OutOfStock(
            detail, extra={"drugId": drug_id, "onHand": on_hand, "requested": -quantity}
        )
    raise Conflict(
        f"This change of {quantity} would leave {on_hand + quantity} {unit} of {name}; "
        f"only {on_hand} on hand.",
        extra={"drugId": drug_id, "onHand": on_hand},
    )
