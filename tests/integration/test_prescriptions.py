"""Prescriptions over REST: safety checks on a draft, create with overrides, lifecycle."""

from __future__ import annotations

import uuid

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import (
    audit_actions,
    check,
    item,
    prescribe,
    record_creatinine,
    record_weight,
    rows,
)

PENICILLIN_ANAPHYLAXIS = {
    "substance": "penicillin",
    "class": "penicillin",
    "reaction": "anaphylaxis",
    "severity": "severe",
}


async def test_draft_check_names_interaction_allergy_and_renal_values(
    http: httpx.AsyncClient, world: World
) -> None:
    doctor = world.headers("doctor", "alpha")
    patient = await make_patient(
        http,
        doctor,
        name="Check Patient",
        dateOfBirth="1954-03-01",
        gender="male",
        allergies=[PENICILLIN_ANAPHYLAXIS],
    )
    await record_weight(http, world, patient["id"], 72, days_ago=2)
    await record_creatinine(http, world, patient["id"], 2.4, days_ago=3)
    active = await prescribe(http, world, patient["id"], [item("simvastatin", 40, frequency="OD")])
    assert active.status_code == 201, active.text

    r = await check(
        http,
        world,
        patient["id"],
        [
            item("clarithromycin", 500, frequency="BID"),
            item("amoxicillin", 500),
            item("metformin", 1000, frequency="BID"),
        ],
    )
    assert r.status_code == 200, r.text
    body = r.json()
    by_code = {w["code"]: w for w in body["warnings"]}
    statin = by_code["interaction:simvastatin:clarithromycin"]
    assert statin["kind"] == "interaction" and statin["severity"] == "contraindicated"
    assert set(statin["drugIds"]) == {"simvastatin", "clarithromycin"}
    assert "Phansalkar" in statin["source"] and statin["needsOverride"] is True
    allergy = by_code["allergy:amoxicillin:penicillin"]
    assert allergy["kind"] == "allergy" and allergy["severity"] == "contraindicated"
    renal = by_code["renal:metformin:avoid"]
    assert renal["kind"] == "renal"
    # The sentence names the values used and how old they are.
    assert "serum creatinine 2.4 mg/dL" in renal["message"] and "weight 72 kg" in renal["message"]
    assert "days ago" in renal["message"]
    facts = body["facts"]
    assert facts["weight"]["value"] == 72 and facts["serumCreatinine"]["value"] == 2.4
    assert 1.9 < facts["serumCreatinine"]["ageDays"] < 4.1
    assert facts["activeDrugIds"] == ["simvastatin"]
    assert 20 < facts["crclMlMin"] < 35
    # Nothing was saved by the check.
    listed = await http.get(
        "/api/v1/prescriptions", params={"patientId": patient["id"]}, headers=doctor
    )
    assert listed.json()["total"] == 1


