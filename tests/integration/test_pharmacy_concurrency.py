"""Two pharmacists dispensing the last units at once: one succeeds, one gets a clear 409."""

from __future__ import annotations

import asyncio

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import item, prescribe, rows, stock_drug


async def test_last_units_go_to_exactly_one_dispense(
    http: httpx.AsyncClient, world: World, app
) -> None:
    await stock_drug(http, world, "clindamycin", 12, unit="capsule")
    patients = [await make_patient(http, world.headers("doctor")) for _ in range(2)]
    prescriptions = [
        (
            await prescribe(
                http, world, p["id"], [item("clindamycin", 300, frequency="QID", quantity=12)]
            )
        ).json()
        for p in patients
    ]
    answers = await asyncio.gather(
        *(
            http.post(
                f"/api/v1/prescriptions/{rx['id']}/dispense",
                json={},
                headers=world.headers("pharmacist"),
            )
            for rx in prescriptions
        )
    )
    assert sorted(r.status_code for r in answers) == [201, 409], [r.text for r in answers]
    refused = next(r for r in answers if r.status_code == 409)
    assert refused.json()["detail"] == "Clindamycin is out of stock (0 capsule on hand, 12 needed)."
    entry = await http.get(
        "/api/v1/pharmacy/formulary/clindamycin", headers=world.headers("pharmacist")
    )
    assert entry.json()["quantityOnHand"] == 0 and entry.json()["inStock"] is False
    moves = await rows(
        app.state.runtime.db,
        'SELECT quantity, balance_after FROM "hospital_alpha".stock_movements '
        "WHERE drug_id = 'clindamycin' AND kind = 'dispense'",
    )
    assert [tuple(m) for m in moves] == [(-12, 0)]


async def test_same_prescription_dispensed_twice_at_once(
    http: httpx.AsyncClient, world: World
) -> None:
    await stock_drug(http, world, "azithromycin", 100)
    patient = await make_patient(http, world.headers("doctor"))
    rx = (
        await prescribe(
            http, world, patient["id"], [item("azithromycin", 500, frequency="OD", quantity=3)]
        )
    ).json()
    answers = await asyncio.gather(
        *(
            http.post(
                f"/api/v1/prescriptions/{rx['id']}/dispense",
                json={},
                headers=world.headers("pharmacist"),
            )
            for _ in range(2)
        )
    )
    assert sorted(r.status_code for r in answers) == [201, 409]
    entry = await http.get(
        "/api/v1/pharmacy/formulary/azithromycin", headers=world.headers("pharmacist")
    )
    assert entry.json()["quantityOnHand"] == 97
