"""Recording vitals: the hot path. One transaction of Core statements: the insert reads
the patient's NEWS2 SpO2 scale in the same statement, then the audit row, then (for the
alerting NEWS2 bands) the alert; ``vitals:updated`` goes out after commit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.alerts import service as alerts
from hms.audit import service as audit
from hms.clinical.news2 import News2Result, score
from hms.patients.lookup import PatientNotFound
from hms.pipeline import Actor
from hms.platform.errors import InvalidInput
from hms.vitals import events, plausibility
from hms.vitals.models import open_stays, patient_scale, uuid7, vitals
from hms.vitals.schemas import ACVPU_LETTER, NUMBERS, VitalsIn, VitalsOut
from hms.vitals.wire import news2_wire, observations

FUTURE_TOLERANCE = timedelta(minutes=5)
# Stored as given; consciousness is stored as its ACVPU letter.
_COLUMNS = (*NUMBERS, "on_oxygen")


def problems(data: VitalsIn, now: datetime) -> list[dict[str, str]]:
    """What is wrong with a set (plausibility limits, a time in the future), field by field;
    manual entry refuses the set, device ingestion the one reading."""
    found = [{"field": p.field, "message": p.message} for p in plausibility.validate(data)]
    if data.recorded_at is not None and data.recorded_at > now + FUTURE_TOLERANCE:
        found.append(
            {
                "field": "recordedAt",
                "message": f"recordedAt {data.recorded_at.isoformat()} is in the future; "
                "at most 5 minutes ahead of the server clock is accepted",
            }
        )
    return found


LABELS = {
    "respiration_rate": "respiration rate",
    "spo2": "SpO2",
    "on_oxygen": "air or oxygen",
    "systolic_bp": "systolic BP",
    "heart_rate": "pulse",
    "consciousness": "consciousness",
    "temperature": "temperature",
}


def _summary(result: News2Result) -> str:
    threes = [LABELS[k] for k, v in result.subscores.items() if v == 3]
    text = f"NEWS2 {result.total} ({result.band})"
    if threes:
        text += f"; scored 3: {', '.join(threes)}"
    if result.missing:
        text += f"; not recorded: {', '.join(LABELS[k] for k in result.missing)}"
    return text


async def record(
    session: AsyncSession,
    actor: Actor,
    patient_id: uuid.UUID,
    *,
    data: VitalsIn,
) -> dict[str, Any]:
    """Store one set of vitals with its NEWS2; raise a NEWS2 alert for the alerting bands
    unless an open NEWS2 alert of the patient is already as severe."""
    now = datetime.now(UTC)
    wrong = problems(data, now)
    if wrong:
        summary = "; ".join(p["message"] for p in wrong)
        raise InvalidInput(f"Implausible vitals: {summary}.", extra={"errors": wrong})
    values: dict[str, Any] = {name: getattr(data, name) for name in _COLUMNS}
    consciousness = data.consciousness.value if data.consciousness else None
    obs = observations({**values, "consciousness": consciousness})
    # The scale is the patient's, read in the insert itself: score on both and let it pick.
    by_scale = {s: score(obs, scale=s) for s in (1, 2)}
    totals = {s: (r.total if r.subscores else None) for s, r in by_scale.items()}
    bands = {s: (r.band if r.subscores else None) for s, r in by_scale.items()}
    vitals_id = uuid7()
    recorded_at = data.recorded_at or now
    p = patient_scale
    source = select(
        literal(vitals_id, vitals.c.id.type),
        p.c.id,
        literal(recorded_at, vitals.c.recorded_at.type),
        literal(uuid.UUID(actor.user_id), vitals.c.recorded_by.type),
        *(literal(values[name], vitals.c[name].type) for name in _COLUMNS),
        literal(
            ACVPU_LETTER[data.consciousness] if data.consciousness else None,
            vitals.c.consciousness.type,
        ),
        p.c.news2_scale,
        case(
            (p.c.news2_scale == 2, literal(totals[2], vitals.c.news2_total.type)),
            else_=literal(totals[1], vitals.c.news2_total.type),
        ),
        case(
            (p.c.news2_scale == 2, literal(bands[2], vitals.c.news2_band.type)),
            else_=literal(bands[1], vitals.c.news2_band.type),
        ),
    ).where(p.c.id == patient_id)
    target = [
        "id",
        "patient_id",
        "recorded_at",
        "recorded_by",
        *_COLUMNS,
        "consciousness",
        "news2_scale",
        "news2_total",
        "news2_band",
    ]
    # The ward the set is announced to, read by the insert itself (no extra round trip).
    ward = (
        select(open_stays.c.ward_id)
        .where(open_stays.c.patient_id == patient_id, open_stays.c.ended_at.is_(None))
        .limit(1)
        .scalar_subquery()
    )
    row = (
        await session.execute(
            insert(vitals).from_select(target, source).returning(vitals.c.news2_scale, ward)
        )
    ).first()
    if row is None:
        raise PatientNotFound(patient_id)
    scale, ward_id = row
    result = by_scale[scale]
    await audit.record(
        session,
        actor,
        action="vitals.record",
        patient_id=patient_id,
        detail={"vitalsId": str(vitals_id)},
    )
    alert_id = None
    if result.subscores and result.raises_alert:
        alert_id = await open_alert(session, actor, patient_id, result, vitals_id)
    out = {
        "id": vitals_id,
        "patient_id": patient_id,
        "recorded_at": recorded_at,
        "recorded_by": uuid.UUID(actor.user_id),
        **values,
        "consciousness": consciousness,
        "news2": news2_wire(result),
        "alert_id": alert_id,
    }
    assert actor.hospital is not None
    slug = actor.hospital.slug
    events.announce(session, slug, event_payload(out), ward_id=ward_id)
    return out


async def open_alert(
    session: AsyncSession,
    actor: Actor,
    patient_id: uuid.UUID,
    result: News2Result,
    vitals_id: uuid.UUID,
) -> uuid.UUID | None:
    # One open NEWS2 alert per patient and severity: repeated sets in the same band add no
    # new alert until it is acknowledged; a worse band (escalation) raises a new one.
    if await alerts.open_news2_severity(session, patient_id) >= alerts.SEVERITY_RANK[result.band]:
        return None
    alert = await alerts.raise_alert(
        session,
        actor,
        patient_id=patient_id,
        kind="news2",
        severity=result.band,
        summary=_summary(result),
        source_id=vitals_id,
    )
    return alert.id


def event_payload(out: dict[str, Any]) -> dict[str, Any]:
    """A stored set as ``vitals:updated`` carries it: as the vitals API shows it."""
    return VitalsOut.model_validate(out).model_dump(mode="json", by_alias=True)
