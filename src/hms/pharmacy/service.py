"""Formulary use cases: list and read entries, add or change one, record stock movements."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from hms.auth.models import users as _USERS
from hms.drugs.models import drugs as DRUGS
from hms.pharmacy import stock
from hms.pharmacy.models import formulary as F
from hms.pharmacy.models import stock_movements as M
from hms.pharmacy.schemas import FormularyEntryIn, MovementIn
from hms.pipeline import Actor
from hms.platform.errors import NotFound
from hms.platform.paging import Paging


def _like_prefix(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def entry_wire(r: Any) -> dict[str, Any]:
    return {
        "drugId": r.drug_id,
        "drugName": stock.drug_label(r.drug_id),
        "rxcui": r.rxcui,
        "unit": r.unit,
        "strength": r.strength,
        "quantityOnHand": r.quantity_on_hand,
        "reorderLevel": r.reorder_level,
        "inStock": r.in_stock,
        "lowStock": r.quantity_on_hand <= r.reorder_level,
        "listed": r.listed,
        "version": r.version,
        "updatedAt": r.updated_at,
    }


def _entries() -> Any:
    return select(F, DRUGS.c.rxcui, DRUGS.c.name).join(DRUGS, DRUGS.c.id == F.c.drug_id)


async def search(
    session: AsyncSession,
    *,
    q: str | None,
    in_stock: bool | None,
    low_stock: bool,
    listed_only: bool,
    paging: Paging,
) -> tuple[list[dict[str, Any]], int]:
    conditions = []
    if q:
        like = _like_prefix(q)
        conditions.append(or_(func.lower(DRUGS.c.name).like(like), F.c.drug_id.like(like)))
    if in_stock is not None:
        conditions.append(F.c.in_stock.is_(in_stock))
    if low_stock:
        conditions.append(F.c.quantity_on_hand <= F.c.reorder_level)
    if listed_only:
        conditions.append(F.c.listed.is_(True))
    rows = (
        await session.execute(
            _entries()
            .where(*conditions)
            .order_by(DRUGS.c.name)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (
        await session.execute(
            select(func.count())
            .select_from(F.join(DRUGS, DRUGS.c.id == F.c.drug_id))
            .where(*conditions)
        )
    ).scalar_one()
    return [entry_wire(r) for r in rows], total


async def get(session: AsyncSession, drug_id: str) -> dict[str, Any]:
    row = (await session.execute(_entries().where(F.c.drug_id == drug_id))).first()
    if row is None:
        raise NotFound(f"{drug_id!r} is not on this hospital's formulary.")
    return entry_wire(row)


async def upsert(
    session: AsyncSession, actor: Actor, drug_id: str, *, data: FormularyEntryIn
) -> tuple[dict[str, Any], bool]:
    """Add a catalog drug to the formulary (stock 0) or change its entry; (entry, created)."""
    known = (
        await session.execute(select(DRUGS.c.in_catalog).where(DRUGS.c.id == drug_id))
    ).scalar_one_or_none()
    if known is None:
        raise NotFound(f"No drug {drug_id!r} in the catalog; find ids with GET /api/v1/drugs?q=.")
    user_id = uuid.UUID(actor.user_id)
    values = {
        "unit": data.unit,
        "strength": data.strength,
        "reorder_level": data.reorder_level,
        "listed": data.listed,
        "updated_by": user_id,
    }
    created = (
        await session.execute(
            insert(F)
            .values(drug_id=drug_id, quantity_on_hand=0, version=1, **values)
            .on_conflict_do_update(
                index_elements=[F.c.drug_id],
                set_={**values, "version": F.c.version + 1, "updated_at": func.now()},
            )
            .returning(F.c.version)
        )
    ).scalar_one() == 1
    return await get(session, drug_id), created


async def record_movement(
    session: AsyncSession, actor: Actor, drug_id: str, *, data: MovementIn
) -> dict[str, Any]:
    movement = await stock.change(
        session,
        drug_id=drug_id,
        quantity=data.quantity,
        kind=data.kind,
        actor_id=uuid.UUID(actor.user_id),
        reason=data.reason,
        reference=data.reference,
    )
    return {"movement": movement, "entry": await get(session, drug_id)}


async def movements(
    session: AsyncSession, drug_id: str, *, paging: Paging
) -> tuple[list[dict[str, Any]], int]:
    await get(session, drug_id)
    rows = (
        await session.execute(
            select(M, F.c.unit, _USERS.c.name.label("by_name"))
            .join(F, F.c.drug_id == M.c.drug_id)
            .outerjoin(_USERS, _USERS.c.id == M.c.created_by)
            .where(M.c.drug_id == drug_id)
            .order_by(M.c.created_at.desc(), M.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (
        await session.execute(select(func.count()).select_from(M).where(M.c.drug_id == drug_id))
    ).scalar_one()
    return [
        {
            "id": str(r.id),
            "drugId": r.drug_id,
            "drugName": stock.drug_label(r.drug_id),
            "kind": r.kind,
            "quantity": r.quantity,
            "balanceAfter": r.balance_after,
            "unit": r.unit,
            "reason": r.reason,
            "reference": r.reference,
            "prescriptionId": str(r.prescription_id) if r.prescription_id else None,
            "dispenseId": str(r.dispense_id) if r.dispense_id else None,
            "createdAt": r.created_at,
            "createdBy": {"id": str(r.created_by), "name": r.by_name},
        }
        for r in rows
    ], total
