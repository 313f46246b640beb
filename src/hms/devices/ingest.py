"""A device's batch of readings: each reading checked on its own (schema, plausibility, time,
patient), the good ones stored with one statement whose unique (device, recordedAt)
constraint drops repeats, each scored with NEWS2 on its patient's scale; one audit row per
patient, alerts as manual entry raises them, one ``vitals:updated`` per stored reading."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.alerts.service import SEVERITY_RANK
from hms.audit import service as audit
from hms.clinical.news2 import News2Result, score
from hms.devices.schemas import ReadingIn
from hms.pipeline import Actor
from hms.pipeline.devices import DeviceUnauthorized
from hms.platform.db import driver_connection, table_in
from hms.platform.errors import field_errors
from hms.vitals import events
from hms.vitals import service as manual
from hms.vitals.models import uuid7
from hms.vitals.schemas import ACVPU_LETTER, NUMBERS
from hms.vitals.wire import news2_wire, observations

Errors = list[dict[str, str]]


@dataclass(slots=True)
class Good:
    index: int
    reading: ReadingIn
    patient_id: uuid.UUID | None = None
    result: News2Result | None = None
    id: uuid.UUID | None = None


def _check(item: Any, now: datetime) -> ReadingIn | Errors:
    if not isinstance(item, dict):
        return [{"field": "body", "message": "a reading is a JSON object"}]
    try:
        reading = ReadingIn.model_validate(item)
    except ValidationError as exc:
        errors: Errors = field_errors(exc.errors()).extra["errors"]
        return errors
    return manual.problems(reading, now) or reading


async def _bound(conn: Any, session: AsyncSession, device_id: uuid.UUID) -> Any:
    """The device's binding, marked seen; the row lock orders this batch with a concurrent
    revocation, so a device revoked before this transaction writes nothing."""
    row = await conn.fetchrow(
        f"UPDATE {table_in(session, 'devices')} SET last_seen_at = now() "
        "WHERE id = $1 AND revoked_at IS NULL RETURNING bed_id, patient_id",
        device_id,
    )
    if row is None:
        raise DeviceUnauthorized()
    return row


async def _occupants(
    conn: Any, session: AsyncSession, bed_id: uuid.UUID, times: list[datetime]
) -> list[uuid.UUID | None]:
    """The patient in the bed at each time (None when it was empty)."""
    rows = await conn.fetch(
        "SELECT s.patient_id FROM unnest($2::timestamptz[]) WITH ORDINALITY AS t(at, n) "
        "LEFT JOIN LATERAL (SELECT patient_id FROM "
        f"{table_in(session, 'bed_stays')} WHERE bed_id = $1 AND started_at <= t.at "
        "AND (ended_at IS NULL OR ended_at > t.at) ORDER BY started_at DESC LIMIT 1) s ON true "
        "ORDER BY t.n",
        bed_id,
        times,
    )
    return [r["patient_id"] for r in rows]


_NUMBERS = list(NUMBERS)
_INSERT_COLUMNS = ", ".join(
    [
        "id",
        "patient_id",
        "recorded_at",
        *_NUMBERS,
        "on_oxygen",
        "consciousness",
        "news2_scale",
        "news2_total",
        "news2_band",
    ]
)


def _insert_sql(session: AsyncSession) -> str:
    n = len(_NUMBERS)
    arrays = ["$1::uuid[]", "$2::uuid[]", "$3::timestamptz[]"]
    arrays += [f"${4 + i}::real[]" for i in range(n)]
    k = 4 + n
    arrays += [f"${k}::bool[]", f"${k + 1}::text[]", f"${k + 2}::int2[]"]
    arrays += [f"${k + 3}::int2[]", f"${k + 4}::text[]"]
    device = f"${k + 5}::uuid"
    vitals = table_in(session, "vitals")
    stays = table_in(session, "bed_stays")
    return (
        f"INSERT INTO {vitals} AS v ({_INSERT_COLUMNS}, device_id) "
        f"SELECT u.*, {device} FROM unnest({', '.join(arrays)}) AS u "
        "ON CONFLICT (device_id, recorded_at) DO NOTHING "
        f"RETURNING v.id, (SELECT s.ward_id FROM {stays} s "
        "WHERE s.patient_id = v.patient_id AND s.ended_at IS NULL LIMIT 1) AS ward_id"
    )


async def ingest(session: AsyncSession, actor: Actor, *, readings: list[Any]) -> dict[str, Any]:
    assert actor.hospital is not None
    device_id = uuid.UUID(actor.user_id)
    conn = await driver_connection(session)
    bound = await _bound(conn, session, device_id)
    now = datetime.now(UTC)
    rejected: list[dict[str, Any]] = []
    good: list[Good] = []
    for index, item in enumerate(readings):
        checked = _check(item, now)
        if isinstance(checked, ReadingIn):
            good.append(Good(index, checked))
        else:
            rejected.append({"index": index, "errors": checked})
    good = await _attribute(conn, session, bound, good, rejected)
    stored = await _store(conn, session, device_id, good) if good else []
    await _after(session, actor, device_id, stored)
    rejected.sort(key=lambda r: int(r["index"]))
    return {"accepted": len(stored), "duplicates": len(good) - len(stored), "rejected": rejected}


async def _attribute(
    conn: Any, session: AsyncSession, bound: Any, good: list[Good], rejected: list[dict[str, Any]]
) -> list[Good]:
    """Each reading's patient: the device's bound patient, else its bed's at ``recordedAt``;
    then its NEWS2 on that patient's SpO2 scale."""
    if not good:
        return good
    if bound["patient_id"] is not None:
        for g in good:
            g.patient_id = bound["patient_id"]
    elif bound["bed_id"] is not None:
        occupants = await _occupants(
            conn, session, bound["bed_id"], [g.reading.recorded_at for g in good]
        )
        for g, patient_id in zip(good, occupants, strict=True):
            g.patient_id = patient_id
    kept = []
    for g in good:
        if g.patient_id is None:
            where = "in its bed at that time" if bound["bed_id"] else "bound to the device"
            message = f"no patient {where}: bind the device to a patient or a bed"
            rejected.append(
                {"index": g.index, "errors": [{"field": "recordedAt", "message": message}]}
            )
        else:
            kept.append(g)
    scales = dict(
        await conn.fetch(
            f"SELECT id, news2_scale FROM {table_in(session, 'patients')} "
            "WHERE id = ANY($1::uuid[])",
            list({g.patient_id for g in kept}),
        )
    )
    for g in kept:
        r = g.reading
        consciousness = r.consciousness.value if r.consciousness else None
        values = {name: getattr(r, name) for name in (*_NUMBERS, "on_oxygen")}
        g.result = score(
            observations({**values, "consciousness": consciousness}), scale=scales[g.patient_id]
        )
        g.id = uuid7()
    return kept