async def test_check_without_labs_says_what_is_missing(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor"), dateOfBirth="1950-01-01")
    r = await check(http, world, patient["id"], [item("metformin", 500, frequency="BID")])
    assert r.status_code == 200, r.text
    [renal] = [w for w in r.json()["warnings"] if w["kind"] == "renal"]
    assert renal["severity"] == "minor" and "missing" in renal["message"]
    assert {"weight", "serum creatinine"} <= set(r.json()["facts"]["missing"])


async def test_amoxicillin_and_paracetamol_save_without_warnings(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor"), dateOfBirth="1990-06-01")
    await record_weight(http, world, patient["id"], 70)
    await record_creatinine(http, world, patient["id"], 0.9)
    r = await prescribe(
        http,
        world,
        patient["id"],
        [item("amoxicillin", 500), item("paracetamol", 1, unit="g", frequency="QID", quantity=40)],
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "active" and body["warnings"] == []
    assert [i["drugId"] for i in body["items"]] == ["amoxicillin", "paracetamol"]
    assert body["prescriber"]["name"] == "doctor of alpha"
    assert body["patient"]["id"] == patient["id"]


async def test_override_needed_then_accepted_and_audited(
    http: httpx.AsyncClient, world: World, app
) -> None:
    doctor = world.headers("doctor", "alpha")
    patient = await make_patient(http, doctor, dateOfBirth="1970-01-01")
    assert (
        await prescribe(http, world, patient["id"], [item("simvastatin", 20, frequency="OD")])
    ).status_code == 201
    items = [item("clarithromycin", 500, frequency="BID", quantity=14)]

    refused = await prescribe(http, world, patient["id"], items)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["title"] == "Override required"
    assert problem["missingOverrides"] == ["interaction:simvastatin:clarithromycin"]
    assert "interaction:simvastatin:clarithromycin" in problem["detail"]

    reason = "Short course; statin paused for 7 days, CK checked"
    ok = await prescribe(
        http,
        world,
        patient["id"],
        items,
        overrides=[{"code": "interaction:simvastatin:clarithromycin", "reason": reason}],
    )
    assert ok.status_code == 201, ok.text
    [stored] = [w for w in ok.json()["warnings"] if w["code"].startswith("interaction:")]
    assert stored["override"]["reason"] == reason
    assert stored["override"]["by"] == str(_user_id(world))

    db = app.state.runtime.db
    found = await audit_actions(
        db,
        "hospital_alpha",
        patient["id"],
        want={("prescription.override", "ok"), ("prescription.create", "refused:409")},
    )
    overrides = [d for a, _, d in found if a == "prescription.override"]
    assert overrides == [
        {
            "prescriptionId": ok.json()["id"],
            "code": "interaction:simvastatin:clarithromycin",
            "severity": "contraindicated",
            "reason": reason,
        }
    ]
    assert ("prescription.create", "refused:409") in {(a, o) for a, o, _ in found}
    stored_rows = await rows(
        db,
        'SELECT warnings FROM "hospital_alpha".prescriptions WHERE id = :id',
        id=uuid.UUID(ok.json()["id"]),
    )
    assert stored_rows[0][0][0]["override"]["reason"] == reason


def _user_id(world: World) -> str:
    from hms.platform.security import decode_access_token

    claims = decode_access_token(world.settings.secret(), world.token("doctor", "alpha"))
    assert claims is not None
    return claims.user_id


async def test_payload_errors_name_the_field(http: httpx.AsyncClient, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    cases = [
        (item("amoxicillin", frequency="every other day"), "items.0.frequency", "accepted forms"),
        (item("not-a-drug"), "items.0.drugId", "unknown drug id"),
        (item("amoxicillin", unit="spoonful"), "items.0.unit", ""),
        (item("amoxicillin", quantity=None), "items.0.quantity", "quantity"),
    ]
    for body, field, words in cases:
        r = await prescribe(http, world, patient["id"], [body])
        assert r.status_code == 422, (field, r.text)
        fields = {e["field"]: e["message"] for e in r.json()["errors"]}
        assert field in fields, (field, fields)
        assert words in fields[field]
    listed = await http.get(
        "/api/v1/prescriptions",
        params={"patientId": patient["id"]},
        headers=world.headers("doctor"),
    )
    assert listed.json()["total"] == 0


async def test_quantity_is_worked_out_for_tablets(http: httpx.AsyncClient, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    r = await prescribe(
        http,
        world,
        patient["id"],
        [item("amlodipine", 1, unit="tablet", frequency="BID", duration_days=7, quantity=None)],
    )
    assert r.status_code == 201, r.text
    assert r.json()["items"][0]["quantity"] == 14


async def test_unknown_patient_and_other_hospital_patient_are_404(
    http: httpx.AsyncClient, world: World
) -> None:
    beta_patient = await make_patient(http, world.headers("doctor", "beta"), name="Beta Only")
    for patient_id in (str(uuid.uuid4()), beta_patient["id"]):
        r = await check(http, world, patient_id, [item("amoxicillin")])
        assert r.status_code == 404, r.text
        r = await prescribe(http, world, patient_id, [item("amoxicillin")])
        assert r.status_code == 404, r.text


async def test_roles_on_prescribing_endpoints(http: httpx.AsyncClient, world: World) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    body = {"patientId": patient["id"], "items": [item("amoxicillin")]}
    for role in ("nurse", "pharmacist", "receptionist", "lab_staff", "hospital_admin"):
        headers = world.headers(role, "alpha")
        r = await http.post("/api/v1/prescriptions", json=body, headers=headers)
        assert r.status_code == 403 and "prescriptions:create" in r.json()["detail"], role
        r = await http.post("/api/v1/clinical/checks", json=body, headers=headers)
        assert r.status_code == 403, role
    for role in ("nurse", "pharmacist", "doctor"):
        r = await http.get(
            "/api/v1/prescriptions",
            params={"patientId": patient["id"]},
            headers=world.headers(role, "alpha"),
        )
        assert r.status_code == 200, role
    r = await http.get("/api/v1/prescriptions", headers=world.headers("receptionist", "alpha"))
    assert r.status_code == 403


async def test_an_override_names_the_pair_in_either_order(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    await prescribe(http, world, patient["id"], [item("simvastatin", 20, frequency="OD")])
    ok = await prescribe(
        http,
        world,
        patient["id"],
        [item("clarithromycin", 250, frequency="BID")],
        overrides=[{"code": "interaction:clarithromycin:simvastatin", "reason": "Statin held"}],
    )
    assert ok.status_code == 201, ok.text
    [stored] = [w for w in ok.json()["warnings"] if w["kind"] == "interaction"]
    assert stored["code"] == "interaction:simvastatin:clarithromycin"
    assert stored["override"]["reason"] == "Statin held"
