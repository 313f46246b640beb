"""Labs: order → worklist → results with flags → verify → correction as a new version;
critical results raise alerts; verified rows are immutable in the database; live events;
permissions, hospital isolation and audit."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
import socketio
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_scheduling_labs import (
    audit_rows,
    enter_results,
    order_labs,
    scalar,
)

from hms.pipeline.permissions import ROLE_PERMISSIONS, Permission, Role
from hms.platform.db import Database

POTASSIUM, SODIUM, CREATININE = "2823-3", "2951-2", "2160-0"
HEMATOCRIT, HEMOGLOBIN = "4544-3", "718-7"


async def _worklist_ids(http, headers) -> list[str]:
    r = await http.get("/api/v1/lab/worklist?pageSize=100", headers=headers)
    assert r.status_code == 200, r.text
    return [o["id"] for o in r.json()["items"]]


async def test_order_worklist_results_verify_correct(http, world: World) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Lab Flow", gender="male")
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM, SODIUM, CREATININE], "urgent")
    assert order["status"] == "pending" and order["priority"] == "urgent"
    assert [t["loinc"] for t in order["tests"]] == [POTASSIUM, SODIUM, CREATININE]
    assert (
        order["patient"]["id"] == patient["id"] and order["orderedBy"]["name"] == "doctor of alpha"
    )
    stat = await order_labs(http, doctor, patient["id"], ["potassium"], "stat")
    worklist = await _worklist_ids(http, lab)
    assert worklist.index(stat["id"]) < worklist.index(order["id"])

    r = await enter_results(
        http,
        lab,
        order["id"],
        [{"loinc": POTASSIUM, "value": 4.2}, {"loinc": CREATININE, "value": 120, "unit": "µmol/L"}],
    )
    assert r.status_code == 201, r.text
    potassium, creatinine = r.json()["items"]
    assert (potassium["flag"], potassium["category"], potassium["status"]) == (
        "normal",
        "normal",
        "preliminary",
    )
    # 120 µmol/L = 1.36 mg/dL: high for a man (0.74-1.35).
    assert (creatinine["value"], creatinine["unit"], creatinine["flag"]) == (1.36, "mg/dL", "high")
    assert (creatinine["reportedValue"], creatinine["reportedUnit"]) == (120, "µmol/L")
    assert (creatinine["referenceLow"], creatinine["referenceHigh"]) == (0.74, 1.35)
    read = (await http.get(f"/api/v1/lab-orders/{order['id']}", headers=doctor)).json()
    assert read["status"] == "in-progress" and order["id"] in await _worklist_ids(http, lab)
    assert [t["category"] for t in read["tests"]] == ["normal", None, "abnormal"]

    r = await enter_results(http, lab, order["id"], [{"loinc": SODIUM, "value": 140}])
    assert r.status_code == 201
    assert order["id"] not in await _worklist_ids(http, lab)
    done = (await http.get(f"/api/v1/lab-orders/{order['id']}", headers=doctor)).json()
    assert done["status"] == "completed" and done["completedAt"]

    verified = await http.post(f"/api/v1/lab-results/{potassium['id']}/verify", headers=lab)
    assert verified.status_code == 200, verified.text
    assert verified.json()["status"] == "final" and verified.json()["verifiedBy"]["name"]
    again = await http.post(f"/api/v1/lab-results/{potassium['id']}/verify", headers=lab)
    assert again.status_code == 409

    fix = await http.post(
        f"/api/v1/lab-results/{potassium['id']}/corrections",
        json={"value": 5.4, "reason": "Transcription error: 5.4 read as 4.2"},
        headers=lab,
    )
    assert fix.status_code == 201, fix.text
    v2 = fix.json()
    assert (v2["version"], v2["correctsId"], v2["status"], v2["flag"]) == (
        2,
        potassium["id"],
        "preliminary",
        "high",
    )
    assert v2["collectedAt"] == potassium["collectedAt"]
    assert (await http.post(f"/api/v1/lab-results/{v2['id']}/verify", headers=lab)).json()[
        "status"
    ] == "corrected"

    base = f"/api/v1/patients/{patient['id']}/lab-results"
    current = (await http.get(base, headers=doctor)).json()
    assert sorted(i["id"] for i in current["items"]) == sorted(
        [v2["id"], creatinine["id"], r.json()["items"][0]["id"]]
    )
    history = (await http.get(f"{base}?history=true", headers=doctor)).json()
    old = next(i for i in history["items"] if i["id"] == potassium["id"])
    assert (old["value"], old["status"], old["supersededBy"]) == (4.2, "superseded", v2["id"])
    only_k = (await http.get(f"{base}?loinc={POTASSIUM}&history=true", headers=doctor)).json()
    assert [i["version"] for i in only_k["items"]] == [2, 1]
    detail = (await http.get(f"/api/v1/lab-results/{potassium['id']}", headers=doctor)).json()
    assert [v["id"] for v in detail["history"]] == [potassium["id"], v2["id"]]

    # The superseded version can be neither verified nor corrected again.
    for action, body in (("verify", None), ("corrections", {"value": 1, "reason": "x"})):
        r = await http.post(
            f"/api/v1/lab-results/{potassium['id']}/{action}", json=body, headers=lab
        )
        assert r.status_code == 409 and r.json()["supersededBy"] == v2["id"]


async def test_critical_result_raises_an_alert_and_live_event(world: World, db: Database) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        doctor, lab = world.headers("doctor"), world.headers("lab_staff")
        patient = await make_patient(http, doctor, name="Critical Kay")
        order = await order_labs(http, doctor, patient["id"], [POTASSIUM, SODIUM], "stat")
        alpha, beta = (
            socketio.AsyncClient(reconnection=False),
            socketio.AsyncClient(reconnection=False),
        )
        alpha_inbox: asyncio.Queue = asyncio.Queue()
        beta_inbox: asyncio.Queue = asyncio.Queue()
        alpha.on("lab:result", alpha_inbox.put_nowait)
        beta.on("lab:result", beta_inbox.put_nowait)
        await alpha.connect(url, auth={"token": world.token("nurse")}, transports=["websocket"])
        await beta.connect(
            url, auth={"token": world.token("nurse", "beta")}, transports=["websocket"]
        )
        try:
            r = await enter_results(
                http,
                lab,
                order["id"],
                [{"loinc": POTASSIUM, "value": 6.9}, {"loinc": SODIUM, "value": 139}],
            )
            assert r.status_code == 201, r.text
            k = r.json()["items"][0]
            assert (k["flag"], k["category"]) == ("critical-high", "critical")
            event = await asyncio.wait_for(alpha_inbox.get(), timeout=5)
            assert event["change"] == "entered" and event["critical"] is True
            assert event["orderId"] == order["id"] and k["id"] in event["resultIds"]
            assert "value" not in str(event)
            await asyncio.sleep(0.3)
            assert beta_inbox.empty()
        finally:
            await alpha.disconnect()
            await beta.disconnect()
    async with db.engine.connect() as conn:
        alerts = (
            await conn.execute(
                text(
                    "SELECT kind, severity, summary, source_id FROM hospital_alpha.alerts "
                    "WHERE patient_id = :p"
                ),
                {"p": uuid.UUID(patient["id"])},
            )
        ).all()
    assert len(alerts) == 1
    kind, severity, summary, source = alerts[0]
    assert (kind, severity, str(source)) == ("lab-critical", "critical", k["id"])
    assert "Potassium" in summary and "6.9" in summary
    assert (
        await scalar(
            db,
            "SELECT count(*) FROM hospital_beta.alerts WHERE patient_id = :p",
            p=uuid.UUID(patient["id"]),
        )
        == 0
    )


async def test_verified_result_cannot_be_changed_even_with_sql(
    http, world: World, db: Database
) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Immutable Ida")
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM, SODIUM])
    items = (
        await enter_results(
            http,
            lab,
            order["id"],
            [{"loinc": POTASSIUM, "value": 4.0}, {"loinc": SODIUM, "value": 141}],
        )
    ).json()["items"]
    k, na = items[0]["id"], items[1]["id"]
    assert (await http.post(f"/api/v1/lab-results/{k}/verify", headers=lab)).status_code == 200
    for statement in (
        "UPDATE hospital_alpha.lab_results SET value = 9.9 WHERE id = :id",
        "UPDATE hospital_alpha.lab_results SET flag = 'low', category = 'abnormal' WHERE id = :id",
        "UPDATE hospital_alpha.lab_results SET verified_at = now() WHERE id = :id",
        "DELETE FROM hospital_alpha.lab_results WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="verified"):
            async with db.transaction() as s:
                await s.execute(text(statement), {"id": uuid.UUID(k)})
    assert (
        await scalar(
            db, "SELECT value FROM hospital_alpha.lab_results WHERE id = :id", id=uuid.UUID(k)
        )
        == 4.0
    )
    # Not yet verified: the row is still a working copy.
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE hospital_alpha.lab_results SET reported_unit = 'mmol/L' WHERE id = :id"),
            {"id": uuid.UUID(na)},
        )
    # Once superseded, the link to the correction cannot be moved either.
    v2 = (
        await http.post(
            f"/api/v1/lab-results/{k}/corrections",
            json={"value": 4.1, "reason": "recalibrated"},
            headers=lab,
        )
    ).json()
    with pytest.raises(DBAPIError, match="verified"):
        async with db.transaction() as s:
            await s.execute(
                text("UPDATE hospital_alpha.lab_results SET superseded_by = :other WHERE id = :id"),
                {"id": uuid.UUID(k), "other": uuid.UUID(na)},
            )
    assert await scalar(
        db, "SELECT superseded_by FROM hospital_alpha.lab_results WHERE id = :id", id=uuid.UUID(k)
    ) == uuid.UUID(v2["id"])


async def test_flags_use_sex_and_age_at_collection(http, world: World) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    teen = await make_patient(
        http, doctor, name="Turns Eighteen", gender="female", dateOfBirth="2008-06-01"
    )
    man = await make_patient(http, doctor, name="Hb Man", gender="male")
    woman = await make_patient(http, doctor, name="Hb Woman", gender="female")

    async def one(patient, loinc, value, unit=None, **extra):
        order = await order_labs(http, doctor, patient["id"], [loinc])
        item = {"loinc": loinc, "value": value} | ({"unit": unit} if unit else {})
        r = await enter_results(http, lab, order["id"], [item], **extra)
        assert r.status_code == 201, r.text
        return r.json()["items"][0]

    # Hematocrit has adult intervals only: the day before the 18th birthday there is none.
    before = await one(teen, HEMATOCRIT, 40, collectedAt="2026-05-31T10:00:00Z")
    on_birthday = await one(teen, HEMATOCRIT, 40, collectedAt="2026-06-01T10:00:00Z")
    assert (before["flag"], before["category"]) == ("no-reference-interval", "unknown")
    assert (on_birthday["flag"], on_birthday["referenceLow"]) == ("normal", 36)
    assert (await one(man, HEMOGLOBIN, 12.5))["flag"] == "low"
    assert (await one(woman, HEMOGLOBIN, 12.5))["flag"] == "normal"
    in_g_per_l = await one(woman, HEMOGLOBIN, 125, unit="g/L")
    assert (in_g_per_l["value"], in_g_per_l["unit"], in_g_per_l["flag"]) == (12.5, "g/dL", "normal")
    assert (await one(man, HEMOGLOBIN, 6.5))["flag"] == "critical-low"


async def test_bad_input_is_refused_and_nothing_is_lost(http, world: World) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Bad Input")
    url = f"/api/v1/patients/{patient['id']}/lab-orders"
    for body in (
        {"tests": ["9999-9"]},
        {"tests": [POTASSIUM, "potassium"]},
        {"tests": []},
        {"tests": [POTASSIUM], "priority": "asap"},
        {"tests": [POTASSIUM], "orderedBy": str(uuid.uuid4())},
    ):
        r = await http.post(url, json=body, headers=doctor)
        assert r.status_code == 422, (body, r.text)
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM, CREATININE])
    first = await enter_results(http, lab, order["id"], [{"loinc": POTASSIUM, "value": 4.4}])
    assert first.status_code == 201
    cases = [
        ([{"loinc": SODIUM, "value": 140}], {}, 422, "results.0.loinc"),
        ([{"loinc": CREATININE, "value": 1, "unit": "mmol/L"}], {}, 422, "results.0.unit"),
        (
            [{"loinc": CREATININE, "value": 1}, {"loinc": CREATININE, "value": 1}],
            {},
            422,
            "results.1.loinc",
        ),
        ([{"loinc": CREATININE, "value": "high"}], {}, 422, "results.0.value"),
        (
            [{"loinc": CREATININE, "value": 1}],
            {"collectedAt": "2099-01-01T00:00:00Z"},
            422,
            "collectedAt",
        ),
        (
            [{"loinc": CREATININE, "value": 1}],
            {"collectedAt": "1970-01-01T00:00:00Z"},
            422,
            "collectedAt",
        ),
        ([{"loinc": POTASSIUM, "value": 5.0}], {}, 409, None),
    ]
    for results, extra, status, field in cases:
        r = await enter_results(http, lab, order["id"], results, **extra)
        assert r.status_code == status, (results, r.text)
        if field:
            assert field in [e["field"] for e in r.json()["errors"]], r.text
    kept = (await http.get(f"/api/v1/patients/{patient['id']}/lab-results", headers=doctor)).json()
    assert [(i["testKey"], i["value"]) for i in kept["items"]] == [("potassium", 4.4)]
    assert (
        "accepted units"
        in (
            await enter_results(
                http, lab, order["id"], [{"loinc": CREATININE, "value": 1, "unit": "g"}]
            )
        ).json()["detail"]
    )
    missing = uuid.uuid4()
    assert (
        await enter_results(http, lab, str(missing), [{"loinc": POTASSIUM, "value": 4}])
    ).status_code == 404
    assert (
        await http.post(f"/api/v1/lab-results/{missing}/verify", headers=lab)
    ).status_code == 404
    assert (
        await http.get(f"/api/v1/patients/{missing}/lab-results", headers=doctor)
    ).status_code == 404


async def test_catalog(http, world: World) -> None:
    r = await http.get("/api/v1/lab/catalog", headers=world.headers("nurse"))
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 36 and len(body["items"]) == 36
    k = next(t for t in body["items"] if t["loinc"] == POTASSIUM)
    assert (k["unit"], k["criticalLow"], k["criticalHigh"]) == ("mmol/L", "<2.8", ">6.2")
    assert k["reference"][0]["low"] == 3.5 and k["source"]


async def test_permissions_of_each_endpoint(http, world: World) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Lab Perms")
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM])
    result = (
        await enter_results(http, lab, order["id"], [{"loinc": POTASSIUM, "value": 4}])
    ).json()["items"][0]
    pid, oid, rid = patient["id"], order["id"], result["id"]
    endpoints = [
        ("GET", "/api/v1/lab/catalog", Permission.VIEW_LAB_RESULTS),
        ("POST", f"/api/v1/patients/{pid}/lab-orders", Permission.CREATE_LAB_ORDERS),
        ("GET", f"/api/v1/patients/{pid}/lab-orders", Permission.VIEW_LAB_RESULTS),
        ("GET", "/api/v1/lab/worklist", Permission.ENTER_LAB_RESULTS),
        ("GET", f"/api/v1/lab-orders/{oid}", Permission.VIEW_LAB_RESULTS),
        ("POST", f"/api/v1/lab-orders/{oid}/results", Permission.ENTER_LAB_RESULTS),
        ("POST", f"/api/v1/lab-results/{rid}/verify", Permission.VERIFY_LAB_RESULTS),
        ("POST", f"/api/v1/lab-results/{rid}/corrections", Permission.ENTER_LAB_RESULTS),
        ("GET", f"/api/v1/patients/{pid}/lab-results", Permission.VIEW_LAB_RESULTS),
        ("GET", f"/api/v1/lab-results/{rid}", Permission.VIEW_LAB_RESULTS),
    ]
    for role in Role:
        for method, path, permission in endpoints:
            r = await http.request(method, path, json={}, headers=world.headers(role))
            if permission in ROLE_PERMISSIONS[role]:
                assert r.status_code != 403, (role, path)
            else:
                assert r.status_code == 403, (role, path, r.text)
                assert permission.value in r.json()["detail"]
    # The design gives lab staff lab_orders:create too (add-on tests on a received sample).
    assert (
        await http.post(f"/api/v1/patients/{pid}/lab-orders", json={"tests": [SODIUM]}, headers=lab)
    ).status_code == 201


async def test_other_hospital_sees_nothing(http, world: World) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Alpha Labs")
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM, SODIUM], "stat")
    result = (
        await enter_results(http, lab, order["id"], [{"loinc": POTASSIUM, "value": 4}])
    ).json()["items"][0]
    beta_lab, beta_doctor = world.headers("lab_staff", "beta"), world.headers("doctor", "beta")
    assert order["id"] not in await _worklist_ids(http, beta_lab)
    for method, path, body in (
        ("GET", f"/api/v1/lab-orders/{order['id']}", None),
        (
            "POST",
            f"/api/v1/lab-orders/{order['id']}/results",
            {"results": [{"loinc": SODIUM, "value": 140}]},
        ),
        ("POST", f"/api/v1/lab-results/{result['id']}/verify", None),
        ("POST", f"/api/v1/lab-results/{result['id']}/corrections", {"value": 1, "reason": "x"}),
        ("GET", f"/api/v1/lab-results/{result['id']}", None),
        ("GET", f"/api/v1/patients/{patient['id']}/lab-results", None),
        ("GET", f"/api/v1/patients/{patient['id']}/lab-orders", None),
        ("POST", f"/api/v1/patients/{patient['id']}/lab-orders", {"tests": [SODIUM]}),
    ):
        r = await http.request(
            method, path, json=body, headers=beta_lab if "result" in path else beta_doctor
        )
        assert r.status_code == 404, (method, path, r.text)
    still = (await http.get(f"/api/v1/lab-orders/{order['id']}", headers=doctor)).json()
    assert still["status"] == "in-progress"


async def test_writes_and_reads_are_audited(http, world: World, db: Database) -> None:
    doctor, lab = world.headers("doctor"), world.headers("lab_staff")
    patient = await make_patient(http, doctor, name="Audit Labs")
    order = await order_labs(http, doctor, patient["id"], [POTASSIUM])
    result = (
        await enter_results(http, lab, order["id"], [{"loinc": POTASSIUM, "value": 4}])
    ).json()["items"][0]
    await http.post(f"/api/v1/lab-results/{result['id']}/verify", headers=lab)
    await http.post(
        f"/api/v1/lab-results/{result['id']}/corrections",
        json={"value": 4.1, "reason": "r"},
        headers=lab,
    )
    await http.get(f"/api/v1/patients/{patient['id']}/lab-results", headers=world.headers("nurse"))
    await http.get("/api/v1/lab/worklist", headers=lab)
    denied = await http.get(
        f"/api/v1/patients/{patient['id']}/lab-results", headers=world.headers("receptionist")
    )
    assert denied.status_code == 403
    rows = await audit_rows(db, "hospital_alpha", patient["id"], want=7)
    for expected in (
        ("lab_order.create", "ok", "doctor"),
        ("lab_result.enter", "ok", "lab_staff"),
        ("lab_result.verify", "ok", "lab_staff"),
        ("lab_result.correct", "ok", "lab_staff"),
        ("lab_result.list", "ok", "nurse"),
        ("lab_result.list", "denied", "receptionist"),
    ):
        assert expected in rows, (expected, rows)
    assert await audit_rows(db, "hospital_beta", patient["id"]) == []
