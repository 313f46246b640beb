"""Lab use cases before the result: the catalog, ordering tests, the worklist, reading orders."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.auth.models import users as U
from hms.labs.catalog import LabTest, get_test, load_catalog
from hms.labs.models import lab_orders as ORD
from hms.labs.models import lab_results as R
from hms.labs.schemas import (
    CatalogInterval,
    CatalogTestOut,
    CatalogUnit,
    LabOrderCreate,
    LabOrderOut,
    OrderedTest,
    OrderStatus,
    PersonRef,
    Priority,
)
from hms.patients.lookup import PatientNotFound
from hms.patients.models import patients as P
from hms.pipeline import Actor
from hms.platform.errors import NotFound
from hms.platform.paging import Paging

# Worklist order: stat before urgent before routine, then oldest first.
_PRIORITY_RANK = case({"stat": 0, "urgent": 1}, value=ORD.c.priority, else_=2)


def _critical(limit: Any, sign: str) -> str | None:
    if limit is None:
        return None
    return f"{sign}{'=' if limit.inclusive else ''}{limit.threshold}"


def catalog_entry(test: LabTest) -> CatalogTestOut:
    return CatalogTestOut(
        key=test.key,
        display=test.display,
        loinc=test.loinc,
        unit=test.unit,
        decimals=test.decimals,
        alternate_units=[CatalogUnit(unit=a.unit, loinc=a.loinc) for a in test.alternate_units],
        reference=[
            CatalogInterval(
                sex=i.sex,
                age_from_years=float(i.age_from_years),
                age_below_years=None if i.age_below_years is None else float(i.age_below_years),
                low=None if i.low is None else float(i.low),
                high=None if i.high is None else float(i.high),
            )
            for i in test.reference
        ],
        critical_low=_critical(test.critical_low, "<"),
        critical_high=_critical(test.critical_high, ">"),
        critical_from_age_years=float(test.critical_from_age_years),
        source=test.source,
    )


def catalog() -> list[CatalogTestOut]:
    return [catalog_entry(t) for t in sorted(load_catalog().values(), key=lambda t: t.display)]


async def user_names(session: AsyncSession, ids: Iterable[uuid.UUID | None]) -> dict[Any, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(U.c.id, U.c.name).where(U.c.id.in_(wanted)))
    return {r.id: r.name for r in rows}


def person(names: dict[Any, str], user_id: uuid.UUID) -> PersonRef:
    return PersonRef(id=user_id, name=names.get(user_id, "unknown user"))


async def require_patient(session: AsyncSession, patient_id: uuid.UUID) -> Any:
    row = (
        await session.execute(
            select(P.c.id, P.c.name, P.c.mrn, P.c.gender, P.c.date_of_birth).where(
                P.c.id == patient_id
            )
        )
    ).first()
    if row is None:
        raise PatientNotFound(patient_id)
    return row


async def _orders_out(session: AsyncSession, rows: list[Any]) -> list[LabOrderOut]:
    """Orders with their patient, orderer and each test's current result, in three queries."""
    if not rows:
        return []
    order_ids = [r.id for r in rows]
    current = await session.execute(
        select(R.c.order_id, R.c.test_key, R.c.id, R.c.category).where(
            R.c.order_id.in_(order_ids), R.c.superseded_by.is_(None)
        )
    )
    results = {(r.order_id, r.test_key): r for r in current}
    names = await user_names(session, (r.ordered_by for r in rows))
    out = []
    for r in rows:
        tests = []
        for key in r.tests:
            test = get_test(key)
            result = results.get((r.id, key))
            tests.append(
                OrderedTest(
                    key=test.key,
                    loinc=test.loinc,
                    display=test.display,
                    unit=test.unit,
                    result_id=result.id if result else None,
                    category=result.category if result else None,
                )
            )
        patient = {
            "id": r.patient_id,
            "name": r.patient_name,
            "mrn": r.patient_mrn,
            "gender": r.patient_gender,
            "date_of_birth": r.patient_dob,
        }
        ordered_by = person(names, r.ordered_by)
        out.append(
            LabOrderOut.model_validate(
                {**r._mapping, "patient": patient, "ordered_by": ordered_by, "tests": tests}
            )
        )
    return out


def _order_select() -> Any:
    return select(
        ORD,
        P.c.name.label("patient_name"),
        P.c.mrn.label("patient_mrn"),
        P.c.gender.label("patient_gender"),
        P.c.date_of_birth.label("patient_dob"),
    ).join(P, P.c.id == ORD.c.patient_id)


async def create_order(
    session: AsyncSession, actor: Actor, patient_id: uuid.UUID, *, data: LabOrderCreate
) -> LabOrderOut:
    await require_patient(session, patient_id)
    order_id = uuid.uuid4()
    await session.execute(
        insert(ORD).values(
            id=order_id,
            patient_id=patient_id,
            tests=data.tests,
            priority=data.priority.value,
            note=data.note,
            status=OrderStatus.PENDING.value,
            ordered_by=uuid.UUID(actor.user_id),
        )
    )
    await audit.record(
        session,
        actor,
        action="lab_order.create",
        patient_id=patient_id,
        detail={"orderId": str(order_id), "tests": data.tests, "priority": data.priority.value},
    )
    return await get_order(session, order_id)


async def get_order(session: AsyncSession, order_id: uuid.UUID) -> LabOrderOut:
    row = (await session.execute(_order_select().where(ORD.c.id == order_id))).first()
    if row is None:
        raise NotFound(f"No lab order {order_id} in your hospital.")
    return (await _orders_out(session, [row]))[0]


async def worklist(
    session: AsyncSession, *, priority: Priority | None, paging: Paging
) -> tuple[list[LabOrderOut], int]:
    """Orders still waiting for results: stat first, then urgent, then routine; oldest first."""
    where = [ORD.c.status != OrderStatus.COMPLETED.value]
    if priority is not None:
        where.append(ORD.c.priority == priority.value)
    rows = (
        await session.execute(
            _order_select()
            .where(*where)
            .order_by(_PRIORITY_RANK, ORD.c.ordered_at, ORD.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (
        await session.execute(select(func.count()).select_from(ORD).where(*where))
    ).scalar_one()
    return await _orders_out(session, list(rows)), total


async def patient_orders(
    session: AsyncSession, patient_id: uuid.UUID, *, paging: Paging
) -> tuple[list[LabOrderOut], int]:
    await require_patient(session, patient_id)
    rows = (
        await session.execute(
            _order_select()
            .where(ORD.c.patient_id == patient_id)
            .order_by(ORD.c.ordered_at.desc(), ORD.c.id)
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (
        await session.execute(
            select(func.count()).select_from(ORD).where(ORD.c.patient_id == patient_id)
        )
    ).scalar_one()
    return await _orders_out(session, list(rows)), total
