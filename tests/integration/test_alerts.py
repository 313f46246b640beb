"""NEWS2 and critical-result alerts: raised per band, listed at the nurse station, acknowledged
once, pushed live to the same hospital only."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
import socketio
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_chart import (
    actor_for,
    admitted_patient,
    make_ward,
    record_vitals,
)

from hms.alerts.service import raise_alert

BASE = {"onOxygen": False, "consciousness": "alert", "temperature": 37.0}
# NEWS2, RCP 2017 chart 1: one complete set per band.
LOW = {**BASE, "respirationRate": 16, "spo2": 97, "systolicBp": 120, "heartRate": 70}
LOW_MEDIUM = {**LOW, "respirationRate": 8}  # a single 3, total 3
MEDIUM = {**BASE, "respirationRate": 22, "spo2": 94, "systolicBp": 105, "heartRate": 95}  # 5
HIGH = {**BASE, "respirationRate": 26, "spo2": 91, "systolicBp": 95, "heartRate": 95}  # 9


async def _open_alerts(http, headers, patient_id: str) -> list[dict]:
    r = await http.get(
        "/api/v1/alerts", params={"status": "open", "patientId": patient_id}, headers=headers
    )
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_each_alerting_band_raises_an_alert(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    ward = await make_ward(http, world, beds=("7",))
    patient, _ = await admitted_patient(http, world, ward, "7", name="Deteriorating")
    pid = patient["id"]
    low = await record_vitals(http, nurse, pid, **LOW)
    assert low.json()["news2"]["band"] == "low" and low.json()["alertId"] is None
    assert await _open_alerts(http, nurse, pid) == []
    raised = {}
    for band, values in [("low-medium", LOW_MEDIUM), ("medium", MEDIUM), ("high", HIGH)]:
        r = await record_vitals(http, nurse, pid, **values)
        assert r.status_code == 201, r.text
        assert r.json()["news2"]["band"] == band
        assert r.json()["alertId"] is not None
        raised[band] = r.json()
    alerts = await _open_alerts(http, nurse, pid)
    assert [a["severity"] for a in alerts] == ["high", "medium", "low-medium"]
    high = alerts[0]
    assert high["id"] == raised["high"]["alertId"] and high["kind"] == "news2"
    assert high["sourceId"] == raised["high"]["id"] and high["status"] == "open"
    assert high["summary"].startswith("NEWS2 9 (high); scored 3: respiration rate, SpO2")
    assert high["patient"]["name"] == "Deteriorating"
    assert high["location"]["bedLabel"] == "7" and high["location"]["wardCode"] == ward["code"]
    low_medium = alerts[2]
    assert low_medium["summary"] == "NEWS2 3 (low-medium); scored 3: respiration rate"
    # A further set in a band already alerted (and still open) adds no new alert.
    again = await record_vitals(http, nurse, pid, **MEDIUM)
    assert again.json()["alertId"] is None
    assert len(await _open_alerts(http, nurse, pid)) == 3


async def test_acknowledge_once_then_conflict_naming_who_and_when(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    doctor = world.headers("doctor", "alpha")
    patient = await make_patient(http, nurse)
    alert_id = (await record_vitals(http, nurse, patient["id"], **HIGH)).json()["alertId"]
    url = f"/api/v1/alerts/{alert_id}/acknowledge"
    r = await http.post(url, json={"note": "Doctor called, sepsis screen started"}, headers=nurse)
    assert r.status_code == 200, r.text
    acked = r.json()
    assert acked["status"] == "acknowledged" and acked["acknowledgedBy"]["name"] == "nurse of alpha"
    assert acked["ackNote"] == "Doctor called, sepsis screen started"
    second = await http.post(url, json={}, headers=doctor)
    assert second.status_code == 409
    detail = second.json()["detail"]
    assert "already acknowledged by nurse of alpha at " + acked["acknowledgedAt"][:16] in detail
    assert second.json()["acknowledgedBy"]["name"] == "nurse of alpha"
    assert await _open_alerts(http, nurse, patient["id"]) == []
    done = await http.get(
        "/api/v1/alerts",
        params={"status": "acknowledged", "patientId": patient["id"]},
        headers=nurse,
    )
    assert [a["id"] for a in done.json()["items"]] == [alert_id]
    # Without a body at all is fine too, and once acknowledged a new high set alerts again.
    new_id = (await record_vitals(http, nurse, patient["id"], **HIGH)).json()["alertId"]
    assert new_id not in (None, alert_id)
    bare = await http.post(f"/api/v1/alerts/{new_id}/acknowledge", headers=doctor)
    assert bare.status_code == 200 and bare.json()["ackNote"] is None
    missing = await http.post(f"/api/v1/alerts/{uuid.uuid4()}/acknowledge", headers=doctor)
    assert missing.status_code == 404


async def test_concurrent_acknowledgements_one_wins(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    alert_id = (await record_vitals(http, nurse, patient["id"], **HIGH)).json()["alertId"]
    url = f"/api/v1/alerts/{alert_id}/acknowledge"
    results = await asyncio.gather(
        *(
            http.post(url, json={"note": str(i)}, headers=world.headers(role, "alpha"))
            for i, role in enumerate(["nurse", "doctor", "nurse", "doctor"])
        )
    )
    assert sorted(r.status_code for r in results) == [200, 409, 409, 409]


async def test_critical_lab_alert_through_the_service(http, app, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    actor = await actor_for(app, world, "lab_staff")
    rt = app.state.runtime
    result_id = uuid.uuid4()
    async with rt.db.transaction(actor.schema) as session:
        alert = await raise_alert(
            session,
            actor,
            patient_id=uuid.UUID(patient["id"]),
            kind="lab-critical",
            severity="critical",
            summary="Potassium 6.8 mmol/L (critical > 6.2)",
            source_id=result_id,
        )
    listed = await _open_alerts(http, nurse, patient["id"])
    assert [(a["id"], a["kind"], a["severity"]) for a in listed] == [
        (str(alert.id), "lab-critical", "critical")
    ]
    assert listed[0]["sourceId"] == str(result_id) and listed[0]["location"] is None
    with pytest.raises(ValueError, match="severity|AlertSeverity|'urgent'"):
        async with rt.db.transaction(actor.schema) as session:
            await raise_alert(
                session,
                actor,
                patient_id=uuid.UUID(patient["id"]),
                kind="lab-critical",
                severity="urgent",
                summary="x",
                source_id=None,
            )


async def _listen(url: str, token: str, event: str) -> tuple[socketio.AsyncClient, asyncio.Queue]:
    inbox: asyncio.Queue = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)
    sio.on(event, lambda data: inbox.put_nowait(data))
    await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)
    return sio, inbox


async def test_alert_new_reaches_only_the_same_hospital(world: World) -> None:
    async with served(world.settings) as url:
        alpha, alpha_inbox = await _listen(url, world.token("nurse", "alpha"), "alert:new")
        beta, beta_inbox = await _listen(url, world.token("nurse", "beta"), "alert:new")
        acks, ack_inbox = await _listen(url, world.token("doctor", "alpha"), "alert:acknowledged")
        try:
            async with httpx.AsyncClient(base_url=url) as http:
                nurse = world.headers("nurse", "alpha")
                patient = await make_patient(http, nurse, name="Live Alert")
                r = await record_vitals(http, nurse, patient["id"], **MEDIUM)
                event = await asyncio.wait_for(alpha_inbox.get(), timeout=2.0)
                assert event["id"] == r.json()["alertId"] and event["severity"] == "medium"
                assert event["patient"]["name"] == "Live Alert" and event["status"] == "open"
                await http.post(f"/api/v1/alerts/{event['id']}/acknowledge", headers=nurse)
                acked = await asyncio.wait_for(ack_inbox.get(), timeout=2.0)
                assert acked["id"] == event["id"] and acked["status"] == "acknowledged"
            await asyncio.sleep(0.3)
            assert beta_inbox.empty()
        finally:
            for client in (alpha, beta, acks):
                await client.disconnect()


@pytest.mark.parametrize("role", ["hospital_admin", "pharmacist", "lab_staff", "receptionist"])
async def test_roles_without_alerts_acknowledge_are_refused(http, world: World, role: str) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    alert_id = (await record_vitals(http, nurse, patient["id"], **HIGH)).json()["alertId"]
    headers = world.headers(role, "alpha")
    r = await http.post(f"/api/v1/alerts/{alert_id}/acknowledge", headers=headers)
    assert r.status_code == 403 and "alerts:acknowledge" in r.json()["detail"]
    listed = await http.get("/api/v1/alerts", params={"patientId": patient["id"]}, headers=headers)
    assert listed.status_code == 200 and listed.json()["items"][0]["id"] == alert_id


async def test_other_hospital_reaches_nothing(http, world: World) -> None:
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    alert_id = (await record_vitals(http, nurse, patient["id"], **HIGH)).json()["alertId"]
    beta = world.headers("nurse", "beta")
    r = await http.post(f"/api/v1/alerts/{alert_id}/acknowledge", headers=beta)
    assert r.status_code == 404
    for status in ("open", "acknowledged", "all"):
        listed = await http.get(
            "/api/v1/alerts", params={"status": status, "pageSize": 100}, headers=beta
        )
        assert alert_id not in listed.text
    filtered = await http.get("/api/v1/alerts", params={"patientId": patient["id"]}, headers=beta)
    assert filtered.json()["items"] == [] and filtered.json()["total"] == 0
    assert (
        await http.get("/api/v1/alerts", headers=world.headers("super_admin"))
    ).status_code == 403
