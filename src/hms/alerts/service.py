"""Raising, listing and acknowledging alerts; new and acknowledged alerts are pushed live
to the hospital's room after commit (``alert:new``, ``alert:acknowledged``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.alerts.models import Alert
from hms.alerts.schemas import AlertKind, AlertOut, AlertSeverity, AlertStatus
from hms.audit import service as audit
from hms.auth.models import users
from hms.encounters.models import Bed, BedStay, Ward
from hms.patients.models import Patient
from hms.pipeline import Actor
from hms.platform.errors import Conflict, NotFound
from hms.platform.events import hospital_room, publish
from hms.platform.paging import Paging

EVENT_NEW = "alert:new"
EVENT_ACKNOWLEDGED = "alert:acknowledged"
SEVERITY_RANK = {s.value: i for i, s in enumerate(AlertSeverity, start=1)}


def _publish(session: AsyncSession, actor: Actor, event: str, wire: dict[str, Any]) -> None:
    assert actor.hospital is not None
    slug = actor.hospital.slug
    payload = AlertOut.model_validate(wire).model_dump(mode="json", by_alias=True)
    publish(session, event, payload, to=hospital_room(slug), stream=slug)


def _select_wire() -> Any:
    acker = users.alias("acker")
    return (
        select(
            Alert,
            Patient.name.label("patient_name"),
            Patient.mrn.label("patient_mrn"),
            BedStay.ward_id,
            Ward.code.label("ward_code"),
            Bed.label.label("bed_label"),
            acker.c.name.label("acker_name"),
        )
        .join(Patient, Patient.id == Alert.patient_id)
        .outerjoin(
            BedStay, and_(BedStay.patient_id == Alert.patient_id, BedStay.ended_at.is_(None))
        )
        .outerjoin(Bed, Bed.id == BedStay.bed_id)
        .outerjoin(Ward, Ward.id == BedStay.ward_id)
        .outerjoin(acker, acker.c.id == Alert.acknowledged_by)
    )


def _wire(row: Any) -> dict[str, Any]:
    a: Alert = row.Alert
    return {
        "id": a.id,
        "patient": {"id": a.patient_id, "name": row.patient_name, "mrn": row.patient_mrn},
        "location": (
            {"ward_id": row.ward_id, "ward_code": row.ward_code, "bed_label": row.bed_label}
            if row.ward_id
            else None
        ),
        "kind": a.kind,
        "severity": a.severity,
        "summary": a.summary,
        "source_id": a.source_id,
        "created_at": a.created_at,
        "status": "open" if a.acknowledged_at is None else "acknowledged",
        "acknowledged_by": (
            {"id": a.acknowledged_by, "name": row.acker_name} if a.acknowledged_by else None
        ),
        "acknowledged_at": a.acknowledged_at,
        "ack_note": a.ack_note,
    }


async def _one_wire(session: AsyncSession, alert_id: uuid.UUID) -> dict[str, Any] | None:
    row = (await session.execute(_select_wire().where(Alert.id == alert_id))).first()
    return _wire(row) if row is not None else None


async def raise_alert(
    session: AsyncSession,
    actor: Actor,
    *,
    patient_id: uuid.UUID,
    kind: str,
    severity: str,
    summary: str,
    source_id: uuid.UUID | None,
) -> Alert:
    """Store an alert in the caller's transaction; ``alert:new`` goes out after commit."""
    kind = AlertKind(kind).value
    severity = AlertSeverity(severity).value
    alert = Alert(
        id=uuid.uuid4(),
        patient_id=patient_id,
        kind=kind,
        severity=severity,
        summary=summary,
        source_id=source_id,
        created_by=uuid.UUID(actor.user_id) if actor.user_id else None,
    )
    session.add(alert)
    await session.flush()
    await session.refresh(alert, ["created_at"])
    wire = await _one_wire(session, alert.id)
    if wire is not None:
        _publish(session, actor, EVENT_NEW, wire)
    return alert


async def open_news2_severity(session: AsyncSession, patient_id: uuid.UUID) -> int:
    """Rank of the most severe open NEWS2 alert of the patient (0 when none)."""
    rank = case(SEVERITY_RANK, value=Alert.severity, else_=0)
    found = (
        await session.execute(
            select(func.max(rank)).where(
                Alert.patient_id == patient_id,
                Alert.kind == AlertKind.NEWS2.value,
                Alert.acknowledged_at.is_(None),
            )
        )
    ).scalar()
    return int(found or 0)


async def list_alerts(
    session: AsyncSession,
    *,
    status: AlertStatus,
    patient_id: uuid.UUID | None,
    paging: Paging,
) -> tuple[list[dict[str, Any]], int]:
    """Open alerts most severe first, then newest; acknowledged or all newest first."""
    conds: list[ColumnElement[bool]] = []
    if status == AlertStatus.OPEN:
        conds.append(Alert.acknowledged_at.is_(None))
    elif status == AlertStatus.ACKNOWLEDGED:
        conds.append(Alert.acknowledged_at.is_not(None))
    if patient_id is not None:
        conds.append(Alert.patient_id == patient_id)
    order = [Alert.created_at.desc(), Alert.id]
    if status == AlertStatus.OPEN:
        order.insert(0, case(SEVERITY_RANK, value=Alert.severity, else_=0).desc())
    rows = (
        await session.execute(
            _select_wire().where(*conds).order_by(*order).limit(paging.size).offset(paging.offset)
        )
    ).all()
    total = (
        await session.execute(select(func.count()).select_from(Alert).where(*conds))
    ).scalar_one()
    return [_wire(r) for r in rows], total


async def acknowledge(
    session: AsyncSession,
    actor: Actor,
    alert_id: uuid.UUID,
    *,
    note: str | None,
) -> dict[str, Any]:
    """Acknowledge once; a second acknowledgement is a conflict naming who and when."""
    done = (
        await session.execute(
            update(Alert)
            .where(Alert.id == alert_id, Alert.acknowledged_at.is_(None))
            .values(
                acknowledged_by=uuid.UUID(actor.user_id),
                acknowledged_at=func.now(),
                ack_note=note,
            )
            .returning(Alert.patient_id)
        )
    ).first()
    wire = await _one_wire(session, alert_id)
    if wire is None:
        raise NotFound(f"No alert {alert_id} in your hospital.")
    if done is None:
        by = wire["acknowledged_by"]
        raise Conflict(
            f"Alert {alert_id} was already acknowledged by {by['name'] or by['id']} "
            f"at {wire['acknowledged_at'].isoformat()}.",
            extra={
                "acknowledgedBy": {"id": str(by["id"]), "name": by["name"]},
                "acknowledgedAt": wire["acknowledged_at"].isoformat(),
            },
        )
    await audit.record(
        session,
        actor,
        action="alert.acknowledge",
        patient_id=done.patient_id,
        detail={"alertId": str(alert_id)},
    )
    _publish(session, actor, EVENT_ACKNOWLEDGED, wire)
    return wire
