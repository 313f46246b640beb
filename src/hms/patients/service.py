"""Patient use cases: create, read (through the two-level cache), update, search.

Reads are audited through the batched queue; writes audit inside their transaction.
The single-row read is the hottest path, so it is one hand-written statement on a pooled
asyncpg connection (no transaction, schema named explicitly).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

import asyncpg
import orjson
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.patients.lookup import PatientNotFound
from hms.patients.models import patients as _T
from hms.patients.schemas import PatientCreate, PatientUpdate
from hms.pipeline import Actor, Call
from hms.platform.db import qualified
from hms.platform.errors import Conflict, InvalidInput
from hms.platform.metrics import AUDIT_ROWS
from hms.platform.paging import Paging

COLUMNS = (
    "id, mrn, name, date_of_birth, gender, blood_group, allergies, version, created_at, updated_at"
)
REQUIRED = ("name", "date_of_birth", "gender", "allergies")
_RETURNING = [_T.c[c.strip()] for c in COLUMNS.split(",")]


def cache_key(actor: Actor, patient_id: uuid.UUID) -> str:
    assert actor.hospital is not None
    return f"hospital:{actor.hospital.slug}:patients:{patient_id}"


def to_wire(row: Any) -> dict[str, Any]:
    allergies = row["allergies"]
    return {
        "id": str(row["id"]),
        "mrn": row["mrn"],
        "name": row["name"],
        "dateOfBirth": row["date_of_birth"],
        "gender": row["gender"],
        "bloodGroup": row["blood_group"],
        # asyncpg hands jsonb over as text: embed it as is rather than parse and re-dump.
        "allergies": orjson.Fragment(allergies) if isinstance(allergies, str) else allergies,
        "version": row["version"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def _allergies(items: list[Any]) -> list[dict[str, Any]]:
    return [a.model_dump(by_alias=True, mode="json") for a in items]


async def read_json(call: Call, patient_id: uuid.UUID) -> bytes:
    """The patient as JSON bytes, from L1, L2 or the database."""
    sql = f"SELECT {COLUMNS} FROM {call.table('patients')} WHERE id = $1"
    rt = call.rt

    async def load() -> bytes | None:
        async with rt.db.raw() as conn:
            row = await conn.fetchrow(sql, patient_id)
        return orjson.dumps(to_wire(row)) if row is not None else None

    body: bytes | None = await rt.cache.get(cache_key(call.actor, patient_id), load)
    call.saw([patient_id])
    if body is None:
        raise PatientNotFound(patient_id)
    return body


def _create_sql(schema: str) -> str:
    """Insert the patient and its audit row in one statement: atomic by itself, one round trip
    (bench: 2.2 ms → 0.6 ms of server CPU per create against BEGIN/INSERT/INSERT/COMMIT)."""
    patients, audit_log = qualified(schema, "patients"), qualified(schema, "audit_log")
    sequence = qualified(schema, "mrn_seq")
    return f"""
        WITH p AS (
            INSERT INTO {patients} (id, mrn, name, date_of_birth, gender, blood_group,
                                    allergies, version, created_by, updated_by)
            VALUES ($1,
                    COALESCE($2, (SELECT 'H' || lpad(n::text, greatest(8, length(n::text)), '0')
                                  FROM nextval('{sequence}') AS n)),
                    $3, $4, $5, $6, $7::jsonb, 1, $8, $8)
            RETURNING {COLUMNS}
        ), a AS (
            INSERT INTO {audit_log} (actor_id, actor_role, hospital_id, action, patient_id,
                                     outcome, ip)
            SELECT $8, $9, $10, 'patient.create', p.id, 'ok', $11 FROM p
        )
        SELECT * FROM p
    """


async def create(call: Call, *, data: PatientCreate) -> dict[str, Any]:
    """Create a patient in one statement on a pooled asyncpg connection, audited in the same
    statement; 409 when the MRN is taken."""
    actor, hospital = call.actor, call.hospital
    mrn = data.mrn.upper() if data.mrn else None
    user_id = uuid.UUID(actor.user_id)
    try:
        async with call.rt.db.raw() as conn:
            row = await conn.fetchrow(
                _create_sql(hospital.schema),
                uuid.uuid4(),
                mrn,
                data.name,
                data.date_of_birth,
                data.gender.value,
                data.blood_group.value if data.blood_group else None,
                orjson.dumps(_allergies(data.allergies)).decode(),
                user_id,
                actor.role,
                hospital.id,
                actor.ip,
            )
    except asyncpg.UniqueViolationError as exc:
        raise Conflict(f"MRN {mrn!r} is already used by another patient.") from exc
    AUDIT_ROWS.labels("write").inc()
    return to_wire(row)


async def update_patient(
    session: AsyncSession, actor: Actor, patient_id: uuid.UUID, *, data: PatientUpdate
) -> dict[str, Any]:
    """Change the patient (optimistic: ``data.version`` must be current)."""
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for field in REQUIRED:
        if field in changes and changes[field] is None:
            raise InvalidInput(f"{field} cannot be null; leave it out to keep the current value.")
    if "allergies" in changes and data.allergies is not None:
        changes["allergies"] = _allergies(data.allergies)
    for key in ("gender", "blood_group"):
        if changes.get(key) is not None:
            changes[key] = changes[key].value
    row = (
        await session.execute(
            update(_T)
            .where(_T.c.id == patient_id, _T.c.version == data.version)
            .values(
                **changes,
                version=_T.c.version + 1,
                updated_at=func.now(),
                updated_by=uuid.UUID(actor.user_id),
            )
            .returning(*_RETURNING)
        )
    ).first()
    if row is None:
        current = (
            await session.execute(select(_T.c.version).where(_T.c.id == patient_id))
        ).scalar_one_or_none()
        if current is None:
            raise PatientNotFound(patient_id)
        raise Conflict(
            f"Patient {patient_id} was changed since you read it (your version {data.version}, "
            f"current {current}); reload and apply your change again.",
            extra={"currentVersion": current},
        )
    await audit.record(
        session,
        actor,
        action="patient.update",
        patient_id=patient_id,
        detail={"fields": sorted(changes)},
    )
    return to_wire(row._mapping)


def _like(term: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", term.lower()) + "%"


def _parse_date(q: str) -> date | None:
    try:
        return date.fromisoformat(q)
    except ValueError:
        return None


async def search(
    session: AsyncSession, actor: Actor, *, q: str | None, paging: Paging
) -> tuple[list[dict[str, Any]], int]:
    """Search by name (substring, trigram-indexed), MRN (prefix) or date of birth (YYYY-MM-DD)."""
    query = select(*_RETURNING)
    count = select(func.count()).select_from(_T)
    if q:
        born = _parse_date(q)
        if born is not None:
            cond = _T.c.date_of_birth == born
        else:
            mrn_prefix = re.sub(r"([\\%_])", r"\\\1", q.upper()) + "%"
            cond = or_(func.lower(_T.c.name).like(_like(q)), _T.c.mrn.like(mrn_prefix))
        query = query.where(cond)
        count = count.where(cond)
    query = query.order_by(_T.c.name, _T.c.id).limit(paging.size).offset(paging.offset)
    rows = (await session.execute(query)).all()
    total = (await session.execute(count)).scalar_one()
    items = [to_wire(r._mapping) for r in rows]
    return items, total
