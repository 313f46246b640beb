"""Audit rows for reads, writes and denials; the log cannot be changed."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tests.integration.conftest import World, make_patient

from hms.platform.db import Database


async def _rows(db: Database, schema: str, patient_id: str) -> list[tuple[str, str, str]]:
    async with db.engine.connect() as conn:
        result = await conn.execute(
            text(
                f'SELECT action, outcome, actor_role FROM "{schema}".audit_log '
                "WHERE patient_id = :p ORDER BY id"
            ),
            {"p": uuid.UUID(patient_id)},
        )
        return [tuple(r) for r in result]


async def _eventually(db: Database, schema: str, patient_id: str, want: int) -> list:
    for _ in range(100):
        rows = await _rows(db, schema, patient_id)
        if len(rows) >= want:
            return rows
        await asyncio.sleep(0.05)
    return await _rows(db, schema, patient_id)


async def test_reads_writes_and_denials_are_audited(http, world: World, db: Database) -> None:
    p = await make_patient(http, world.headers("doctor"), name="Audit Subject")
    # The create's row committed with the create.
    assert await _rows(db, "hospital_alpha", p["id"]) == [("patient.create", "ok", "doctor")]
    await http.get(f"/api/v1/patients/{p['id']}", headers=world.headers("nurse"))
    denied = await http.patch(
        f"/api/v1/patients/{p['id']}",
        json={"version": 1, "name": "Nope"},
        headers=world.headers("pharmacist"),
    )
    assert denied.status_code == 403
    rows = await _eventually(db, "hospital_alpha", p["id"], 3)
    assert ("patient.read", "ok", "nurse") in rows
    assert ("patient.update", "denied", "pharmacist") in rows
    # Nothing about alpha's patient lands in beta's log.
    assert await _rows(db, "hospital_beta", p["id"]) == []


async def test_audit_row_carries_who_where_and_when(http, world: World, db: Database) -> None:
    p = await make_patient(http, world.headers("receptionist"), name="Audit Details")
    async with db.engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT actor_id, hospital_id, ip, at FROM hospital_alpha.audit_log "
                    "WHERE patient_id = :p"
                ),
                {"p": uuid.UUID(p["id"])},
            )
        ).one()
    assert row.actor_id is not None and row.hospital_id is not None
    assert row.ip == "10.0.0.2" and row.at is not None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE hospital_alpha.audit_log SET outcome = 'ok'",
        "DELETE FROM hospital_alpha.audit_log",
        "TRUNCATE hospital_alpha.audit_log",
    ],
)
async def test_audit_log_is_append_only(http, world: World, db: Database, statement: str) -> None:
    await make_patient(http, world.headers("doctor"), name="Append Only")
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.transaction() as s:
            await s.execute(text(statement))
