"""Prescription lifecycle: draft → active → partially/fully dispensed, cancelled, stopped;
who and when; and isolation of every prescription endpoint between hospitals."""

from __future__ import annotations

import uuid

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import audit_actions, item, prescribe, stock_drug

from hms.platform.db import Database

INTERACTION = "interaction:simvastatin:clarithromycin"


async def _post(
    http: httpx.AsyncClient,
    world: World,
    path: str,
    body: dict,
    role: str = "doctor",
    hospital: str = "alpha",
) -> httpx.Response:
    return await http.post(
        f"/api/v1/prescriptions/{path}", json=body, headers=world.headers(role, hospital)
    )


async def test_draft_is_activated_after_a_fresh_check_then_cancelled(
    http: httpx.AsyncClient, world: World, db: Database
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    await prescribe(http, world, patient["id"], [item("simvastatin", 20, frequency="OD")])
    draft = await prescribe(
        http, world, patient["id"], [item("clarithromycin", 250, frequency="BID")], status="draft"
    )
    assert draft.status_code == 201, draft.text
    body = draft.json()
    assert body["status"] == "draft" and body["activatedAt"] is None
    # A draft keeps its warnings without overrides and is not in the pharmacy queue.
    assert INTERACTION in {w["code"] for w in body["warnings"]}
    queue = await http.get(
        "/api/v1/pharmacy/queue", params={"pageSize": 100}, headers=world.headers("pharmacist")
    )
    assert body["id"] not in {p["id"] for p in queue.json()["items"]}

    refused = await _post(http, world, f"{body['id']}/activate", {})
    assert refused.status_code == 409 and refused.json()["missingOverrides"] == [INTERACTION]
    ok = await _post(
        http,
        world,
        f"{body['id']}/activate",
        {"overrides": [{"code": INTERACTION, "reason": "Statin held during the course"}]},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "active" and ok.json()["activatedAt"]
    again = await _post(http, world, f"{body['id']}/activate", {})
    assert again.status_code == 409 and "Only a draft" in again.json()["detail"]

    cancelled = await _post(
        http, world, f"{body['id']}/cancel", {"reason": "Changed to doxycycline"}
    )
    assert cancelled.status_code == 200, cancelled.text
    out = cancelled.json()
    assert out["status"] == "cancelled" and out["endReason"] == "Changed to doxycycline"
    assert [(h["fromStatus"], h["toStatus"]) for h in out["history"]] == [
        (None, "draft"),
        ("draft", "active"),
        ("active", "cancelled"),
    ]
    assert all(h["by"]["name"] == "doctor of alpha" and h["at"] for h in out["history"])
    assert (await _post(http, world, f"{body['id']}/stop", {"reason": "again"})).status_code == 409
    # The refusals are audited under the patient, though the requests named the prescription.
    refusals = {("prescription.activate", "refused:409"), ("prescription.stop", "refused:409")}
    found = await audit_actions(db, "hospital_alpha", patient["id"], want=refusals)
    assert refusals <= {(a, o) for a, o, _ in found}


async def test_dispense_in_parts_then_stop(http: httpx.AsyncClient, world: World) -> None:
    await stock_drug(http, world, "nitrofurantoin", 100, unit="capsule")
    patient = await make_patient(http, world.headers("doctor"))
    created = await prescribe(
        http, world, patient["id"], [item("nitrofurantoin", 50, frequency="QID", quantity=28)]
    )
    assert created.status_code == 201, created.text
    rx = created.json()
    item_id = rx["items"][0]["id"]

    part = await _post(
        http,
        world,
        f"{rx['id']}/dispense",
        {"items": [{"itemId": item_id, "quantity": 10}]},
        role="pharmacist",
    )
    assert part.status_code == 201, part.text
    assert part.json()["status"] == "partially-dispensed"
    assert part.json()["items"] == [
        {
            "itemId": item_id,
            "drugId": "nitrofurantoin",
            "drugName": "Nitrofurantoin",
            "quantity": 10,
            "unit": "capsule",
            "stockAfter": 90,
        }
    ]
    cancel = await _post(http, world, f"{rx['id']}/cancel", {"reason": "No longer needed"})
    assert cancel.status_code == 409 and "Stop it instead" in cancel.json()["detail"]
    too_many = await _post(
        http,
        world,
        f"{rx['id']}/dispense",
        {"items": [{"itemId": item_id, "quantity": 19}]},
        role="pharmacist",
    )
    assert too_many.status_code == 409 and "only 18 of 28 remain" in too_many.json()["detail"]

    rest = await _post(http, world, f"{rx['id']}/dispense", {}, role="pharmacist")
    assert rest.status_code == 201, rest.text
    assert rest.json()["status"] == "fully-dispensed" and rest.json()["items"][0]["quantity"] == 18
    nothing = await _post(http, world, f"{rx['id']}/dispense", {}, role="pharmacist")
    assert nothing.status_code == 409

    history = await http.get(
        f"/api/v1/prescriptions/{rx['id']}/dispenses", headers=world.headers("nurse")
    )
    assert history.status_code == 200
    assert [d["items"][0]["quantity"] for d in history.json()["items"]] == [10, 18]
    assert {d["dispensedBy"]["name"] for d in history.json()["items"]} == {"pharmacist of alpha"}

    stopped = await _post(http, world, f"{rx['id']}/stop", {"reason": "Culture: resistant"})
    assert stopped.status_code == 200 and stopped.json()["status"] == "stopped"
    got = await http.get(f"/api/v1/prescriptions/{rx['id']}", headers=world.headers("pharmacist"))
    assert [h["toStatus"] for h in got.json()["history"]] == [
        "active",
        "partially-dispensed",
        "fully-dispensed",
        "stopped",
    ]
    listed = await http.get(
        "/api/v1/prescriptions",
        params={"patientId": patient["id"], "status": "stopped"},
        headers=world.headers("doctor"),
    )
    assert [p["id"] for p in listed.json()["items"]] == [rx["id"]]


async def test_stopped_medication_no_longer_counts_as_active(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    statin = await prescribe(http, world, patient["id"], [item("simvastatin", 20, frequency="OD")])
    r = await _post(http, world, f"{statin.json()['id']}/stop", {"reason": "Myalgia"})
    assert r.status_code == 200
    ok = await prescribe(http, world, patient["id"], [item("clarithromycin", 250, frequency="BID")])
    assert ok.status_code == 201, ok.text
    assert INTERACTION not in {w["code"] for w in ok.json()["warnings"]}


async def test_other_hospital_sees_no_prescription(http: httpx.AsyncClient, world: World) -> None:
    await stock_drug(http, world, "cefalexin", 50, unit="capsule", hospital="beta")
    patient = await make_patient(http, world.headers("doctor"))
    rx = (
        await prescribe(http, world, patient["id"], [item("cefalexin", 500, frequency="QID")])
    ).json()
    for role, path, body in [
        ("doctor", f"{rx['id']}/activate", {}),
        ("doctor", f"{rx['id']}/cancel", {"reason": "intrusion"}),
        ("doctor", f"{rx['id']}/stop", {"reason": "intrusion"}),
        ("pharmacist", f"{rx['id']}/dispense", {}),
    ]:
        r = await _post(http, world, path, body, role=role, hospital="beta")
        assert r.status_code == 404, (path, r.text)
    for path in (
        f"/api/v1/prescriptions/{rx['id']}",
        f"/api/v1/prescriptions/{rx['id']}/dispenses",
    ):
        r = await http.get(path, headers=world.headers("doctor", "beta"))
        assert r.status_code == 404, path
    r = await http.get(
        "/api/v1/prescriptions",
        params={"patientId": patient["id"]},
        headers=world.headers("doctor", "beta"),
    )
    assert r.json()["total"] == 0
    r = await http.get(
        "/api/v1/prescriptions", params={"pageSize": 100}, headers=world.headers("doctor", "beta")
    )
    assert rx["id"] not in {p["id"] for p in r.json()["items"]}
    queue = await http.get(
        "/api/v1/pharmacy/queue",
        params={"pageSize": 100},
        headers=world.headers("pharmacist", "beta"),
    )
    assert rx["id"] not in {p["id"] for p in queue.json()["items"]}
    # Untouched by the attempts.
    got = await http.get(f"/api/v1/prescriptions/{rx['id']}", headers=world.headers("doctor"))
    assert got.json()["status"] == "active" and got.json()["items"][0]["dispensedQuantity"] == 0
    assert (
        await http.get(f"/api/v1/prescriptions/{uuid.uuid4()}", headers=world.headers("doctor"))
    ).status_code == 404
