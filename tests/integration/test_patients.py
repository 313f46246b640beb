"""Patient CRUD, search, optimistic concurrency, validation; with two hospitals present."""

from __future__ import annotations

import uuid

from tests.integration.conftest import World, make_patient


async def test_create_read_update(http, world: World) -> None:
    doctor = world.headers("doctor")
    created = await make_patient(
        http,
        doctor,
        name="Olivia Quartz",
        bloodGroup="O-",
        allergies=[{"substance": "amoxicillin", "class": "penicillin", "severity": "severe"}],
    )
    assert created["mrn"].startswith("H") and created["version"] == 1
    got = (await http.get(f"/api/v1/patients/{created['id']}", headers=doctor)).json()
    assert got["name"] == "Olivia Quartz"
    assert got["allergies"] == [
        {"substance": "amoxicillin", "class": "penicillin", "reaction": None, "severity": "severe"}
    ]
    r = await http.patch(
        f"/api/v1/patients/{created['id']}",
        json={"version": 1, "bloodGroup": "A+"},
        headers=world.headers("nurse"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["bloodGroup"] == "A+"
    # The cached copy was invalidated by the write.
    again = (await http.get(f"/api/v1/patients/{created['id']}", headers=doctor)).json()
    assert again["bloodGroup"] == "A+" and again["version"] == 2


async def test_stale_version_is_409_and_keeps_data(http, world: World) -> None:
    doctor = world.headers("doctor")
    p = await make_patient(http, doctor, name="Stale Versionson")
    ok = await http.patch(
        f"/api/v1/patients/{p['id']}", json={"version": 1, "name": "First Writer"}, headers=doctor
    )
    assert ok.status_code == 200
    stale = await http.patch(
        f"/api/v1/patients/{p['id']}", json={"version": 1, "name": "Second Writer"}, headers=doctor
    )
    assert stale.status_code == 409
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert "reload" in stale.json()["detail"]
    got = (await http.get(f"/api/v1/patients/{p['id']}", headers=doctor)).json()
    assert got["name"] == "First Writer"


async def test_search_by_name_mrn_and_birth_date(http, world: World) -> None:
    doctor = world.headers("doctor")
    marker = uuid.uuid4().hex[:8]
    a = await make_patient(http, doctor, name=f"Zed {marker} Alpha", dateOfBirth="1944-02-29")
    await make_patient(http, doctor, name=f"Zed {marker} Beta", mrn=f"X{marker}".upper())
    by_name = (await http.get(f"/api/v1/patients?q={marker}", headers=doctor)).json()
    assert by_name["total"] == 2 and len(by_name["items"]) == 2
    by_mrn = (await http.get(f"/api/v1/patients?q=x{marker}", headers=doctor)).json()
    assert [i["name"] for i in by_mrn["items"]] == [f"Zed {marker} Beta"]
    by_dob = (await http.get("/api/v1/patients?q=1944-02-29", headers=doctor)).json()
    assert a["id"] in [i["id"] for i in by_dob["items"]]
    paged = (
        await http.get(f"/api/v1/patients?q={marker}&page=2&pageSize=1", headers=doctor)
    ).json()
    assert paged["total"] == 2 and len(paged["items"]) == 1 and paged["page"] == 2


async def test_bad_input_answers_clear_4xx(http, world: World) -> None:
    doctor = world.headers("doctor")
    cases = [
        ({"name": "X", "dateOfBirth": "1980-01-01", "gender": "female", "role": "admin"}, 422),
        ({"name": "X", "dateOfBirth": "tomorrow", "gender": "female"}, 422),
        ({"name": "X", "dateOfBirth": "2999-01-01", "gender": "female"}, 422),
        ({"name": "", "dateOfBirth": "1980-01-01", "gender": "female"}, 422),
        ({"name": "X", "dateOfBirth": "1980-01-01", "gender": "robot"}, 422),
        ({"name": 5, "dateOfBirth": "1980-01-01", "gender": "female"}, 422),
        ({"dateOfBirth": "1980-01-01", "gender": "female"}, 422),
    ]
    for body, status in cases:
        r = await http.post("/api/v1/patients", json=body, headers=doctor)
        assert r.status_code == status, (body, r.text)
        problem = r.json()
        assert problem["status"] == status and problem["detail"] and problem["errors"]
    malformed = await http.post(
        "/api/v1/patients",
        content=b'{"name": "X",',
        headers={**doctor, "content-type": "application/json"},
    )
    assert malformed.status_code == 400 and "JSON" in malformed.json()["detail"]
    huge = await http.post(
        "/api/v1/patients",
        content=b'{"name": "' + b"x" * 2_000_000 + b'"}',
        headers={**doctor, "content-type": "application/json"},
    )
    assert huge.status_code == 413
    too_big_page = await http.get("/api/v1/patients?pageSize=1000", headers=doctor)
    assert too_big_page.status_code == 422 and "pageSize" in too_big_page.text
    not_uuid = await http.get("/api/v1/patients/not-a-uuid", headers=doctor)
    assert not_uuid.status_code == 422 and "'not-a-uuid' is not a UUID" in not_uuid.json()["detail"]
    assert not_uuid.headers["content-type"] == "application/problem+json"
    p = await make_patient(http, doctor, name="Null Namesson")
    nulled = await http.patch(
        f"/api/v1/patients/{p['id']}", json={"version": 1, "name": None}, headers=doctor
    )
    assert nulled.status_code == 422
    dup = await http.post(
        "/api/v1/patients",
        json={"name": "Dup", "dateOfBirth": "1980-01-01", "gender": "male", "mrn": p["mrn"]},
        headers=doctor,
    )
    assert dup.status_code == 409 and p["mrn"] in dup.json()["detail"]
    still = (await http.get(f"/api/v1/patients/{p['id']}", headers=doctor)).json()
    assert still["name"] == "Null Namesson" and still["version"] == 1


async def test_openapi_documents_every_patient_operation(http) -> None:
    """GET /patients/{id} is a plain Starlette route; the OpenAPI document still lists it."""
    paths = (await http.get("/openapi.json")).json()["paths"]
    one = paths["/api/v1/patients/{patient_id}"]
    assert one["get"]["operationId"] == "patients-get"
    assert one["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PatientOut"
    }
    assert one["patch"]["operationId"] == "patients-update"
    assert {"get", "post"} <= set(paths["/api/v1/patients"])
