"""Factories for the prescribing, pharmacy and drug tests (all through the public API)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from tests.integration.conftest import World

from hms.platform.db import Database


def item(
    drug_id: str,
    dose: float = 500,
    *,
    unit: str = "mg",
    route: str = "oral",
    frequency: str = "TID",
    duration_days: int | None = 5,
    quantity: int | None = 15,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "drugId": drug_id,
        "dose": dose,
        "unit": unit,
        "route": route,
        "frequency": frequency,
        "durationDays": duration_days,
        **extra,
    }
    if quantity is not None:
        body["quantity"] = quantity
    return body


async def prescribe(
    http: httpx.AsyncClient,
    world: World,
    patient_id: str,
    items: list[dict[str, Any]],
    *,
    hospital: str = "alpha",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> httpx.Response:
    return await http.post(
        "/api/v1/prescriptions",
        json={"patientId": patient_id, "items": items, **extra},
        headers={**world.headers("doctor", hospital), **(headers or {})},
    )


async def check(
    http: httpx.AsyncClient,
    world: World,
    patient_id: str,
    items: list[dict[str, Any]],
    hospital: str = "alpha",
) -> httpx.Response:
    return await http.post(
        "/api/v1/clinical/checks",
        json={"patientId": patient_id, "items": items},
        headers=world.headers("doctor", hospital),
    )


async def stock_drug(
    http: httpx.AsyncClient,
    world: World,
    drug_id: str,
    quantity: int,
    *,
    hospital: str = "alpha",
    unit: str = "tablet",
) -> dict[str, Any]:
    """Put the drug on the formulary with exactly ``quantity`` on hand."""
    headers = world.headers("pharmacist", hospital)
    r = await http.put(
        f"/api/v1/pharmacy/formulary/{drug_id}",
        json={"unit": unit, "reorderLevel": 10},
        headers=headers,
    )
    assert r.status_code in (200, 201), r.text
    change = quantity - r.json()["quantityOnHand"]
    if change:
        body: dict[str, Any] = (
            {"kind": "receipt", "quantity": change, "reference": "test delivery"}
            if change > 0
            else {"kind": "adjustment", "quantity": change, "reason": "test stock count"}
        )
        r = await http.post(
            f"/api/v1/pharmacy/formulary/{drug_id}/movements", json=body, headers=headers
        )
        assert r.status_code == 201, r.text
        return dict(r.json()["entry"])
    return dict(r.json())


async def record_weight(
    http: httpx.AsyncClient,
    world: World,
    patient_id: str,
    kg: float,
    *,
    days_ago: float = 1,
    hospital: str = "alpha",
) -> None:
    at = datetime.now(UTC) - timedelta(days=days_ago)
    r = await http.post(
        f"/api/v1/patients/{patient_id}/vitals",
        json={"weightKg": float(kg), "recordedAt": at.isoformat()},
        headers=world.headers("nurse", hospital),
    )
    assert r.status_code == 201, r.text


async def record_creatinine(
    http: httpx.AsyncClient,
    world: World,
    patient_id: str,
    mg_dl: float,
    *,
    days_ago: float = 1,
    hospital: str = "alpha",
) -> None:
    r = await http.post(
        f"/api/v1/patients/{patient_id}/lab-orders",
        json={"tests": ["2160-0"], "priority": "routine"},
        headers=world.headers("doctor", hospital),
    )
    assert r.status_code == 201, r.text
    at = datetime.now(UTC) - timedelta(days=days_ago)
    r = await http.post(
        f"/api/v1/lab-orders/{r.json()['id']}/results",
        json={
            "results": [{"loinc": "2160-0", "value": float(mg_dl), "unit": "mg/dL"}],
            "collectedAt": at.isoformat(),
        },
        headers=world.headers("lab_staff", hospital),
    )
    assert r.status_code == 201, r.text


async def rows(db: Database, sql: str, **params: Any) -> list[Any]:
    async with db.engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


async def audit_actions(
    db: Database, schema: str, patient_id: str, *, want: set[tuple[str, str]] | None = None
) -> list[tuple[str, str, Any]]:
    """(action, outcome, detail) rows of a patient; waits up to 5 s for every wanted
    (action, outcome): reads and refusals reach the table in batches."""
    found: list[tuple[str, str, Any]] = []
    for _ in range(100):
        found = [
            (r[0], r[1], r[2])
            for r in await rows(
                db,
                f'SELECT action, outcome, detail FROM "{schema}".audit_log '
                "WHERE patient_id = :p ORDER BY id",
                p=uuid.UUID(patient_id),
            )
        ]
        if not want or want <= {(a, o) for a, o, _ in found}:
            break
        await asyncio.sleep(0.05)
    return found
