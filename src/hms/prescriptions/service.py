"""Prescription use cases: create (checked, with overrides), activate a draft, cancel, stop,
read and list. The REST router and the Socket.IO handler both call :func:`create`.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.clinical.frequency import parse_frequency
from hms.pipeline import Actor, Call
from hms.platform.errors import Conflict, InvalidInput, NotFound
from hms.platform.paging import Paging
from hms.prescriptions import checks, events, idempotency, wire
from hms.prescriptions.models import ACTIVE, CANCELLED, CURRENT, DRAFT, STOPPED
from hms.prescriptions.models import prescription_items as I
from hms.prescriptions.models import prescriptions as P
from hms.prescriptions.models import status_history as H
from hms.prescriptions.schemas import COUNTABLE, ItemIn, OverrideIn, PrescriptionCreate


class OverrideRequired(Conflict):
    title = "Override required"


def draft_items(items: Sequence[ItemIn]) -> list[checks.DoseItem]:
    return [
        checks.DoseItem(
            drug_id=i.drug_id,
            dose=i.dose,
            unit=i.unit.value,
            route=i.route.value,
            frequency=i.frequency,
            duration_days=i.duration_days,
        )
        for i in items
    ]


def not_found(prescription_id: uuid.UUID) -> NotFound:
    return NotFound(f"No prescription {prescription_id} in your hospital.")


def apply_overrides(
    report: checks.CheckReport,
    overrides: Sequence[OverrideIn],
    actor: Actor,
    *,
    required: bool,
) -> list[dict[str, Any]]:
    """The warnings to store, each overridden one with its reason; 409 when one is missing."""
    reasons = {override_key(o.code): o.reason for o in overrides}
    missing = [f for f in report.requiring_override if override_key(f.warning.code) not in reasons]
    if required and missing:
        listed = "; ".join(
            f"{f.warning.code} ({f.warning.severity.value}): {f.warning.message}" for f in missing
        )
        raise OverrideRequired(
            f"{len(missing)} warning(s) of severity contraindicated or major need an override "
            f"reason before this prescription can be saved: {listed}",
            extra={
                "missingOverrides": [f.warning.code for f in missing],
                "warnings": [checks.finding_wire(f) for f in report.findings],
            },
        )
    at = datetime.now(UTC).isoformat()
    stored = []
    for f in report.findings:
        entry = checks.finding_wire(f)
        reason = reasons.get(override_key(f.warning.code))
        entry["override"] = (
            {"reason": reason, "by": actor.user_id, "at": at} if reason is not None else None
        )
        stored.append(_jsonable(entry))
    return stored


def override_key(code: str) -> str:
    """Match an override to its warning whatever the order of the pair in the code.

    A pair's order follows the rule's sides and the order of the items, and for a rule
    whose two sides are classes both drugs belong to, it is not even the same in every
    server process; an override given for "interaction:a:b" applies to "interaction:b:a".
    """
    kind, _, rest = code.partition(":")
    if kind in ("interaction", "duplicate") and rest.count(":") == 1:
        return kind + ":" + ":".join(sorted(rest.split(":")))
    return code


def _jsonable(entry: dict[str, Any]) -> dict[str, Any]:
    for item in entry.get("inputs") or ():
        if isinstance(item.get("measuredAt"), datetime):
            item["measuredAt"] = item["measuredAt"].isoformat()
    return entry


def item_quantity(item: ItemIn, index: int) -> int:
    if item.quantity is not None:
        return item.quantity
    freq = parse_frequency(item.frequency)
    if item.unit in COUNTABLE and freq.doses_per_day is not None and item.duration_days:
        return max(1, math.ceil(item.dose * freq.doses_per_day * item.duration_days - 1e-9))
    why = "give quantity (the number of dispensing units to supply): " + (
        f"a dose in {item.unit.value} does not say how many units to dispense"
        if item.unit not in COUNTABLE
        else "it is worked out only from a regular frequency and durationDays"
    )
    raise InvalidInput(
        f"Fix these fields: items.{index}.quantity: {why}",
        extra={"errors": [{"field": f"items.{index}.quantity", "message": why}]},
    )


async def _audit_overrides(
    session: AsyncSession,
    actor: Actor,
    *,
    patient_id: uuid.UUID,
    prescription_id: uuid.UUID,
    stored: list[dict[str, Any]],
) -> None:
    for w in stored:
        if w.get("override"):
            await audit.record(
                session,
                actor,
                action="prescription.override",
                patient_id=patient_id,
                detail={
                    "prescriptionId": str(prescription_id),
                    "code": w["code"],
                    "severity": w["severity"],
                    "reason": w["override"]["reason"],
                },
            )


async def create(
    session: AsyncSession,
    actor: Actor,
    *,
    data: PrescriptionCreate,
    idempotency_key: str | None = None,
    idempotency_ttl: timedelta = timedelta(hours=24),
) -> tuple[dict[str, Any], bool]:
    """Check, then save; (the prescription, False when an earlier request made it)."""
    user_id = uuid.UUID(actor.user_id)
    prescription_id = uuid.uuid4()
    if idempotency_key is not None:
        earlier = await idempotency.reserve(
            session,
            user_id=user_id,
            key=idempotency_key,
            digest=idempotency.request_hash(data),
            prescription_id=prescription_id,
            ttl=idempotency_ttl,
        )
        if earlier is not None:
            found = await wire.fetch_one(session, earlier)
            if found is None:  # the key row and its prescription commit together
                raise not_found(earlier)
            return found, False
    quantities = [item_quantity(item, n) for n, item in enumerate(data.items)]
    await checks.lock_patient(session, data.patient_id)
    context = await checks.load_context(session, data.patient_id)
    report = checks.evaluate(context, draft_items(data.items))
    stored = apply_overrides(report, data.overrides, actor, required=data.status == ACTIVE)
    now = func.now()
    active = data.status == ACTIVE
    await session.execute(
        insert(P).values(
            id=prescription_id,
            patient_id=data.patient_id,
            prescriber_id=user_id,
            status=data.status,
            note=data.note,
            warnings=stored,
            knowledge_version=checks.knowledge_version(),
            prescribed_at=now,
            activated_at=now if active else None,
            activated_by=user_id if active else None,
            updated_at=now,
            version=1,
        )
    )
    await session.execute(
        insert(I),
        [
            {
                "id": uuid.uuid4(),
                "prescription_id": prescription_id,
                "position": n + 1,
                "drug_id": item.drug_id,
                "dose": item.dose,
                "unit": item.unit.value,
                "route": item.route.value,
                "frequency": item.frequency,
                "doses_per_day": parse_frequency(item.frequency).doses_per_day,
                "as_needed": parse_frequency(item.frequency).as_needed,
                "duration_days": item.duration_days,
                "quantity": quantities[n],
                "dispensed_quantity": 0,
                "instructions": item.instructions,
            }
            for n, item in enumerate(data.items)
        ],
    )
    await record_history(session, prescription_id, None, data.status, user_id)
    await audit.record(
        session,
        actor,
        action="prescription.create",
        patient_id=data.patient_id,
        detail={
            "prescriptionId": str(prescription_id),
            "status": data.status,
            "drugs": [i.drug_id for i in data.items],
            "warnings": len(stored),
        },
    )
    await _audit_overrides(
        session, actor, patient_id=data.patient_id, prescription_id=prescription_id, stored=stored
    )
    out = await wire.fetch_one(session, prescription_id)
    assert out is not None
    if active:
        events.announce_new(session, actor, out)
    return out, True


async def create_for(
    call: Call, *, data: PrescriptionCreate, idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    """:func:`create` as the entry points run it (REST and Socket.IO): as the call's actor,
    with keys that replay for the configured time."""
    return await create(
        call.session,
        call.actor,
        data=data,
        idempotency_key=idempotency_key,
        idempotency_ttl=timedelta(hours=call.rt.settings.idempotency_ttl_hours),
    )


async def record_history(
    session: AsyncSession,
    prescription_id: uuid.UUID,
    from_status: str | None,
    to_status: str,
    by: uuid.UUID,
    reason: str | None = None,
) -> None:
    await session.execute(
        insert(H).values(
            id=uuid.uuid4(),
            prescription_id=prescription_id,
            from_status=from_status,
            to_status=to_status,
            at=func.now(),
            by=by,
            reason=reason,
        )
    )


async def lock(session: AsyncSession, prescription_id: uuid.UUID) -> Any:
    row = (
        await session.execute(select(P).where(P.c.id == prescription_id).with_for_update())
    ).first()
    if row is None:
        raise not_found(prescription_id)
    return row


async def change(
    session: AsyncSession,
    actor: Actor,
    row: Any,
    status: str,
    *,
    action: str,
    detail: dict[str, Any] | None = None,
    reason: str | None = None,
    **values: Any,
) -> None:
    """Write the next version of the locked prescription ``row``, now ``status`` (with
    ``values``), keep the status change in its history and audit ``action``."""
    await session.execute(
        update(P)
        .where(P.c.id == row.id)
        .values(status=status, updated_at=func.now(), version=P.c.version + 1, **values)
    )
    if status != row.status:
        by = uuid.UUID(actor.user_id)
        await record_history(session, row.id, row.status, status, by, reason)
    await audit.record(
        session,
        actor,
        action=action,
        patient_id=row.patient_id,
        detail={"prescriptionId": str(row.id), **(detail or {})},
    )


async def activate(
    session: AsyncSession,
    actor: Actor,
    prescription_id: uuid.UUID,
    *,
    overrides: Sequence[OverrideIn],
) -> dict[str, Any]:
    """A draft becomes active after a fresh check (the patient's facts may have changed)."""
    row = await lock(session, prescription_id)
    if row.status != DRAFT:
        raise Conflict(f"Only a draft can be activated; this prescription is {row.status}.")
    await checks.lock_patient(session, row.patient_id)
    context = await checks.load_context(
        session, row.patient_id, exclude_prescription=prescription_id
    )
    items = (
        await session.execute(
            select(I).where(I.c.prescription_id == prescription_id).order_by(I.c.position)
        )
    ).all()
    draft = [
        checks.DoseItem(i.drug_id, float(i.dose), i.unit, i.route, i.frequency, i.duration_days)
        for i in items
    ]
    report = checks.evaluate(context, draft)
    stored = apply_overrides(report, overrides, actor, required=True)
    await change(
        session,
        actor,
        row,
        ACTIVE,
        action="prescription.activate",
        warnings=stored,
        knowledge_version=checks.knowledge_version(),
        activated_at=func.now(),
        activated_by=uuid.UUID(actor.user_id),
    )
    await _audit_overrides(
        session, actor, patient_id=row.patient_id, prescription_id=prescription_id, stored=stored
    )
    out = await wire.fetch_one(session, prescription_id, history=True)
    assert out is not None
    events.announce_new(session, actor, out)
    return out


# Cancel: never given (draft, or active with nothing dispensed). Stop: therapy discontinued.
ENDINGS = {
    "cancel": (frozenset({DRAFT, ACTIVE}), CANCELLED),
    "stop": (frozenset(CURRENT), STOPPED),
}


async def end(
    session: AsyncSession,
    actor: Actor,
    prescription_id: uuid.UUID,
    *,
    how: str,
    reason: str,
) -> dict[str, Any]:
    allowed, new_status = ENDINGS[how]
    row = await lock(session, prescription_id)
    if row.status not in allowed:
        hint = (
            " Stop it instead: part of it has been dispensed."
            if how == "cancel" and row.status in CURRENT
            else ""
        )
        raise Conflict(
            f"A {row.status} prescription cannot be {new_status}; "
            f"{how} applies to {', '.join(sorted(allowed))} prescriptions.{hint}"
        )
    await change(
        session,
        actor,
        row,
        new_status,
        action=f"prescription.{how}",
        detail={"reason": reason},
        reason=reason,
        ended_at=func.now(),
        ended_by=uuid.UUID(actor.user_id),
        end_reason=reason,
    )
    out = await wire.fetch_one(session, prescription_id, history=True)
    assert out is not None
    events.announce_status(session, actor, out, previous=row.status, reason=reason)
    return out


async def get(session: AsyncSession, prescription_id: uuid.UUID) -> dict[str, Any]:
    found = await wire.fetch_one(session, prescription_id, history=True)
    if found is None:
        raise not_found(prescription_id)
    return found


async def search(
    session: AsyncSession,
    *,
    patient_id: uuid.UUID | None,
    statuses: Sequence[str],
    paging: Paging,
) -> tuple[list[dict[str, Any]], int]:
    """Newest first; filtered by patient and status."""
    conditions = []
    if patient_id is not None:
        conditions.append(P.c.patient_id == patient_id)
    if statuses:
        conditions.append(P.c.status.in_(list(statuses)))
    query = (
        wire.header_query()
        .where(*conditions)
        .order_by(P.c.prescribed_at.desc(), P.c.id)
        .limit(paging.size)
        .offset(paging.offset)
    )
    rows = (await session.execute(query)).all()
    total = (
        await session.execute(select(func.count()).select_from(P).where(*conditions))
    ).scalar_one()
    return await wire.render(session, list(rows)), total
