"""Sample requests for the drug, prescription and pharmacy endpoints, registered for the
role × endpoint walk of test_roles.py (each builds what it needs in hospital alpha)."""

from __future__ import annotations

from typing import Any

import httpx
from tests.integration.conftest import World
from tests.integration.factories_prescribing import item, stock_drug
from tests.integration.role_samples import Body, alpha_patient, sample

PROBE_DRUG = "loratadine"  # stocked for these samples only


async def _prescription(http: httpx.AsyncClient, world: World, status: str = "active") -> str:
    patient = await alpha_patient(http, world)
    r = await http.post(
        "/api/v1/prescriptions",
        json={
            "patientId": patient["id"],
            "items": [item(PROBE_DRUG, 10, frequency="OD", quantity=2)],
            "status": status,
        },
        headers=world.headers("doctor"),
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _stocked(http: httpx.AsyncClient, world: World) -> str:
    await stock_drug(http, world, PROBE_DRUG, 1000)
    return PROBE_DRUG


def _draft_body(patient: dict[str, Any]) -> dict[str, Any]:
    return {"patientId": patient["id"], "items": [item("amoxicillin", 500, quantity=15)]}


@sample("GET", "/api/v1/drugs")
async def _drugs_search(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/drugs?q=amox", None


@sample("GET", "/api/v1/drugs/{drug_id}")
async def _drugs_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/drugs/amoxicillin", None


@sample("POST", "/api/v1/clinical/checks")
async def _check(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/clinical/checks", _draft_body(await alpha_patient(http, world))


@sample("POST", "/api/v1/prescriptions")
async def _create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/prescriptions", _draft_body(await alpha_patient(http, world))


@sample("GET", "/api/v1/prescriptions")
async def _list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/prescriptions", None


@sample("GET", "/api/v1/prescriptions/{prescription_id}")
async def _get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/prescriptions/{await _prescription(http, world)}", None


@sample("GET", "/api/v1/prescriptions/{prescription_id}/dispenses")
async def _dispenses(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/prescriptions/{await _prescription(http, world)}/dispenses", None


@sample("POST", "/api/v1/prescriptions/{prescription_id}/activate")
async def _activate(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    rx = await _prescription(http, world, status="draft")
    return f"/api/v1/prescriptions/{rx}/activate", {}


@sample("POST", "/api/v1/prescriptions/{prescription_id}/cancel")
async def _cancel(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/prescriptions/{await _prescription(http, world)}/cancel", {
        "reason": "Role check"
    }


@sample("POST", "/api/v1/prescriptions/{prescription_id}/stop")
async def _stop(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/prescriptions/{await _prescription(http, world)}/stop", {
        "reason": "Role check"
    }


@sample("POST", "/api/v1/prescriptions/{prescription_id}/dispense")
async def _dispense(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    await _stocked(http, world)
    return f"/api/v1/prescriptions/{await _prescription(http, world)}/dispense", {}


@sample("GET", "/api/v1/pharmacy/queue")
async def _queue(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/pharmacy/queue", None


@sample("GET", "/api/v1/pharmacy/formulary")
async def _formulary(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/pharmacy/formulary", None


@sample("GET", "/api/v1/pharmacy/formulary/{drug_id}")
async def _entry(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/pharmacy/formulary/{await _stocked(http, world)}", None


@sample("PUT", "/api/v1/pharmacy/formulary/{drug_id}")
async def _entry_put(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/pharmacy/formulary/{PROBE_DRUG}", {"unit": "tablet", "reorderLevel": 10}


@sample("GET", "/api/v1/pharmacy/formulary/{drug_id}/movements")
async def _movements(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/pharmacy/formulary/{await _stocked(http, world)}/movements", None


@sample("POST", "/api/v1/pharmacy/formulary/{drug_id}/movements")
async def _movement_post(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    drug = await _stocked(http, world)
    return f"/api/v1/pharmacy/formulary/{drug}/movements", {"kind": "receipt", "quantity": 1}
