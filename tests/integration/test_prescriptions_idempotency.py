"""Idempotency-Key on prescription creation: a retry returns the first result, and 50
concurrent identical requests make exactly one prescription (enforced by the database);
keys expire after HMS_IDEMPOTENCY_TTL_HOURS and their rows are deleted."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import item, prescribe, rows

from hms.platform.db import Database

KEYS = '"hospital_alpha".prescription_idempotency_keys'


async def test_retry_returns_the_first_prescription(http: httpx.AsyncClient, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await prescribe(http, world, patient["id"], [item("amoxicillin")], headers=key)
    retry = await prescribe(http, world, patient["id"], [item("amoxicillin")], headers=key)
    assert first.status_code == retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    assert retry.headers["Idempotent-Replayed"] == "true"
    different = await prescribe(http, world, patient["id"], [item("doxycycline", 100)], headers=key)
    assert different.status_code == 409 and "different request" in different.json()["detail"]
    listed = await http.get(
        "/api/v1/prescriptions",
        params={"patientId": patient["id"]},
        headers=world.headers("doctor"),
    )
    assert listed.json()["total"] == 1


async def test_a_refused_request_does_not_use_up_the_key(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    await prescribe(http, world, patient["id"], [item("simvastatin", 20, frequency="OD")])
    key = {"Idempotency-Key": str(uuid.uuid4())}
    items = [item("clarithromycin", 250, frequency="BID")]
    assert (await prescribe(http, world, patient["id"], items, headers=key)).status_code == 409
    # Same key, corrected request: a 409 rolled back with its key.
    ok = await prescribe(
        http,
        world,
        patient["id"],
        items,
        headers=key,
        overrides=[{"code": "interaction:simvastatin:clarithromycin", "reason": "Statin held"}],
    )
    assert ok.status_code == 201, ok.text


async def test_fifty_concurrent_identical_requests_create_one(
    http: httpx.AsyncClient, world: World, app
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    key = {"Idempotency-Key": f"burst-{uuid.uuid4()}"}
    answers = await asyncio.gather(
        *(
            prescribe(http, world, patient["id"], [item("amoxicillin")], headers=key)
            for _ in range(50)
        )
    )
    assert {r.status_code for r in answers} == {201}, {
        r.text for r in answers if r.status_code != 201
    }
    assert len({r.json()["id"] for r in answers}) == 1
    assert sum(1 for r in answers if "Idempotent-Replayed" not in r.headers) == 1
    count = await rows(
        app.state.runtime.db,
        'SELECT count(*) FROM "hospital_alpha".prescriptions WHERE patient_id = :p',
        p=uuid.UUID(patient["id"]),
    )
    assert count[0][0] == 1


async def test_keys_belong_to_their_hospital_and_prescriber(
    http: httpx.AsyncClient, world: World
) -> None:
    key = {"Idempotency-Key": f"shared-{uuid.uuid4()}"}
    alpha = await make_patient(http, world.headers("doctor", "alpha"))
    beta = await make_patient(http, world.headers("doctor", "beta"))
    a = await prescribe(http, world, alpha["id"], [item("amoxicillin")], headers=key)
    b = await prescribe(
        http, world, beta["id"], [item("amoxicillin")], hospital="beta", headers=key
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"] and "Idempotent-Replayed" not in b.headers


async def _age_key(db: Database, key: str, age: timedelta) -> None:
    """Backdate a key, as if its first request came ``age`` ago."""
    async with db.engine.begin() as conn:
        await conn.execute(
            text(f"UPDATE {KEYS} SET created_at = now() - CAST(:age AS interval) WHERE key = :k"),
            {"age": age, "k": key},
        )


async def _key_rows(db: Database, key: str) -> list[Any]:
    return await rows(db, f"SELECT prescription_id FROM {KEYS} WHERE key = :k", k=key)


def _ttl(world: World) -> timedelta:
    return timedelta(hours=world.settings.idempotency_ttl_hours)


async def test_an_expired_key_makes_a_new_prescription(
    http: httpx.AsyncClient, world: World, app
) -> None:
    db = app.state.runtime.db
    patient = await make_patient(http, world.headers("doctor"))
    key = {"Idempotency-Key": f"old-{uuid.uuid4()}"}
    # Drafts: a second active amoxicillin would need a duplicate-therapy override.
    first = await prescribe(
        http, world, patient["id"], [item("amoxicillin")], headers=key, status="draft"
    )
    assert first.status_code == 201, first.text
    await _age_key(db, key["Idempotency-Key"], _ttl(world) + timedelta(minutes=1))
    again = await prescribe(
        http, world, patient["id"], [item("amoxicillin")], headers=key, status="draft"
    )
    assert again.status_code == 201, again.text
    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["id"] != first.json()["id"]
    claimed = await _key_rows(db, key["Idempotency-Key"])
    assert [str(r.prescription_id) for r in claimed] == [again.json()["id"]]
    # The key is fresh again: a different request with it is refused as before.
    different = await prescribe(
        http, world, patient["id"], [item("doxycycline", 100)], headers=key, status="draft"
    )
    assert different.status_code == 409 and "different request" in different.json()["detail"]
    count = await rows(
        db,
        'SELECT count(*) FROM "hospital_alpha".prescriptions WHERE patient_id = :p',
        p=uuid.UUID(patient["id"]),
    )
    assert count[0][0] == 2


async def test_a_key_within_its_window_still_replays(
    http: httpx.AsyncClient, world: World, app
) -> None:
    db = app.state.runtime.db
    patient = await make_patient(http, world.headers("doctor"))
    key = f"recent-{uuid.uuid4()}"
    first = await prescribe(
        http, world, patient["id"], [item("amoxicillin")], headers={"Idempotency-Key": key}
    )
    await _age_key(db, key, _ttl(world) - timedelta(minutes=1))
    retry = await prescribe(
        http, world, patient["id"], [item("amoxicillin")], headers={"Idempotency-Key": key}
    )
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    different = await prescribe(
        http, world, patient["id"], [item("doxycycline", 100)], headers={"Idempotency-Key": key}
    )
    assert different.status_code == 409 and "different request" in different.json()["detail"]


async def test_expired_keys_of_anyone_are_deleted_by_the_next_keyed_request(
    http: httpx.AsyncClient, world: World, app
) -> None:
    db = app.state.runtime.db
    patient = await make_patient(http, world.headers("doctor"))
    old = f"forgotten-{uuid.uuid4()}"
    first = await prescribe(
        http, world, patient["id"], [item("amoxicillin")], headers={"Idempotency-Key": old}
    )
    await _age_key(db, old, _ttl(world) + timedelta(days=3))
    other = await make_patient(http, world.headers("nurse"))
    r = await prescribe(
        http,
        world,
        other["id"],
        [item("amoxicillin")],
        headers={"Idempotency-Key": f"new-{uuid.uuid4()}"},
    )
    assert r.status_code == 201, r.text
    assert await _key_rows(db, old) == []
    # Only the key is forgotten: the prescription it made stays.
    kept = await http.get(
        f"/api/v1/prescriptions/{first.json()['id']}", headers=world.headers("doctor")
    )
    assert kept.status_code == 200, kept.text


async def test_fifty_concurrent_requests_reusing_an_expired_key_create_one(
    http: httpx.AsyncClient, world: World, app
) -> None:
    db = app.state.runtime.db
    patient = await make_patient(http, world.headers("doctor"))
    key = {"Idempotency-Key": f"reburst-{uuid.uuid4()}"}
    body = {"headers": key, "status": "draft"}
    first = await prescribe(http, world, patient["id"], [item("amoxicillin")], **body)
    await _age_key(db, key["Idempotency-Key"], _ttl(world) + timedelta(hours=1))
    answers = await asyncio.gather(
        *(prescribe(http, world, patient["id"], [item("amoxicillin")], **body) for _ in range(50))
    )
    assert {r.status_code for r in answers} == {201}, {
        r.text for r in answers if r.status_code != 201
    }
    ids = {r.json()["id"] for r in answers}
    assert len(ids) == 1 and first.json()["id"] not in ids
    assert sum(1 for r in answers if "Idempotent-Replayed" not in r.headers) == 1
    count = await rows(
        db,
        'SELECT count(*) FROM "hospital_alpha".prescriptions WHERE patient_id = :p',
        p=uuid.UUID(patient["id"]),
    )
    assert count[0][0] == 2
