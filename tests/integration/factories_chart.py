"""Factories for the chart tests: wards with beds, admissions, vitals."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from tests.integration.conftest import World, make_patient


def unique(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:6].upper()


async def make_ward(
    http: httpx.AsyncClient,
    world: World,
    hospital: str = "alpha",
    *,
    beds: tuple[str, ...] = ("1", "2", "3"),
    name: str = "Medical Ward",
) -> dict[str, Any]:
    r = await http.post(
        "/api/v1/wards",
        json={"code": unique("W"), "name": name, "beds": list(beds)},
        headers=world.headers("hospital_admin", hospital),
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def bed(ward: dict[str, Any], label: str) -> str:
    return str(next(b["id"] for b in ward["beds"] if b["label"] == label))


async def admit(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    patient_id: str,
    ward: dict[str, Any],
    label: str,
    *,
    kind: str = "inpatient",
) -> httpx.Response:
    return await http.post(
        "/api/v1/encounters",
        json={
            "patientId": patient_id,
            "kind": kind,
            "reason": "Community-acquired pneumonia",
            "wardId": ward["id"],
            "bedId": bed(ward, label),
        },
        headers=headers,
    )


async def admitted_patient(
    http: httpx.AsyncClient,
    world: World,
    ward: dict[str, Any],
    label: str,
    hospital: str = "alpha",
    **fields: Any,
) -> tuple[dict[str, Any], dict[str, Any]]:
    patient = await make_patient(http, world.headers("nurse", hospital), **fields)
    r = await admit(http, world.headers("nurse", hospital), patient["id"], ward, label)
    assert r.status_code == 201, r.text
    return patient, dict(r.json())


async def record_vitals(
    http: httpx.AsyncClient, headers: dict[str, str], patient_id: str, **values: Any
) -> httpx.Response:
    return await http.post(f"/api/v1/patients/{patient_id}/vitals", json=values, headers=headers)


async def actor_for(app: Any, world: World, role: str, hospital: str = "alpha") -> Any:
    """The Actor the API would build for this role's access token (for service-level tests)."""
    from hms.pipeline import Actor
    from hms.platform.security import decode_access_token

    rt = app.state.runtime
    claims = decode_access_token(rt.settings.secret(), world.token(role, hospital))
    assert claims is not None
    found = await rt.registry.get(claims.hospital_id)
    return Actor(claims.user_id, claims.role, found, "10.0.0.9")
