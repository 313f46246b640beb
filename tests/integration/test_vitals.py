"""Vitals: recording with plausibility and NEWS2, range and latest queries, ward view, the
NEWS2 SpO2 scale, live updates, permissions and hospital isolation."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import socketio
from sqlalchemy import text
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_chart import admitted_patient, make_ward, record_vitals

NORMAL = {
    "heartRate": 72,
    "systolicBp": 120,
    "diastolicBp": 80,
    "temperature": 37.2,
    "spo2": 98,
    "respirationRate": 16,
    "onOxygen": False,
    "consciousness": "alert",
}


def _ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


async def test_a_complete_set_is_stored_with_its_news2(http, app, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    r = await record_vitals(http, nurse, patient["id"], **NORMAL, weightKg=71.5, heightCm=172)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["news2"] == {
        "total": 0,
        "band": "low",
        "subscores": {
            "respirationRate": 0,
            "spo2": 0,
            "onOxygen": 0,
            "systolicBp": 0,
            "heartRate": 0,
            "consciousness": 0,
            "temperature": 0,
        },
        "missing": [],
        "scale": 1,
    }
    assert body["alertId"] is None and body["patientId"] == patient["id"]
    latest = await http.get(f"/api/v1/patients/{patient['id']}/vitals/latest", headers=nurse)
    stored = latest.json()["vitals"]
    assert {k: stored[k] for k in NORMAL} == NORMAL
    assert stored["weightKg"] == 71.5 and stored["heightCm"] == 172
    assert stored["news2"] == body["news2"] and stored["id"] == body["id"]
    async with app.state.runtime.db.engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT news2_total, news2_band, news2_scale, consciousness "
                    "FROM hospital_alpha.vitals WHERE id = :id"
                ),
                {"id": body["id"]},
            )
        ).one()
        audited = (
            await conn.execute(
                text(
                    "SELECT count(*) FROM hospital_alpha.audit_log "
                    "WHERE action = 'vitals.record' AND patient_id = :p"
                ),
                {"p": patient["id"]},
            )
        ).scalar()
    assert tuple(row) == (0, "low", 1, "A") and audited == 1


async def test_a_partial_set_names_what_is_missing(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    r = await record_vitals(http, nurse, patient["id"], heartRate=135, spo2=97)
    news2 = r.json()["news2"]
    assert news2["total"] == 3 and news2["band"] == "low-medium"
    assert news2["missing"] == [
        "respirationRate",
        "onOxygen",
        "systolicBp",
        "consciousness",
        "temperature",
    ]
    weight = await record_vitals(http, nurse, patient["id"], weightKg=80)
    assert weight.status_code == 201 and weight.json()["news2"] is None


async def test_implausible_values_are_refused_naming_each_field(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    first = await record_vitals(http, nurse, patient["id"], heartRate=80)
    assert first.status_code == 201
    r = await record_vitals(
        http, nurse, patient["id"], heartRate=720, temperature=98.6, spo2=97, weightKg=3500
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "field": "heartRate",
            "message": "heartRate 720 /min is outside the accepted range 0–350 /min",
        },
        {
            "field": "temperature",
            "message": "temperature 98.6 °C is outside the accepted range 10–47 °C",
        },
        {
            "field": "weightKg",
            "message": "weightKg 3500 kg is outside the accepted range 0.2–500 kg",
        },
    ]
    swapped = await record_vitals(http, nurse, patient["id"], systolicBp=80, diastolicBp=120)
    assert swapped.status_code == 422
    assert swapped.json()["errors"][0]["field"] == "diastolicBp"
    assert "must be lower than systolicBp 80" in swapped.json()["detail"]

    async def refused(body: dict) -> httpx.Response:
        res = await http.post(f"/api/v1/patients/{patient['id']}/vitals", json=body, headers=nurse)
        assert res.status_code == 422, res.text
        return res

    assert "at least one measurement" in (await refused({})).json()["detail"]
    assert "at least one measurement" in (await refused({"recordedAt": _ago(minutes=1)})).text
    future = await refused({"heartRate": 70, "recordedAt": _ago(minutes=-10)})
    assert future.json()["errors"][0]["field"] == "recordedAt"
    assert "5 minutes" in future.json()["detail"]
    naive = await refused({"heartRate": 70, "recordedAt": "2026-01-01T10:00:00"})
    assert "recordedAt" in naive.json()["detail"]
    acvpu = await refused({"consciousness": "asleep"})
    assert "consciousness" in acvpu.json()["detail"] and "'unresponsive'" in acvpu.text
    assert "heartRate" in (await refused({"heartRate": "72"})).json()["detail"]
    assert "heartRate" in (await refused({"heartRate": True})).json()["detail"]
    assert "pulse" in (await refused({"pulse": 70})).json()["detail"]
    # Slightly ahead of the server clock (device clocks drift) is accepted.
    ahead = await record_vitals(
        http, nurse, patient["id"], heartRate=75, recordedAt=_ago(minutes=-3)
    )
    assert ahead.status_code == 201
    # Nothing from the refused requests was stored.
    series = await http.get(f"/api/v1/patients/{patient['id']}/vitals", headers=nurse)
    assert [v["heartRate"] for v in series.json()["items"]] == [80, 75]


async def test_range_for_a_chart(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    for days, rate in [(10, 60), (3, 70), (1, 80), (0, 90)]:
        r = await record_vitals(
            http, nurse, patient["id"], heartRate=rate, recordedAt=_ago(days=days, minutes=1)
        )
        assert r.status_code == 201
    url = f"/api/v1/patients/{patient['id']}/vitals"
    week = (await http.get(url, headers=nurse)).json()
    assert [v["heartRate"] for v in week["items"]] == [70, 80, 90]
    assert week["truncated"] is False
    older = (
        await http.get(url, params={"from": _ago(days=12), "to": _ago(days=2)}, headers=nurse)
    ).json()
    assert [v["heartRate"] for v in older["items"]] == [60, 70]
    capped = (await http.get(url, params={"limit": 2}, headers=nurse)).json()
    assert [v["heartRate"] for v in capped["items"]] == [80, 90] and capped["truncated"]
    too_long = await http.get(url, params={"from": _ago(days=40)}, headers=nurse)
    assert too_long.status_code == 422 and "31 days" in too_long.json()["detail"]
    backwards = await http.get(
        url, params={"from": _ago(days=1), "to": _ago(days=2)}, headers=nurse
    )
    assert backwards.status_code == 422
    naive = await http.get(url, params={"from": "2026-01-01T00:00:00"}, headers=nurse)
    assert naive.status_code == 422 and "from" in naive.json()["detail"]


async def test_latest_is_by_time_of_measurement(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    url = f"/api/v1/patients/{patient['id']}/vitals/latest"
    empty = (await http.get(url, headers=nurse)).json()
    assert empty == {"patientId": patient["id"], "vitals": None}
    await record_vitals(http, nurse, patient["id"], heartRate=88, recordedAt=_ago(minutes=10))
    await record_vitals(http, nurse, patient["id"], heartRate=99, recordedAt=_ago(hours=2))
    assert (await http.get(url, headers=nurse)).json()["vitals"]["heartRate"] == 88


async def test_ward_latest_lists_the_patients_in_its_beds(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1", "2", "3"))
    nurse = world.headers("nurse", "alpha")
    one, _ = await admitted_patient(http, world, ward, "1", name="Bed One")
    two, enc_two = await admitted_patient(http, world, ward, "2", name="Bed Two")
    elsewhere = await make_patient(http, nurse, name="Not Admitted")
    await record_vitals(http, nurse, one["id"], **NORMAL, recordedAt=_ago(hours=3))
    await record_vitals(http, nurse, one["id"], **{**NORMAL, "respirationRate": 26})
    await record_vitals(http, nurse, elsewhere["id"], heartRate=60)
    r = await http.get(f"/api/v1/wards/{ward['id']}/vitals/latest", headers=nurse)
    assert r.status_code == 200
    body = r.json()
    assert body["ward"]["code"] == ward["code"]
    assert [(i["bed"]["label"], i["patient"]["name"]) for i in body["items"]] == [
        ("1", "Bed One"),
        ("2", "Bed Two"),
    ]
    first, second = body["items"]
    assert first["vitals"]["respirationRate"] == 26 and first["vitals"]["news2"]["total"] == 3
    assert second["vitals"] is None and second["encounterId"] == enc_two["id"]
    await http.post(
        f"/api/v1/encounters/{enc_two['id']}/discharge",
        json={"disposition": "home", "diagnoses": ["J18.9"]},
        headers=nurse,
    )
    after = (await http.get(f"/api/v1/wards/{ward['id']}/vitals/latest", headers=nurse)).json()
    assert [i["patient"]["id"] for i in after["items"]] == [one["id"]]


async def test_news2_scale_2_is_set_by_a_doctor_with_a_reason(http, app, world: World) -> None:
    doctor = world.headers("doctor", "alpha")
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    url = f"/api/v1/patients/{patient['id']}/news2-scale"
    assert (await http.get(url, headers=nurse)).json() == {
        "patientId": patient["id"],
        "scale": 1,
        "history": [],
    }
    on_scale_1 = await record_vitals(http, nurse, patient["id"], spo2=89, onOxygen=False)
    assert on_scale_1.json()["news2"]["subscores"]["spo2"] == 3
    reason = "COPD with confirmed hypercapnic respiratory failure (ABG 2026-11-20)"
    by_nurse = await http.put(url, json={"scale": 2, "reason": reason}, headers=nurse)
    assert by_nurse.status_code == 403 and "news2_scale:set" in by_nurse.json()["detail"]
    no_reason = await http.put(url, json={"scale": 2}, headers=doctor)
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    bad = await http.put(url, json={"scale": 3, "reason": reason}, headers=doctor)
    assert bad.status_code == 422 and "scale" in bad.json()["detail"]
    r = await http.put(url, json={"scale": 2, "reason": reason}, headers=doctor)
    assert r.status_code == 200, r.text
    assert r.json()["scale"] == 2
    change = r.json()["history"][0]
    assert change["reason"] == reason and change["previousScale"] == 1
    assert change["setBy"]["name"] == "doctor of alpha"
    on_scale_2 = await record_vitals(http, nurse, patient["id"], spo2=89, onOxygen=False)
    news2 = on_scale_2.json()["news2"]
    assert news2["scale"] == 2 and news2["subscores"]["spo2"] == 0
    async with app.state.runtime.db.engine.connect() as conn:
        detail = (
            await conn.execute(
                text(
                    "SELECT detail FROM hospital_alpha.audit_log "
                    "WHERE action = 'patient.news2_scale' AND patient_id = :p AND outcome = 'ok'"
                ),
                {"p": patient["id"]},
            )
        ).scalar()
        stored = (
            await conn.execute(
                text("SELECT news2_scale FROM hospital_alpha.vitals WHERE id = :id"),
                {"id": on_scale_2.json()["id"]},
            )
        ).scalar()
    assert detail == {"from": 1, "to": 2, "reason": reason} and stored == 2


async def _listen(
    url: str, token: str, patient_id: str
) -> tuple[socketio.AsyncClient, asyncio.Queue, dict]:
    """A client watching one patient (``subscribe``); the subscription's ack with it."""
    inbox: asyncio.Queue = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)
    sio.on("vitals:updated", lambda data: inbox.put_nowait(data))
    await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)
    ack = await sio.call("subscribe", {"patientId": patient_id}, timeout=5)
    return sio, inbox, ack


