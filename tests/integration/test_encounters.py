"""Encounters: wards and beds, admission, transfer, discharge, census, bed occupancy."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from functools import partial

import pytest
from sqlalchemy import text
from tests.integration.conftest import World, make_patient
from tests.integration.factories_chart import (
    actor_for,
    admit,
    admitted_patient,
    bed,
    make_ward,
    unique,
)

from hms.encounters import service
from hms.encounters.schemas import EncounterKind
from hms.platform.errors import Conflict


async def _audit_actions(app, schema: str, patient_id: str) -> list[str]:
    async with app.state.runtime.db.engine.connect() as conn:
        rows = await conn.execute(
            text(f'SELECT action FROM "{schema}".audit_log WHERE patient_id = :p ORDER BY id'),
            {"p": patient_id},
        )
        return [r.action for r in rows]


async def test_wards_and_beds_are_set_up_by_the_hospital_admin(http, world: World) -> None:
    admin = world.headers("hospital_admin", "alpha")
    code = unique("ICU")
    r = await http.post(
        "/api/v1/wards",
        json={"code": code, "name": "Intensive Care", "beds": ["1", "2"]},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    ward = r.json()
    assert [(b["label"], b["occupied"]) for b in ward["beds"]] == [("1", False), ("2", False)]
    again = await http.post("/api/v1/wards", json={"code": code, "name": "Again"}, headers=admin)
    assert again.status_code == 409 and code in again.json()["detail"]
    added = await http.post(f"/api/v1/wards/{ward['id']}/beds", json={"label": "3"}, headers=admin)
    assert added.status_code == 201 and added.json()["label"] == "3"
    dup = await http.post(f"/api/v1/wards/{ward['id']}/beds", json={"label": "3"}, headers=admin)
    assert dup.status_code == 409 and "'3'" in dup.json()["detail"]
    repeated = await http.post(
        "/api/v1/wards", json={"code": unique("X"), "name": "X", "beds": ["1", "1"]}, headers=admin
    )
    assert repeated.status_code == 409
    nurse = world.headers("nurse", "alpha")
    listed = await http.get("/api/v1/wards", params={"pageSize": 100}, headers=nurse)
    mine = next(w for w in listed.json()["items"] if w["id"] == ward["id"])
    assert mine["bedCount"] == 3 and mine["occupiedCount"] == 0
    # The other hospital sees none of it.
    beta = world.headers("hospital_admin", "beta")
    assert (await http.get(f"/api/v1/wards/{ward['id']}", headers=beta)).status_code == 404
    other = await http.post(f"/api/v1/wards/{ward['id']}/beds", json={"label": "9"}, headers=beta)
    assert other.status_code == 404
    beta_list = await http.get("/api/v1/wards", params={"pageSize": 100}, headers=beta)
    assert ward["id"] not in beta_list.text


async def test_admission_transfer_discharge_lifecycle(http, app, world: World) -> None:
    ward = await make_ward(http, world)
    patient, enc = await admitted_patient(http, world, ward, "1", name="Lifecycle Patient")
    assert enc["kind"] == "inpatient" and enc["status"] == "open"
    assert enc["bed"]["bedLabel"] == "1" and enc["bed"]["wardCode"] == ward["code"]
    nurse = world.headers("nurse", "alpha")

    census = (await http.get(f"/api/v1/wards/{ward['id']}/census", headers=nurse)).json()
    assert census["totalBeds"] == 3 and census["occupied"] == 1
    first = census["beds"][0]
    assert first["label"] == "1" and first["occupant"]["patient"]["name"] == "Lifecycle Patient"
    assert first["occupant"]["encounterId"] == enc["id"]
    assert first["occupant"]["lengthOfStayHours"] == 0
    assert first["occupant"]["lengthOfStayDays"] == 0
    assert census["beds"][1]["occupant"] is None

    moved = await http.post(
        f"/api/v1/encounters/{enc['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "2")},
        headers=world.headers("doctor", "alpha"),
    )
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["bed"]["bedLabel"] == "2"
    assert [s["bedLabel"] for s in body["stays"]] == ["1", "2"]
    assert body["stays"][0]["endedAt"] is not None and body["stays"][1]["endedAt"] is None
    census = (await http.get(f"/api/v1/wards/{ward['id']}/census", headers=nurse)).json()
    assert [b["label"] for b in census["beds"] if b["occupant"]] == ["2"]

    done = await http.post(
        f"/api/v1/encounters/{enc['id']}/discharge",
        json={"disposition": "home", "diagnoses": ["j18.9", "E119"], "note": "Oral antibiotics"},
        headers=nurse,
    )
    assert done.status_code == 200, done.text
    closed = done.json()
    assert closed["status"] == "closed" and closed["disposition"] == "home"
    assert closed["dischargeDiagnoses"] == [
        {"code": "J18.9", "description": "Pneumonia, unspecified organism"},
        {"code": "E11.9", "description": "Type 2 diabetes mellitus without complications"},
    ]
    assert closed["bed"] is None and closed["stays"][1]["endedAt"] is not None
    census = (await http.get(f"/api/v1/wards/{ward['id']}/census", headers=nurse)).json()
    assert census["occupied"] == 0

    got = await http.get(f"/api/v1/encounters/{enc['id']}", headers=nurse)
    assert got.json() == closed
    listed = await http.get(f"/api/v1/patients/{patient['id']}/encounters", headers=nurse)
    assert listed.json()["total"] == 1 and listed.json()["items"][0]["id"] == enc["id"]
    twice = await http.post(
        f"/api/v1/encounters/{enc['id']}/discharge",
        json={"disposition": "home", "diagnoses": ["J18.9"]},
        headers=nurse,
    )
    assert twice.status_code == 409 and "closed" in twice.json()["detail"]
    late = await http.post(
        f"/api/v1/encounters/{enc['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "3")},
        headers=nurse,
    )
    assert late.status_code == 409
    actions = await _audit_actions(app, "hospital_alpha", patient["id"])
    assert {"encounter.admit", "encounter.transfer", "encounter.discharge"} <= set(actions)
    # Readmission after discharge is a new encounter, into the freed bed.
    again = await admit(http, nurse, patient["id"], ward, "1")
    assert again.status_code == 201 and again.json()["id"] != enc["id"]


async def test_an_occupied_bed_is_refused_naming_it(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("A", "B"))
    nurse = world.headers("nurse", "alpha")
    await admitted_patient(http, world, ward, "A")
    other, other_enc = await admitted_patient(http, world, ward, "B")
    third = await make_patient(http, nurse, name="Third Patient")
    r = await admit(http, nurse, third["id"], ward, "A")
    assert r.status_code == 409
    assert r.json()["detail"] == f"Bed A in ward {ward['code']} is occupied; choose a free bed."
    assert r.json()["bedLabel"] == "A"
    moved = await http.post(
        f"/api/v1/encounters/{other_enc['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "A")},
        headers=nurse,
    )
    assert moved.status_code == 409 and "Bed A" in moved.json()["detail"]
    same = await http.post(
        f"/api/v1/encounters/{other_enc['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "B")},
        headers=nurse,
    )
    assert same.status_code == 409 and "already in bed B" in same.json()["detail"]
    # A patient already admitted cannot be admitted a second time.
    ward2 = await make_ward(http, world, beds=("1",))
    twice = await admit(http, nurse, other["id"], ward2, "1")
    assert twice.status_code == 409 and other_enc["id"] in twice.json()["detail"]


async def test_concurrent_admissions_into_one_bed_exactly_one_wins(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1",))
    nurse = world.headers("nurse", "alpha")
    patients = [await make_patient(http, nurse, name=f"Race {i}") for i in range(6)]
    results = await asyncio.gather(*(admit(http, nurse, p["id"], ward, "1") for p in patients))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201, 409, 409, 409, 409, 409], [r.text for r in results]
    for r in results:
        if r.status_code == 409:
            assert "Bed 1" in r.json()["detail"]
    census = (await http.get(f"/api/v1/wards/{ward['id']}/census", headers=nurse)).json()
    winner = next(r.json() for r in results if r.status_code == 201)
    assert census["beds"][0]["occupant"]["encounterId"] == winner["id"]


async def test_the_database_refuses_a_second_open_stay_in_a_bed(http, app, world: World) -> None:
    """Both transactions pass the free-bed check; the partial unique index decides."""
    ward = await make_ward(http, world, beds=("1",))
    nurse = world.headers("nurse", "alpha")
    one = await make_patient(http, nurse, name="First In")
    two = await make_patient(http, nurse, name="Second In")
    actor = await actor_for(app, world, "nurse")
    db = app.state.runtime.db
    args = {"kind": EncounterKind.INPATIENT, "reason": None, "ward_id": uuid.UUID(ward["id"])}
    bed_id = uuid.UUID(bed(ward, "1"))
    async with db.session(actor.schema) as first, db.session(actor.schema) as second:
        await first.begin()
        await second.begin()
        await service.open_encounter(
            first, actor, patient_id=uuid.UUID(one["id"]), bed_id=bed_id, **args
        )
        blocked = asyncio.create_task(
            service.open_encounter(
                second, actor, patient_id=uuid.UUID(two["id"]), bed_id=bed_id, **args
            )
        )
        await asyncio.sleep(0.3)
        assert not blocked.done()  # waiting on the unique index for the first to finish
        await first.commit()
        with pytest.raises(Conflict, match="Bed 1 in ward .* is occupied"):
            await blocked
        await second.rollback()


async def test_placement_rules_and_validation(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1",))
    other_ward = await make_ward(http, world, beds=("1",))
    nurse = world.headers("nurse", "alpha")
    patient = await make_patient(http, nurse)
    pid = patient["id"]

    async def post(body: dict) -> dict:
        r = await http.post("/api/v1/encounters", json={"patientId": pid, **body}, headers=nurse)
        return {**r.json(), "http": r.status_code}

    no_bed = await post({"kind": "inpatient"})
    assert no_bed["http"] == 422 and "wardId and bedId" in no_bed["detail"]
    outpatient_bed = await post(
        {"kind": "outpatient", "wardId": ward["id"], "bedId": bed(ward, "1")}
    )
    assert outpatient_bed["http"] == 422
    wrong_ward = await post(
        {"kind": "inpatient", "wardId": ward["id"], "bedId": bed(other_ward, "1")}
    )
    assert wrong_ward["http"] == 422 and "not in ward" in wrong_ward["detail"]
    no_such_bed = await post(
        {"kind": "inpatient", "wardId": ward["id"], "bedId": str(uuid.uuid4())}
    )
    assert no_such_bed["http"] == 404
    r = await http.post(
        "/api/v1/encounters",
        json={"patientId": str(uuid.uuid4()), "kind": "outpatient"},
        headers=nurse,
    )
    assert r.status_code == 404 and "No patient" in r.json()["detail"]

    er = await post({"kind": "emergency", "reason": "Chest pain"})
    assert er["http"] == 201 and er["bed"] is None
    to_bed = await http.post(
        f"/api/v1/encounters/{er['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "1")},
        headers=nurse,
    )
    assert to_bed.status_code == 200 and to_bed.json()["bed"]["bedLabel"] == "1"

    inpatient = await admit(http, nurse, (await make_patient(http, nurse))["id"], other_ward, "1")
    enc_id = inpatient.json()["id"]

    async def discharge(body: dict) -> dict:
        r = await http.post(f"/api/v1/encounters/{enc_id}/discharge", json=body, headers=nurse)
        return {**r.json(), "http": r.status_code}

    empty = await discharge({"disposition": "home"})
    assert empty["http"] == 422 and "at least one diagnosis" in empty["detail"]
    unknown = await discharge({"disposition": "home", "diagnoses": ["J18.9", "X99.999"]})
    assert unknown["http"] == 422
    assert unknown["errors"] == [{"field": "diagnoses.1", "message": "'X99.999' is not ICD-10-CM"}]
    heading = await discharge({"disposition": "home", "diagnoses": ["E11"]})
    assert heading["http"] == 422 and "not a billable code" in heading["detail"]
    bad_disposition = await discharge({"disposition": "hotel", "diagnoses": ["J18.9"]})
    assert bad_disposition["http"] == 422 and "disposition" in bad_disposition["detail"]
    # Nothing was stored by the refused attempts: the encounter is still open, in its bed.
    still = await http.get(f"/api/v1/encounters/{enc_id}", headers=nurse)
    assert still.json()["status"] == "open" and still.json()["bed"]["bedLabel"] == "1"


async def test_a_deceased_patient_is_not_admitted_again(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1", "2"))
    nurse = world.headers("nurse", "alpha")
    patient, enc = await admitted_patient(http, world, ward, "1")
    r = await http.post(
        f"/api/v1/encounters/{enc['id']}/discharge",
        json={"disposition": "deceased", "diagnoses": ["I21.9"]},
        headers=world.headers("doctor", "alpha"),
    )
    assert r.status_code == 200, r.text
    again = await admit(http, nurse, patient["id"], ward, "2")
    assert again.status_code == 409 and "deceased" in again.json()["detail"]


async def test_open_outpatient_for_check_in(http, app, world: World) -> None:
    reception = world.headers("receptionist", "alpha")
    patient = await make_patient(http, reception, name="Walk In")
    actor = await actor_for(app, world, "receptionist")
    async with app.state.runtime.db.transaction(actor.schema) as session:
        encounter = await service.open_outpatient(
            session, actor, patient_id=uuid.UUID(patient["id"]), reason="Follow-up"
        )
    assert encounter.kind == "outpatient" and encounter.closed_at is None
    r = await http.get(f"/api/v1/encounters/{encounter.id}", headers=reception)
    assert r.status_code == 200 and r.json()["reason"] == "Follow-up" and r.json()["bed"] is None
    beta = await http.get(
        f"/api/v1/encounters/{encounter.id}", headers=world.headers("nurse", "beta")
    )
    assert beta.status_code == 404


async def test_other_hospital_reaches_nothing(http, world: World) -> None:
    ward = await make_ward(http, world, beds=("1", "2"))
    patient, enc = await admitted_patient(http, world, ward, "1")
    beta = world.headers("nurse", "beta")
    assert (await http.get(f"/api/v1/encounters/{enc['id']}", headers=beta)).status_code == 404
    assert (await http.get(f"/api/v1/wards/{ward['id']}/census", headers=beta)).status_code == 404
    moved = await http.post(
        f"/api/v1/encounters/{enc['id']}/transfer",
        json={"wardId": ward["id"], "bedId": bed(ward, "2")},
        headers=beta,
    )
    assert moved.status_code == 404
    gone = await http.post(
        f"/api/v1/encounters/{enc['id']}/discharge",
        json={"disposition": "home", "diagnoses": ["J18.9"]},
        headers=beta,
    )
    assert gone.status_code == 404
    listed = await http.get(f"/api/v1/patients/{patient['id']}/encounters", headers=beta)
    assert listed.status_code == 404
    # A beta patient cannot be put in an alpha bed.
    beta_patient = await make_patient(http, beta)
    r = await admit(http, beta, beta_patient["id"], ward, "2")
    assert r.status_code == 404 and "No bed" in r.json()["detail"]


@pytest.mark.parametrize("role", ["hospital_admin", "pharmacist", "lab_staff", "receptionist"])
async def test_roles_without_encounters_manage_are_refused(http, world: World, role: str) -> None:
    ward = await make_ward(http, world, beds=("1",))
    patient, enc = await admitted_patient(http, world, ward, "1")
    headers = world.headers(role, "alpha")
    calls = [
        ("POST", "/api/v1/encounters", {"patientId": patient["id"], "kind": "outpatient"}),
        (
            "POST",
            f"/api/v1/encounters/{enc['id']}/transfer",
            {"wardId": ward["id"], "bedId": bed(ward, "1")},
        ),
        (
            "POST",
            f"/api/v1/encounters/{enc['id']}/discharge",
            {"disposition": "home", "diagnoses": ["J18.9"]},
        ),
    ]
    for method, path, body in calls:
        r = await http.request(method, path, json=body, headers=headers)
        assert r.status_code == 403 and "encounters:manage" in r.json()["detail"], path
    # Reading is patients:view, which every hospital role has.
    assert (await http.get(f"/api/v1/encounters/{enc['id']}", headers=headers)).status_code == 200
    census = await http.get(f"/api/v1/wards/{ward['id']}/census", headers=headers)
    assert census.status_code == 200


@pytest.mark.parametrize("role", ["doctor", "nurse", "pharmacist", "lab_staff", "receptionist"])
async def test_only_the_hospital_admin_manages_wards(http, world: World, role: str) -> None:
    ward = await make_ward(http, world, beds=("1",))
    headers = world.headers(role, "alpha")
    r = await http.post("/api/v1/wards", json={"code": unique("N"), "name": "N"}, headers=headers)
    assert r.status_code == 403 and "wards:manage" in r.json()["detail"]
    r = await http.post(f"/api/v1/wards/{ward['id']}/beds", json={"label": "2"}, headers=headers)
    assert r.status_code == 403


async def test_platform_account_has_no_ward(http, world: World) -> None:
    r = await http.get("/api/v1/wards", headers=world.headers("super_admin"))
    assert r.status_code == 403


async def test_demo_wards_seed(http, app, world: World) -> None:
    from hms.patients import router as patient_ops
    from hms.patients import service as patients
    from hms.pipeline import Actor, run
    from hms.seed import demo_patients
    from hms.seed.wards import SEED_WARDS, seed_demo_wards
    from hms.tenancy.service import create_hospital

    rt = app.state.runtime
    slug = f"seed{uuid.uuid4().hex[:6]}"
    await create_hospital(rt.db, slug=slug, name="Seeded")
    await rt.registry.reload()
    hospital = next(h for h in rt.registry.all() if h.slug == slug)
    actor = Actor(str(uuid.uuid4()), "hospital_admin", hospital, "seed")
    for data in demo_patients(8):
        await run(rt, patient_ops.CREATE, actor, partial(patients.create, data=data))
    doctor = Actor(str(uuid.uuid4()), "doctor", hospital, "seed")
    assert await run(rt, SEED_WARDS, doctor, seed_demo_wards) is True
    assert await run(rt, SEED_WARDS, doctor, seed_demo_wards) is False
    async with rt.db.engine.connect() as conn:
        counts = (
            await conn.execute(
                text(
                    f'SELECT (SELECT count(*) FROM "{hospital.schema}".beds), '
                    f'(SELECT count(*) FROM "{hospital.schema}".bed_stays), '
                    f'(SELECT count(*) FROM "{hospital.schema}".vitals), '
                    f"(SELECT string_agg(severity, ',' ORDER BY severity) "
                    f'FROM "{hospital.schema}".alerts)'
                )
            )
        ).one()
    # The deteriorating patient: NEWS2 0, 4, 5 (medium), 8 (high).
    assert tuple(counts) == (14, 5, 20, "high,medium")
    async with rt.db.engine.connect() as conn:
        stays = (
            await conn.execute(
                text(
                    "SELECT e.opened_at, s.started_at, "
                    f'(SELECT min(v.recorded_at) FROM "{hospital.schema}".vitals v '
                    "WHERE v.patient_id = e.patient_id) AS first_vitals, "
                    "now() - e.opened_at AS stay "
                    f'FROM "{hospital.schema}".encounters e '
                    f'JOIN "{hospital.schema}".bed_stays s ON s.encounter_id = e.id'
                )
            )
        ).all()
    # Admitted days before the first observation, so the census shows a length of stay.
    assert len(stays) == 5
    for opened_at, started_at, first_vitals, stay in stays:
        assert opened_at == started_at < first_vitals
        assert timedelta(days=1) <= stay <= timedelta(days=5, hours=1)
    listed = await http.get(
        "/api/v1/wards", params={"pageSize": 100}, headers=world.headers("nurse")
    )
    assert "MED-A" not in {w["code"] for w in listed.json()["items"]}