async def _store(
    conn: Any, session: AsyncSession, device_id: uuid.UUID, good: list[Good]
) -> list[tuple[Good, Any]]:
    """One statement for the batch; a reading already stored (or repeated in the batch)
    returns no row."""
    columns: list[list[Any]] = [
        [g.id for g in good],
        [g.patient_id for g in good],
        [g.reading.recorded_at for g in good],
    ]
    columns += [[getattr(g.reading, name) for g in good] for name in _NUMBERS]
    columns.append([g.reading.on_oxygen for g in good])
    columns.append(
        [ACVPU_LETTER[g.reading.consciousness] if g.reading.consciousness else None for g in good]
    )
    results = [g.result for g in good]
    columns.append([r.scale if r else None for r in results])
    columns.append([(r.total if r and r.subscores else None) for r in results])
    columns.append([(r.band if r and r.subscores else None) for r in results])
    rows = await conn.fetch(_insert_sql(session), *columns, device_id)
    ward_of = {r["id"]: r["ward_id"] for r in rows}
    return [(g, ward_of[g.id]) for g in good if g.id in ward_of]


async def _after(
    session: AsyncSession, actor: Actor, device_id: uuid.UUID, stored: list[tuple[Good, Any]]
) -> None:
    """One audit row per patient, the patient's alert for the batch's worst reading, and one
    ``vitals:updated`` per stored reading."""
    assert actor.hospital is not None
    slug = actor.hospital.slug
    by_patient: dict[uuid.UUID, list[Good]] = defaultdict(list)
    for g, ward_id in stored:
        assert g.patient_id is not None
        by_patient[g.patient_id].append(g)
        events.announce(session, slug, _event(g), ward_id=ward_id)
    for patient_id, sets in by_patient.items():
        await audit.record(
            session,
            actor,
            action="vitals.ingest",
            patient_id=patient_id,
            detail={"deviceId": str(device_id), "vitalsIds": [str(g.id) for g in sets]},
        )
        alerting = [(g, g.result) for g in sets if g.result and g.result.raises_alert]
        alerting = [(g, r) for g, r in alerting if r.subscores]
        if alerting:
            worst, result = max(
                alerting, key=lambda a: (SEVERITY_RANK[a[1].band], a[0].reading.recorded_at)
            )
            assert worst.id is not None
            await manual.open_alert(session, actor, patient_id, result, worst.id)


def _event(g: Good) -> dict[str, Any]:
    r = g.reading
    assert g.result is not None
    out = {
        "id": g.id,
        "patient_id": g.patient_id,
        "recorded_at": r.recorded_at,
        "recorded_by": None,
        **{name: getattr(r, name) for name in (*_NUMBERS, "on_oxygen")},
        "consciousness": r.consciousness.value if r.consciousness else None,
        "news2": news2_wire(g.result),
    }
    return manual.event_payload(out)
