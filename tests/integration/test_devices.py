"""Bedside devices: registration, revocation, and readings through the device door (HTTP
Basic serial:secret), with duplicates, partial batches, bed attribution, other hospitals
and the live event."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import socketio
from sqlalchemy import text
from tests.integration.conftest import World, client, make_patient, running, served
from tests.integration.factories_chart import admitted_patient, bed, make_ward, unique

NORMAL = {
    "heartRate": 72,
    "systolicBp": 120,
    "temperature": 37.2,
    "spo2": 98,
    "respirationRate": 16,
    "onOxygen": False,
    "consciousness": "alert",
}
HIGH = {**NORMAL, "respirationRate": 26, "spo2": 91, "systolicBp": 95, "heartRate": 125}


def at(minutes_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat()


def basic(serial: str, secret: str) -> dict[str, str]:
    token = base64.b64encode(f"{serial}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def register(
    http: httpx.AsyncClient, world: World, hospital: str = "alpha", **fields: Any
) -> httpx.Response:
    body = {"serial": f"MON-{unique()}", "kind": "bedside-monitor", **fields}
    return await http.post(
        "/api/v1/devices", json=body, headers=world.headers("hospital_admin", hospital)
    )


async def device_for(
    http: httpx.AsyncClient, world: World, hospital: str = "alpha", **fields: Any
) -> dict[str, Any]:
    r = await register(http, world, hospital, **fields)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def send(
    http: httpx.AsyncClient, device: dict[str, Any], readings: list[Any]
) -> httpx.Response:
    return await http.post(
        "/api/v1/devices/readings",
        json={"readings": readings},
        headers=basic(device["serial"], device["secret"]),
    )


async def scalar(app: Any, sql: str, **params: Any) -> Any:
    async with app.state.runtime.db.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()


async def count_vitals(app: Any, hospital: str, patient_id: str) -> int:
    sql = f"SELECT count(*) FROM hospital_{hospital}.vitals WHERE patient_id = :p"
    return int(await scalar(app, sql, p=patient_id))


def assert_refused(r: httpx.Response) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["www-authenticate"].lower().startswith("basic")


async def test_register_shows_the_secret_once_and_stores_its_hash(http, app, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    secret = device["secret"]
    assert len(base64.urlsafe_b64decode(secret + "=")) == 32  # 256 random bits
    assert device["patientId"] == patient["id"] and device["lastSeenAt"] is None
    stored = await scalar(
        app, "SELECT secret_hash FROM hospital_alpha.devices WHERE id = :id", id=device["id"]
    )
    assert bytes(stored) == hashlib.sha256(secret.encode()).digest()
    public = await scalar(
        app,
        "SELECT secret_hash FROM public.device_credentials WHERE device_id = :id",
        id=device["id"],
    )
    assert bytes(public) == bytes(stored)
    listed = await http.get("/api/v1/devices", headers=world.headers("hospital_admin"))
    assert listed.status_code == 200
    mine = next(d for d in listed.json() if d["id"] == device["id"])
    assert "secret" not in mine and secret not in listed.text
    audited = await scalar(
        app,
        "SELECT count(*) FROM hospital_alpha.audit_log WHERE action = 'device.register' "
        "AND detail->>'deviceId' = :id AND patient_id = :p",
        id=device["id"],
        p=patient["id"],
    )
    assert audited == 1


async def test_a_serial_is_registered_once_per_hospital(http, world: World) -> None:
    serial = f"MON-{unique()}"
    assert (await register(http, world, serial=serial)).status_code == 201
    again = await register(http, world, serial=serial)
    assert again.status_code == 409 and serial in again.json()["detail"]
    assert (await register(http, world, "beta", serial=serial)).status_code == 201


async def test_only_hospital_admins_manage_devices(http, world: World) -> None:
    for role in ("doctor", "nurse", "receptionist"):
        r = await http.post(
            "/api/v1/devices",
            json={"serial": f"MON-{unique()}", "kind": "monitor"},
            headers=world.headers(role),
        )
        assert r.status_code == 403 and "devices:manage" in r.json()["detail"]


async def test_list_shows_last_seen_and_revoke_stops_the_next_batch(
    http, app, world: World
) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    ok = await send(http, device, [{**NORMAL, "recordedAt": at(1)}])
    assert ok.status_code == 200, ok.text
    assert ok.json() == {"accepted": 1, "duplicates": 0, "rejected": []}
    admin = world.headers("hospital_admin")
    listed = (await http.get("/api/v1/devices", headers=admin)).json()
    seen = next(d for d in listed if d["id"] == device["id"])["lastSeenAt"]
    assert seen is not None
    revoked = await http.post(f"/api/v1/devices/{device['id']}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revokedAt"] is not None
    assert_refused(await send(http, device, [{**NORMAL, "recordedAt": at(0.5)}]))
    assert await count_vitals(app, "alpha", patient["id"]) == 1
    audited = await scalar(
        app,
        "SELECT count(*) FROM hospital_alpha.audit_log WHERE action = 'device.revoke' "
        "AND detail->>'deviceId' = :id",
        id=device["id"],
    )
    assert audited == 1
    other = await http.post(
        f"/api/v1/devices/{device['id']}/revoke", headers=world.headers("hospital_admin", "beta")
    )
    assert other.status_code == 404


async def test_unknown_device_wrong_secret_or_no_credential_is_refused(http, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    body = {"readings": [{**NORMAL, "recordedAt": at(1)}]}
    url = "/api/v1/devices/readings"
    for headers in (
        basic("NO-SUCH-DEVICE", device["secret"]),
        basic(device["serial"], device["secret"][:-2] + "xx"),
        basic(device["serial"], ""),
        {"Authorization": "Basic not-base64!"},
        {},
        world.headers("nurse"),  # a user's token is not a device credential
    ):
        assert_refused(await http.post(url, json=body, headers=headers))


async def test_duplicates_and_late_readings_are_stored_once(http, app, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    t0, t1, t2, t3 = at(40), at(30), at(20), at(10)
    first = await send(
        http,
        device,
        [{**NORMAL, "recordedAt": t2}, {**NORMAL, "recordedAt": t1}, {**NORMAL, "recordedAt": t2}],
    )
    assert first.json() == {"accepted": 2, "duplicates": 1, "rejected": []}
    # A retry of the whole batch and readings older than the newest stored (out of order).
    again = await send(
        http,
        device,
        [{**NORMAL, "recordedAt": t1}, {**NORMAL, "recordedAt": t3}, {**NORMAL, "recordedAt": t0}],
    )
    assert again.json() == {"accepted": 2, "duplicates": 1, "rejected": []}
    assert await count_vitals(app, "alpha", patient["id"]) == 4
    series = await http.get(
        f"/api/v1/patients/{patient['id']}/vitals", headers=world.headers("nurse")
    )
    assert len(series.json()["items"]) == 4


async def test_bad_readings_are_rejected_one_by_one(http, app, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    readings = [
        {**NORMAL, "recordedAt": at(5)},
        {**NORMAL, "heartRate": 900, "recordedAt": at(4)},
        {**NORMAL},
        {**NORMAL, "recordedAt": (datetime.now(UTC) + timedelta(minutes=30)).isoformat()},
        "not a reading",
        {**NORMAL, "recordedAt": at(3), "patientId": patient["id"]},
        {"recordedAt": at(2)},
        {**NORMAL, "recordedAt": "2026-01-01T10:00:00"},
        {**NORMAL, "spo2": "98", "recordedAt": at(1)},
        {**NORMAL, "recordedAt": at(0.5)},
    ]
    r = await send(http, device, readings)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accepted"] == 2 and body["duplicates"] == 0
    fields = {x["index"]: [e["field"] for e in x["errors"]] for x in body["rejected"]}
    assert set(fields) == {1, 2, 3, 4, 5, 6, 7, 8}
    assert fields[1] == ["heartRate"] and fields[2] == ["recordedAt"]
    assert fields[3] == ["recordedAt"] and fields[5] == ["patientId"]
    assert fields[7] == ["recordedAt"] and fields[8] == ["spo2"]
    assert all(e["message"] for x in body["rejected"] for e in x["errors"])
    assert await count_vitals(app, "alpha", patient["id"]) == 2


async def test_batch_size_is_1_to_500(http, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    assert (await send(http, device, [])).status_code == 422
    start = datetime.now(UTC) - timedelta(hours=2)
    many = [
        {**NORMAL, "recordedAt": (start + timedelta(seconds=i)).isoformat()} for i in range(501)
    ]
    assert (await send(http, device, many)).status_code == 422
    r = await send(http, device, many[:500])
    assert r.json() == {"accepted": 500, "duplicates": 0, "rejected": []}


async def test_a_bed_device_writes_to_whoever_was_in_the_bed_then(http, app, world: World) -> None:
    ward = await make_ward(http, world, beds=("1", "2"))
    device = await device_for(http, world, bed=bed(ward, "1"))
    assert device["ward"] == ward["id"]
    first, encounter = await admitted_patient(http, world, ward, "1")
    moved = await http.post(
        f"/api/v1/encounters/{encounter['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "2")},
        headers=world.headers("nurse"),
    )
    assert moved.status_code == 200, moved.text
    first_stay = moved.json()["stays"][0]
    second, later = await admitted_patient(http, world, ward, "1")
    second_start = later["bed"]["startedAt"]
    before = (datetime.fromisoformat(first_stay["startedAt"]) - timedelta(hours=1)).isoformat()
    r = await send(
        http,
        device,
        [
            {**NORMAL, "recordedAt": first_stay["startedAt"]},
            {**NORMAL, "recordedAt": second_start},
            {**NORMAL, "recordedAt": before},
        ],
    )
    body = r.json()
    assert body["accepted"] == 2 and [x["index"] for x in body["rejected"]] == [2]
    assert "no patient" in body["rejected"][0]["errors"][0]["message"]
    assert await count_vitals(app, "alpha", first["id"]) == 1
    assert await count_vitals(app, "alpha", second["id"]) == 1
    # One audit row per patient for the batch, by the device.
    rows = await scalar(
        app,
        "SELECT count(*) FROM hospital_alpha.audit_log WHERE action = 'vitals.ingest' "
        "AND actor_role = 'device' AND actor_id = :d",
        d=device["id"],
    )
    assert rows == 2


async def test_a_device_never_writes_into_another_hospital(http, app, world: World) -> None:
    beta_nurse = world.headers("nurse", "beta")
    beta_patient = await make_patient(http, beta_nurse)
    beta_ward = await make_ward(http, world, "beta", beds=("1",))
    await admitted_patient(http, world, beta_ward, "1", "beta")
    # Binding alpha's device to beta's patient, ward or bed: not found in alpha.
    for fields in (
        {"patientId": beta_patient["id"]},
        {"ward": beta_ward["id"]},
        {"bed": bed(beta_ward, "1")},
    ):
        assert (await register(http, world, **fields)).status_code == 404
    alpha_patient = await make_patient(http, world.headers("nurse"))
    serial = f"MON-{unique()}"
    alpha = await device_for(http, world, serial=serial, patientId=alpha_patient["id"])
    beta = await device_for(http, world, "beta", serial=serial, patientId=beta_patient["id"])
    beta_other = await device_for(http, world, "beta", patientId=beta_patient["id"])
    reading = {**NORMAL, "recordedAt": at(1)}
    # The same serial in both hospitals: the secret decides whose device it is.
    assert (await send(http, alpha, [reading])).json()["accepted"] == 1
    assert await count_vitals(app, "alpha", alpha_patient["id"]) == 1
    assert await count_vitals(app, "beta", beta_patient["id"]) == 0
    # Beta's serials with alpha's secret; beta's secret under alpha's only-in-alpha serial.
    assert_refused(await send(http, {**beta_other, "secret": alpha["secret"]}, [reading]))
    alpha_only = await device_for(http, world, patientId=alpha_patient["id"])
    assert_refused(await send(http, {**alpha_only, "secret": beta["secret"]}, [reading]))
    # A reading naming beta's patient is refused (unknown field), never attributed.
    named = await send(http, alpha, [{**reading, "patientId": beta_patient["id"]}])
    assert named.json()["accepted"] == 0 and named.json()["rejected"][0]["index"] == 0
    # Beta's staff token is no device credential.
    bearer = await http.post(
        "/api/v1/devices/readings", json={"readings": [reading]}, headers=beta_nurse
    )
    assert_refused(bearer)
    assert await count_vitals(app, "beta", beta_patient["id"]) == 0
    # Beta's own device writes to beta only.
    assert (await send(http, beta, [reading])).json()["accepted"] == 1
    assert await count_vitals(app, "beta", beta_patient["id"]) == 1
    assert await count_vitals(app, "alpha", alpha_patient["id"]) == 1


async def test_a_high_batch_raises_one_alert(http, app, world: World) -> None:
    patient = await make_patient(http, world.headers("nurse"))
    device = await device_for(http, world, patientId=patient["id"])
    r = await send(http, device, [{**HIGH, "recordedAt": at(m)} for m in (3, 2, 1)])
    assert r.json()["accepted"] == 3
    alerts = await scalar(
        app,
        "SELECT count(*) FROM hospital_alpha.alerts WHERE patient_id = :p AND kind = 'news2'",
        p=patient["id"],
    )
    assert alerts == 1
    band = await scalar(
        app,
        "SELECT string_agg(DISTINCT news2_band, ',') FROM hospital_alpha.vitals "
        "WHERE patient_id = :p",
        p=patient["id"],
    )
    assert band == "high"


async def test_an_ingested_reading_reaches_a_watching_client(world: World) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        patient = await make_patient(http, world.headers("nurse"))
        device = await device_for(http, world, patientId=patient["id"])
        inbox: asyncio.Queue = asyncio.Queue()
        sio = socketio.AsyncClient(reconnection=False)
        sio.on("vitals:updated", lambda data: inbox.put_nowait(data))
        await sio.connect(
            url, auth={"token": world.token("nurse")}, transports=["websocket"], wait_timeout=5
        )
        try:
            ack = await sio.call("subscribe", {"patientId": patient["id"]}, timeout=5)
            assert ack["ok"] is True
            recorded = at(1)
            r = await send(http, device, [{**HIGH, "recordedAt": recorded}])
            assert r.json()["accepted"] == 1
            event = await asyncio.wait_for(inbox.get(), timeout=5)
            assert event["patientId"] == patient["id"] and event["heartRate"] == 125
            assert event["news2"]["band"] == "high"
            assert datetime.fromisoformat(event["recordedAt"]) == datetime.fromisoformat(recorded)
        finally:
            await sio.disconnect()


async def test_a_revocation_on_one_instance_refuses_the_next_batch_on_another(
    world: World,
) -> None:
    async with running(world.settings) as a, running(world.settings) as b:
        async with client(a) as http_a, client(b) as http_b:
            patient = await make_patient(http_a, world.headers("nurse"))
            device = await device_for(http_a, world, patientId=patient["id"])
            assert (
                await send(http_b, device, [{**NORMAL, "recordedAt": at(2)}])
            ).status_code == 200
            revoked = await http_a.post(
                f"/api/v1/devices/{device['id']}/revoke", headers=world.headers("hospital_admin")
            )
            assert revoked.status_code == 200
            assert_refused(await send(http_b, device, [{**NORMAL, "recordedAt": at(1)}]))
