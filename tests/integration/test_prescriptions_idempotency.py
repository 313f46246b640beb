"""Idempotency-Key on prescription creation: a retry returns the first result, and 50
concurrent identical requests make exactly one prescription (enforced by the database)."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import item, prescribe, rows


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