async def test_vitals_updated_reaches_only_the_same_hospital(world: World) -> None:
    async with served(world.settings) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            nurse = world.headers("nurse", "alpha")
            patient = await make_patient(http, nurse)
            alpha, alpha_inbox, ok = await _listen(
                url, world.token("doctor", "alpha"), patient["id"]
            )
            beta, beta_inbox, refused = await _listen(
                url, world.token("nurse", "beta"), patient["id"]
            )
            try:
                assert ok["ok"] is True
                assert refused["ok"] is False and refused["error"]["status"] == 404
                r = await record_vitals(http, nurse, patient["id"], **NORMAL)
                assert r.status_code == 201
                event = await asyncio.wait_for(alpha_inbox.get(), timeout=2.0)
                assert event["patientId"] == patient["id"] and event["id"] == r.json()["id"]
                assert event["heartRate"] == 72 and event["news2"]["band"] == "low"
                await asyncio.sleep(0.3)
                assert beta_inbox.empty()
            finally:
                await alpha.disconnect()
                await beta.disconnect()


@pytest.mark.parametrize("role", ["hospital_admin", "pharmacist", "lab_staff", "receptionist"])
async def test_roles_without_vitals_record_are_refused(http, world: World, role: str) -> None:
    patient = await make_patient(http, world.headers("nurse", "alpha"))
    headers = world.headers(role, "alpha")
    r = await record_vitals(http, headers, patient["id"], heartRate=70)
    assert r.status_code == 403 and "vitals:record" in r.json()["detail"]
    scale = await http.put(
        f"/api/v1/patients/{patient['id']}/news2-scale",
        json={"scale": 2, "reason": "hypercapnia"},
        headers=headers,
    )
    assert scale.status_code == 403
    # Reading is part of the chart: patients:view.
    url = f"/api/v1/patients/{patient['id']}/vitals"
    assert (await http.get(url, headers=headers)).status_code == 200
    assert (await http.get(url + "/latest", headers=headers)).status_code == 200


async def test_other_hospital_reaches_nothing(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1",))
    patient, _ = await admitted_patient(http, world, ward, "1")
    nurse = world.headers("nurse", "alpha")
    await record_vitals(http, nurse, patient["id"], **NORMAL)
    beta = world.headers("nurse", "beta")
    base = f"/api/v1/patients/{patient['id']}"
    assert (await record_vitals(http, beta, patient["id"], heartRate=70)).status_code == 404
    assert (await http.get(base + "/vitals", headers=beta)).status_code == 404
    assert (await http.get(base + "/vitals/latest", headers=beta)).status_code == 404
    assert (await http.get(base + "/news2-scale", headers=beta)).status_code == 404
    scale = await http.put(
        base + "/news2-scale",
        json={"scale": 2, "reason": "hypercapnia"},
        headers=world.headers("doctor", "beta"),
    )
    assert scale.status_code == 404
    ward_view = await http.get(f"/api/v1/wards/{ward['id']}/vitals/latest", headers=beta)
    assert ward_view.status_code == 404
    unknown = await http.get(f"/api/v1/wards/{uuid.uuid4()}/vitals/latest", headers=nurse)
    assert unknown.status_code == 404
