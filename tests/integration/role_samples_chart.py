"""Role-test samples for the chart: wards, encounters, vitals, NEWS2 scale, alerts, ICD-10."""

from __future__ import annotations

from typing import Any

import httpx
from tests.integration.conftest import World
from tests.integration.factories_chart import (
    admitted_patient,
    bed,
    make_ward,
    record_vitals,
    unique,
)
from tests.integration.role_samples import Body, alpha_patient, sample

HIGH_NEWS2 = {
    "respirationRate": 26,
    "spo2": 91,
    "onOxygen": False,
    "systolicBp": 95,
    "heartRate": 95,
    "consciousness": "alert",
    "temperature": 37.0,
}


async def _admitted(http: httpx.AsyncClient, world: World) -> tuple[dict[str, Any], dict, dict]:
    ward = await make_ward(http, world, beds=("1", "2"))
    patient, encounter = await admitted_patient(http, world, ward, "1")
    return ward, patient, encounter


@sample("POST", "/api/v1/wards")
async def _ward_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/wards", {"code": unique("R"), "name": "Role Ward", "beds": ["1"]}


@sample("GET", "/api/v1/wards")
async def _ward_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/wards", None


@sample("GET", "/api/v1/wards/{ward_id}")
async def _ward_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/wards/{(await make_ward(http, world))['id']}", None


@sample("POST", "/api/v1/wards/{ward_id}/beds")
async def _bed_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    ward = await make_ward(http, world)
    return f"/api/v1/wards/{ward['id']}/beds", {"label": unique("B")}


@sample("GET", "/api/v1/wards/{ward_id}/census")
async def _census(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    ward, _, _ = await _admitted(http, world)
    return f"/api/v1/wards/{ward['id']}/census", None


@sample("GET", "/api/v1/wards/{ward_id}/vitals/latest")
async def _ward_vitals(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    ward, _, _ = await _admitted(http, world)
    return f"/api/v1/wards/{ward['id']}/vitals/latest", None


@sample("POST", "/api/v1/encounters")
async def _encounter_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    return "/api/v1/encounters", {"patientId": patient["id"], "kind": "outpatient"}


@sample("GET", "/api/v1/encounters/{encounter_id}")
async def _encounter_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    _, _, encounter = await _admitted(http, world)
    return f"/api/v1/encounters/{encounter['id']}", None


@sample("POST", "/api/v1/encounters/{encounter_id}/transfer")
async def _encounter_transfer(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    ward, _, encounter = await _admitted(http, world)
    body = {"wardId": ward["id"], "bedId": bed(ward, "2")}
    return f"/api/v1/encounters/{encounter['id']}/transfer", body


@sample("POST", "/api/v1/encounters/{encounter_id}/discharge")
async def _encounter_discharge(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    _, _, encounter = await _admitted(http, world)
    body = {"disposition": "home", "diagnoses": ["J18.9"]}
    return f"/api/v1/encounters/{encounter['id']}/discharge", body


@sample("GET", "/api/v1/patients/{patient_id}/encounters")
async def _patient_encounters(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/encounters", None


@sample("POST", "/api/v1/patients/{patient_id}/vitals")
async def _vitals_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    return f"/api/v1/patients/{patient['id']}/vitals", {"heartRate": 72, "spo2": 97}


@sample("GET", "/api/v1/patients/{patient_id}/vitals")
async def _vitals_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/vitals", None


@sample("GET", "/api/v1/patients/{patient_id}/vitals/latest")
async def _vitals_latest(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/vitals/latest", None


@sample("GET", "/api/v1/patients/{patient_id}/news2-scale")
async def _scale_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}/news2-scale", None


@sample("PUT", "/api/v1/patients/{patient_id}/news2-scale")
async def _scale_set(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    body = {"scale": 2, "reason": "Confirmed hypercapnic respiratory failure"}
    return f"/api/v1/patients/{patient['id']}/news2-scale", body


@sample("GET", "/api/v1/alerts")
async def _alert_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/alerts", None


@sample("POST", "/api/v1/alerts/{alert_id}/acknowledge")
async def _alert_ack(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    r = await record_vitals(http, world.headers("nurse", "alpha"), patient["id"], **HIGH_NEWS2)
    return f"/api/v1/alerts/{r.json()['alertId']}/acknowledge", {"note": "seen"}


@sample("GET", "/api/v1/icd10")
async def _icd10_search(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/icd10?q=asthma", None


@sample("GET", "/api/v1/icd10/{code}")
async def _icd10_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/icd10/J45.909", None
