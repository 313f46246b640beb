"""Lab results: entry with flags, verification, corrections as new versions, reading.

A result is flagged against the catalog with the patient's sex and age on the day the
sample was collected (hms.labs.flags). Once verified it never changes: the database
refuses the UPDATE (trigger of migration t0003), and a correction is a new version that
links back to the one it replaces. A critical result raises an alert in the same
transaction; `lab:result` is sent to the hospital after the commit, without values.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.alerts.service import raise_alert
from hms.audit import service as audit
from hms.labs.age import age_in_years
from hms.labs.catalog import LabTest, UnknownLabTest, UnknownUnit, get_test, implied_unit
from hms.labs.flags import Flag, flag
from hms.labs.models import RESULT_VERSION_UNIQUE
from hms.labs.models import lab_orders as ORD
from hms.labs.models import lab_results as R
from hms.labs.orders import person, require_patient, user_names
from hms.labs.schemas import (
    CorrectionIn,
    LabResultDetail,
    LabResultOut,
    OrderStatus,
    ResultsIn,
    ResultStatus,
)
from hms.pipeline import Actor
from hms.platform.errors import Conflict, InvalidInput, NotFound
from hms.platform.events import hospital_room, publish
from hms.platform.paging import Paging

EVENT = "lab:result"
CLOCK_SKEW = timedelta(minutes=5)


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{field}: {message}", extra={"errors": [{"field": field, "message": message}]}
    )


def _status(row: Any) -> ResultStatus:
    if row.superseded_by is not None:
        return ResultStatus.SUPERSEDED
    if row.verified_at is None:
        return ResultStatus.PRELIMINARY
    return ResultStatus.FINAL if row.version == 1 else ResultStatus.CORRECTED


async def _out(session: AsyncSession, rows: list[Any]) -> list[LabResultOut]:
    names = await user_names(session, [r.entered_by for r in rows] + [r.verified_by for r in rows])
    return [
        LabResultOut.model_validate(
            {
                **r._mapping,
                "status": _status(r),
                "entered_by": person(names, r.entered_by),
                "verified_by": person(names, r.verified_by) if r.verified_by else None,
            }
        )
        for r in rows
    ]


async def _rows(session: AsyncSession, ids: list[uuid.UUID]) -> list[Any]:
    found = {r.id: r for r in await session.execute(select(R).where(R.c.id.in_(ids)))}
    return [found[i] for i in ids]


def _flag(
    test: LabTest, value: float, unit: str, *, patient: Any, collected_at: datetime, field: str
) -> Flag:
    age = age_in_years(patient.date_of_birth, collected_at.astimezone(UTC).date())
    try:
        return flag(test, value, sex=patient.gender, age_years=age, unit=unit)
    except UnknownUnit as exc:
        raise _invalid(f"{field}.unit", str(exc)) from exc


def _values(test: LabTest, f: Flag, value: float, unit: str) -> dict[str, Any]:
    return {
        "test_key": test.key,
        "loinc": test.loinc,
        "display": test.display,
        "reported_value": Decimal(str(value)),
        "reported_unit": unit,
        "value": Decimal(str(f.value)),
        "unit": f.unit,
        "flag": f.status,
        "category": f.category,
        "reference_low": None if f.reference_low is None else Decimal(str(f.reference_low)),
        "reference_high": None if f.reference_high is None else Decimal(str(f.reference_high)),
    }


async def _alert_if_critical(
    session: AsyncSession,
    actor: Actor,
    result_id: uuid.UUID,
    patient_id: uuid.UUID,
    v: Any,
) -> None:
    if v["category"] != "critical":
        return
    direction = "low" if v["flag"] == "critical-low" else "high"
    await raise_alert(
        session,
        actor,
        patient_id=patient_id,
        kind="lab-critical",
        severity="critical",
        summary=f"Critical {direction} {v['display']}: {v['value']} {v['unit']}",
        source_id=result_id,
    )


def _announce(
    session: AsyncSession,
    actor: Actor,
    *,
    change: str,
    order_id: Any,
    patient_id: Any,
    rows: Any,
) -> None:
    assert actor.hospital is not None
    slug = actor.hospital.slug
    payload = {
        "change": change,
        "orderId": str(order_id),
        "patientId": str(patient_id),
        "resultIds": [str(r["id"]) for r in rows],
        "critical": any(r["category"] == "critical" for r in rows),
    }
    publish(session, EVENT, payload, to=hospital_room(slug), stream=slug)


def _collected_at(data: ResultsIn, born: Any) -> datetime:
    collected = data.collected_at or datetime.now(UTC)
    if collected > datetime.now(UTC) + CLOCK_SKEW:
        raise _invalid("collectedAt", "the sample cannot be collected in the future")
    if collected.astimezone(UTC).date() < born:
        raise _invalid("collectedAt", "the sample cannot be collected before the date of birth")
    return collected


def _already_resulted(order_id: uuid.UUID, test: LabTest, result_id: Any) -> Conflict:
    message = f"{test.display} on order {order_id} already has a result"
    if result_id is not None:
        message += f" ({result_id}); send a correction to /lab-results/{result_id}/corrections"
    return Conflict(message + ".", extra={"resultId": str(result_id) if result_id else None})


async def enter(
    session: AsyncSession, actor: Actor, order_id: uuid.UUID, *, data: ResultsIn
) -> list[LabResultOut]:
    order = (
        await session.execute(select(ORD).where(ORD.c.id == order_id).with_for_update())
    ).first()
    if order is None:
        raise NotFound(f"No lab order {order_id} in your hospital.")
    patient = await require_patient(session, order.patient_id)
    collected_at = _collected_at(data, patient.date_of_birth)
    rows: list[dict[str, Any]] = []
    for i, item in enumerate(data.results):
        field = f"results.{i}"
        try:
            test = get_test(item.loinc)
        except UnknownLabTest as exc:
            raise _invalid(f"{field}.loinc", str(exc)) from exc
        if test.key not in order.tests:
            raise _invalid(f"{field}.loinc", f"{test.display} was not ordered on this order")
        if any(r["test_key"] == test.key for r in rows):
            raise _invalid(f"{field}.loinc", f"{test.display} is listed twice")
        unit = item.unit or implied_unit(item.loinc) or test.unit
        f = _flag(test, item.value, unit, patient=patient, collected_at=collected_at, field=field)
        rows.append({"id": uuid.uuid4(), **_values(test, f, item.value, unit)})
    existing = (
        await session.execute(
            select(R.c.test_key, R.c.id).where(
                R.c.order_id == order_id,
                R.c.test_key.in_([r["test_key"] for r in rows]),
                R.c.superseded_by.is_(None),
            )
        )
    ).first()
    if existing is not None:
        raise _already_resulted(order_id, get_test(existing.test_key), existing.id)
    common = {
        "order_id": order_id,
        "patient_id": order.patient_id,
        "collected_at": collected_at,
        "version": 1,
        "entered_by": uuid.UUID(actor.user_id),
    }
    try:
        async with session.begin_nested():
            await session.execute(insert(R), [{**common, **r} for r in rows])
    except IntegrityError as exc:  # the order lock makes this a safety net
        cause = getattr(exc.orig, "__cause__", None)
        if getattr(cause, "constraint_name", None) == RESULT_VERSION_UNIQUE:
            raise _already_resulted(order_id, get_test(rows[0]["test_key"]), None) from exc
        raise
    await _update_order_status(session, order)
    await audit.record(
        session,
        actor,
        action="lab_result.enter",
        patient_id=order.patient_id,
        detail={"orderId": str(order_id), "resultIds": [str(r["id"]) for r in rows]},
    )
    for r in rows:
        await _alert_if_critical(session, actor, r["id"], order.patient_id, r)
    _announce(
        session,
        actor,
        change="entered",
        order_id=order_id,
        patient_id=order.patient_id,
        rows=rows,
    )
    return await _out(session, await _rows(session, [r["id"] for r in rows]))


async def _update_order_status(session: AsyncSession, order: Any) -> None:
    resulted = (
        await session.execute(
            select(func.count(func.distinct(R.c.test_key))).where(R.c.order_id == order.id)
        )
    ).scalar_one()
    complete = resulted >= len(order.tests)
    status = OrderStatus.COMPLETED if complete else OrderStatus.IN_PROGRESS
    await session.execute(
        update(ORD)
        .where(ORD.c.id == order.id)
        .values(status=status.value, completed_at=func.now() if complete else None)
    )


async def _lock_result(session: AsyncSession, result_id: uuid.UUID) -> Any:
    row = (await session.execute(select(R).where(R.c.id == result_id).with_for_update())).first()
    if row is None:
        raise NotFound(f"No lab result {result_id} in your hospital.")
    if row.superseded_by is not None:
        raise Conflict(
            f"Lab result {result_id} was superseded by {row.superseded_by}; "
            "act on the current version.",
            extra={"supersededBy": str(row.superseded_by)},
        )
    return row


async def verify(session: AsyncSession, actor: Actor, result_id: uuid.UUID) -> LabResultOut:
    row = await _lock_result(session, result_id)
    if row.verified_at is not None:
        raise Conflict(f"Lab result {result_id} was already verified at {row.verified_at}.")
    await session.execute(
        update(R)
        .where(R.c.id == result_id)
        .values(verified_at=func.now(), verified_by=uuid.UUID(actor.user_id))
    )
    await audit.record(
        session,
        actor,
        action="lab_result.verify",
        patient_id=row.patient_id,
        detail={"resultId": str(result_id)},
    )
    _announce(
        session,
        actor,
        change="verified",
        order_id=row.order_id,
        patient_id=row.patient_id,
        rows=[{"id": row.id, "category": row.category}],
    )
    return (await _out(session, await _rows(session, [result_id])))[0]


async def correct(
    session: AsyncSession, actor: Actor, result_id: uuid.UUID, *, data: CorrectionIn
) -> LabResultOut:
    """A new version of the result; the old one stays, pointing at its replacement
    (CLIA, 42 CFR 493.1291(k): keep the original report as well as the corrected one)."""
    old = await _lock_result(session, result_id)
    patient = await require_patient(session, old.patient_id)
    test = get_test(old.test_key)
    unit = data.unit or test.unit
    f = _flag(test, data.value, unit, patient=patient, collected_at=old.collected_at, field="body")
    new = {"id": uuid.uuid4(), **_values(test, f, data.value, unit)}
    await session.execute(
        insert(R).values(
            **new,
            order_id=old.order_id,
            patient_id=old.patient_id,
            collected_at=old.collected_at,
            version=old.version + 1,
            corrects_id=old.id,
            correction_reason=data.reason,
            entered_by=uuid.UUID(actor.user_id),
        )
    )
    await session.execute(update(R).where(R.c.id == old.id).values(superseded_by=new["id"]))
    await audit.record(
        session,
        actor,
        action="lab_result.correct",
        patient_id=old.patient_id,
        detail={"resultId": str(new["id"]), "corrects": str(old.id), "reason": data.reason},
    )
    await _alert_if_critical(session, actor, new["id"], old.patient_id, new)
    _announce(
        session,
        actor,
        change="corrected",
        order_id=old.order_id,
        patient_id=old.patient_id,
        rows=[new],
    )
    return (await _out(session, await _rows(session, [new["id"]])))[0]


async def for_patient(
    session: AsyncSession,
    patient_id: uuid.UUID,
    *,
    history: bool,
    loinc: str | None,
    paging: Paging,
) -> tuple[list[LabResultOut], int]:
    """The patient's results, newest sample first: current versions, or every version."""
    await require_patient(session, patient_id)
    where = [R.c.patient_id == patient_id]
    if not history:
        where.append(R.c.superseded_by.is_(None))
    if loinc:
        try:
            where.append(R.c.test_key == get_test(loinc).key)
        except UnknownLabTest as exc:
            raise _invalid("loinc", str(exc)) from exc
    rows = (
        await session.execute(
            select(R)
            .where(*where)
            .order_by(
                R.c.collected_at.desc(), R.c.display, R.c.order_id, R.c.version.desc(), R.c.id
            )
            .limit(paging.size)
            .offset(paging.offset)
        )
    ).all()
    total = (await session.execute(select(func.count()).select_from(R).where(*where))).scalar_one()
    return await _out(session, list(rows)), total


async def detail(session: AsyncSession, result_id: uuid.UUID) -> LabResultDetail:
    """One result with every version of it (same order and test), oldest first."""
    row = (await session.execute(select(R).where(R.c.id == result_id))).first()
    if row is None:
        raise NotFound(f"No lab result {result_id} in your hospital.")
    chain = (
        await session.execute(
            select(R)
            .where(R.c.order_id == row.order_id, R.c.test_key == row.test_key)
            .order_by(R.c.version)
        )
    ).all()
    versions = await _out(session, list(chain))
    current = next(v for v in versions if v.id == result_id)
    return LabResultDetail(**current.model_dump(), history=versions)
