"""Adverse events: reported by doctors, nurses and pharmacists, listed per patient;
validation, permissions, hospital isolation and audit."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import item, prescribe
from tests.integration.factories_scheduling_labs import audit_rows

from hms.pipeline.permissions import ROLE_PERMISSIONS, Permission, Role
from hms.platform.db import Database


def event(**fields) -> dict:
    return {
        "description": "Urticarial rash within an hour of the first dose",
        "severity": "moderate",
        "outcome": "recovering",
        "onsetDate": "2026-11-01",
        **fields,
    }


async def test_report_and_list(http, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"), name="Reaction Rae")
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    reports = [
        ("doctor", event(onsetDate="2026-10-01")),
        ("nurse", event(onsetDate="2026-11-10", severity="severe", outcome="not-recovered")),
        ("pharmacist", event(onsetDate="2026-09-15", severity="mild", outcome="recovered")),
    ]
    created = {}
    for role, body in reports:
        r = await http.post(url, json=body, headers=world.headers(role))
        assert r.status_code == 201, (role, r.text)
        created[role] = r.json()
        assert created[role]["reporterRole"] == role
        assert created[role]["reportedBy"]["name"] == f"{role} of alpha"
    assert created["nurse"]["prescriptionId"] is None
    listed = await http.get(url, headers=world.headers("receptionist"))
    assert listed.status_code == 200
    body = listed.json()
    assert body["total"] == 3
    assert [i["reporterRole"] for i in body["items"]] == ["nurse", "doctor", "pharmacist"]
    assert (
        body["items"][0]["severity"] == "severe" and body["items"][0]["onsetDate"] == "2026-11-10"
    )
    paged = (await http.get(f"{url}?page=2&pageSize=2", headers=world.headers("nurse"))).json()
    assert [i["reporterRole"] for i in paged["items"]] == ["pharmacist"]
    fatal = await http.post(
        url, json=event(severity="fatal", outcome="fatal"), headers=world.headers("doctor")
    )
    assert fatal.status_code == 201


async def test_linked_to_one_of_the_patients_prescriptions(http, world: World) -> None:
    doctor = world.headers("doctor")
    patient = await make_patient(http, doctor, name="Linked Lin")
    other = await make_patient(http, doctor, name="Other Otto")
    r = await prescribe(http, world, patient["id"], [item("amoxicillin")], status="draft")
    assert r.status_code == 201, r.text
    prescription = r.json()["id"]
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    linked = await http.post(url, json=event(prescriptionId=prescription), headers=doctor)
    assert linked.status_code == 201, linked.text
    assert linked.json()["prescriptionId"] == prescription
    unknown = await http.post(url, json=event(prescriptionId=str(uuid.uuid4())), headers=doctor)
    assert unknown.status_code == 404 and "prescription" in unknown.json()["detail"]
    not_theirs = await http.post(
        f"/api/v1/patients/{other['id']}/adverse-events",
        json=event(prescriptionId=prescription),
        headers=doctor,
    )
    assert not_theirs.status_code == 422
    assert not_theirs.json()["errors"][0]["field"] == "prescriptionId"
    beta = await make_patient(http, world.headers("doctor", "beta"), name="Beta Linked")
    cross = await http.post(
        f"/api/v1/patients/{beta['id']}/adverse-events",
        json=event(prescriptionId=prescription),
        headers=world.headers("doctor", "beta"),
    )
    assert cross.status_code == 404
    assert (await http.get(url, headers=doctor)).json()["total"] == 1


async def test_bad_input_is_refused(http, world: World) -> None:
    doctor = world.headers("doctor")
    patient = await make_patient(http, doctor, name="Validate Val", dateOfBirth="2020-03-01")
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    tomorrow_plus = (date.today() + timedelta(days=3)).isoformat()
    cases = [
        (event(severity="catastrophic"), "severity"),
        (event(outcome="dead"), "outcome"),
        (event(severity="fatal", outcome="recovered"), "body"),
        (event(severity="severe", outcome="fatal"), "body"),
        (event(description=""), "description"),
        (event(onsetDate="not a date"), "onsetDate"),
        (event(onsetDate=tomorrow_plus), "onsetDate"),
        (event(onsetDate="2019-12-31"), "onsetDate"),
        (event(prescriptionId="rx-1"), "prescriptionId"),
        (event(reportedBy=str(uuid.uuid4())), "reportedBy"),
    ]
    for body, field in cases:
        r = await http.post(url, json=body, headers=doctor)
        assert r.status_code == 422, (body, r.text)
        assert field in [e["field"] for e in r.json()["errors"]], r.text
    assert (await http.get(url, headers=doctor)).json()["total"] == 0
    missing = f"/api/v1/patients/{uuid.uuid4()}/adverse-events"
    assert (await http.post(missing, json=event(), headers=doctor)).status_code == 404
    assert (await http.get(missing, headers=doctor)).status_code == 404


async def test_permissions(http, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"), name="Perm Adverse")
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    for role in Role:
        headers = world.headers(role)
        post = await http.post(url, json=event(), headers=headers)
        get = await http.get(url, headers=headers)
        for r, permission in (
            (post, Permission.REPORT_ADVERSE_EVENTS),
            (get, Permission.VIEW_PATIENTS),
        ):
            allowed = permission in ROLE_PERMISSIONS[role]
            assert (r.status_code < 400) if allowed else (r.status_code == 403), (role, r.text)
            if not allowed:
                assert permission.value in r.json()["detail"]
    reporters = {"doctor", "nurse", "pharmacist"}
    assert {
        r.value for r in Role if Permission.REPORT_ADVERSE_EVENTS in ROLE_PERMISSIONS[r]
    } == reporters


async def test_other_hospital_sees_nothing(http, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"), name="Alpha Adverse")
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    assert (await http.post(url, json=event(), headers=world.headers("nurse"))).status_code == 201
    beta = world.headers("doctor", "beta")
    assert (await http.get(url, headers=beta)).status_code == 404
    assert (await http.post(url, json=event(), headers=beta)).status_code == 404
    assert (await http.get(url, headers=world.headers("doctor"))).json()["total"] == 1


async def test_report_and_read_are_audited(http, world: World, db: Database) -> None:
    patient = await make_patient(http, world.headers("doctor"), name="Audit Adverse")
    url = f"/api/v1/patients/{patient['id']}/adverse-events"
    await http.post(url, json=event(), headers=world.headers("pharmacist"))
    await http.get(url, headers=world.headers("nurse"))
    await http.post(url, json=event(), headers=world.headers("receptionist"))
    rows = await audit_rows(db, "hospital_alpha", patient["id"], want=4)
    for expected in (
        ("adverse_event.report", "ok", "pharmacist"),
        ("adverse_event.list", "ok", "nurse"),
        ("adverse_event.report", "denied", "receptionist"),
    ):
        assert expected in rows, (expected, rows)
    assert await audit_rows(db, "hospital_beta", patient["id"]) == []
