"""Formulary, stock movements, the dispensing queue and out-of-stock refusals."""

from __future__ import annotations

import uuid

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import item, prescribe, rows, stock_drug


async def test_formulary_receipt_adjustment_and_movements(
    http: httpx.AsyncClient, world: World, app
) -> None:
    pharmacist = world.headers("pharmacist")
    r = await http.put(
        "/api/v1/pharmacy/formulary/furosemide",
        json={"unit": "tablet", "strength": "40 mg", "reorderLevel": 20},
        headers=pharmacist,
    )
    assert r.status_code == 201, r.text
    assert r.json() | {"updatedAt": None} == {
        "drugId": "furosemide",
        "drugName": "Furosemide",
        "rxcui": r.json()["rxcui"],
        "unit": "tablet",
        "strength": "40 mg",
        "quantityOnHand": 0,
        "reorderLevel": 20,
        "inStock": False,
        "lowStock": True,
        "listed": True,
        "version": 1,
        "updatedAt": None,
    }
    path = "/api/v1/pharmacy/formulary/furosemide/movements"
    received = await http.post(
        path, json={"kind": "receipt", "quantity": 100, "reference": "DN-1"}, headers=pharmacist
    )
    assert received.status_code == 201, received.text
    assert received.json()["entry"]["quantityOnHand"] == 100
    assert received.json()["entry"]["inStock"] is True
    assert received.json()["movement"]["createdBy"]["name"] == "pharmacist of alpha"
    no_reason = await http.post(
        path, json={"kind": "adjustment", "quantity": -3}, headers=pharmacist
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.text
    counted = await http.post(
        path,
        json={"kind": "adjustment", "quantity": -3, "reason": "Count: 3 damaged"},
        headers=pharmacist,
    )
    assert counted.status_code == 201 and counted.json()["movement"]["balanceAfter"] == 97
    below = await http.post(
        path, json={"kind": "adjustment", "quantity": -98, "reason": "Count"}, headers=pharmacist
    )
    assert below.status_code == 409 and "only 97 on hand" in below.json()["detail"]
    history = await http.get(path, headers=pharmacist)
    assert [(m["kind"], m["quantity"], m["balanceAfter"]) for m in history.json()["items"]] == [
        ("adjustment", -3, 97),
        ("receipt", 100, 100),
    ]
    assert history.json()["items"][0]["reason"] == "Count: 3 damaged"
    assert history.json()["items"][0]["createdBy"]["name"] == "pharmacist of alpha"
    # Every role may read the formulary; only pharmacists change it.
    nurse = world.headers("nurse")
    assert (
        await http.get("/api/v1/pharmacy/formulary/furosemide", headers=nurse)
    ).status_code == 200
    denied = await http.post(path, json={"kind": "receipt", "quantity": 5}, headers=nurse)
    assert denied.status_code == 403 and "formulary:manage" in denied.json()["detail"]
    unknown = await http.put(
        "/api/v1/pharmacy/formulary/unobtainium", json={"unit": "tablet"}, headers=pharmacist
    )
    assert unknown.status_code == 404
    listed = await http.get("/api/v1/pharmacy/formulary", params={"q": "furo"}, headers=nurse)
    assert [e["drugId"] for e in listed.json()["items"]] == ["furosemide"]
    stock = await rows(
        app.state.runtime.db,
        'SELECT quantity_on_hand, in_stock FROM "hospital_alpha".formulary WHERE drug_id = :d',
        d="furosemide",
    )
    assert tuple(stock[0]) == (97, True)


async def test_formulary_and_movements_are_per_hospital(
    http: httpx.AsyncClient, world: World
) -> None:
    await stock_drug(http, world, "spironolactone", 40)
    beta = world.headers("pharmacist", "beta")
    assert (
        await http.get("/api/v1/pharmacy/formulary/spironolactone", headers=beta)
    ).status_code == 404
    r = await http.get("/api/v1/pharmacy/formulary/spironolactone/movements", headers=beta)
    assert r.status_code == 404
    r = await http.post(
        "/api/v1/pharmacy/formulary/spironolactone/movements",
        json={"kind": "receipt", "quantity": 5},
        headers=beta,
    )
    assert r.status_code == 404
    listed = await http.get("/api/v1/pharmacy/formulary", params={"q": "spiro"}, headers=beta)
    assert listed.json()["items"] == []
    drug = await http.get("/api/v1/drugs/spironolactone", headers=beta)
    assert drug.json()["stock"] is None
    own = await http.get("/api/v1/drugs/spironolactone", headers=world.headers("doctor"))
    assert own.json()["stock"] == {
        "listed": True,
        "inStock": True,
        "quantityOnHand": 40,
        "unit": "tablet",
    }


async def test_queue_is_oldest_first_with_stock(http: httpx.AsyncClient, world: World) -> None:
    await stock_drug(http, world, "doxycycline", 500, unit="capsule")
    ids = []
    for n in range(3):
        patient = await make_patient(http, world.headers("doctor"), name=f"Queue Patient {n}")
        r = await prescribe(http, world, patient["id"], [item("doxycycline", 100, frequency="BID")])
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    queue = await http.get(
        "/api/v1/pharmacy/queue", params={"pageSize": 100}, headers=world.headers("pharmacist")
    )
    assert queue.status_code == 200
    mine = [p for p in queue.json()["items"] if p["id"] in ids]
    assert [p["id"] for p in mine] == ids
    times = [p["activatedAt"] for p in queue.json()["items"]]
    assert times == sorted(times)
    assert mine[0]["patient"]["name"] == "Queue Patient 0"
    assert mine[0]["items"][0]["stockOnHand"] >= 1 and mine[0]["items"][0]["stockUnit"] == "capsule"
    assert (
        await http.get("/api/v1/pharmacy/queue", headers=world.headers("doctor"))
    ).status_code == 403
    beta = await http.get(
        "/api/v1/pharmacy/queue",
        params={"pageSize": 100},
        headers=world.headers("pharmacist", "beta"),
    )
    assert not {p["id"] for p in beta.json()["items"]} & set(ids)


async def test_out_of_stock_and_unstocked_are_refused_whole(
    http: httpx.AsyncClient, world: World, app
) -> None:
    await stock_drug(http, world, "ciprofloxacin", 0)
    await stock_drug(http, world, "metronidazole", 50)
    patient = await make_patient(http, world.headers("doctor"))
    rx = (
        await prescribe(
            http,
            world,
            patient["id"],
            [
                item("metronidazole", 400, quantity=15),
                item("ciprofloxacin", 500, frequency="BID", quantity=10),
            ],
        )
    ).json()
    r = await http.post(
        f"/api/v1/prescriptions/{rx['id']}/dispense", json={}, headers=world.headers("pharmacist")
    )
    assert r.status_code == 409, r.text
    assert r.json()["title"] == "Out of stock"
    assert r.json()["detail"] == "Ciprofloxacin is out of stock (0 tablet on hand, 10 needed)."
    assert r.json()["drugId"] == "ciprofloxacin"
    # Nothing of the refused dispense remains: metronidazole stock and the item are untouched.
    entry = await http.get(
        "/api/v1/pharmacy/formulary/metronidazole", headers=world.headers("pharmacist")
    )
    assert entry.json()["quantityOnHand"] == 50
    got = await http.get(f"/api/v1/prescriptions/{rx['id']}", headers=world.headers("pharmacist"))
    assert got.json()["status"] == "active"
    assert [i["dispensedQuantity"] for i in got.json()["items"]] == [0, 0]
    # The part that is in stock can go.
    metro = rx["items"][0]["id"]
    part = await http.post(
        f"/api/v1/prescriptions/{rx['id']}/dispense",
        json={"items": [{"itemId": metro, "quantity": 15}]},
        headers=world.headers("pharmacist"),
    )
    assert part.status_code == 201 and part.json()["status"] == "partially-dispensed"

    unstocked = (
        await prescribe(
            http, world, patient["id"], [item("nystatin", 100000, unit="unit", quantity=1)]
        )
    ).json()
    r = await http.post(
        f"/api/v1/prescriptions/{unstocked['id']}/dispense",
        json={},
        headers=world.headers("pharmacist"),
    )
    assert r.status_code == 409 and "not stocked" in r.json()["detail"]
    moves = await rows(
        app.state.runtime.db,
        'SELECT kind, quantity FROM "hospital_alpha".stock_movements WHERE prescription_id = :p',
        p=uuid.UUID(rx["id"]),
    )
    assert [tuple(m) for m in moves] == [("dispense", -15)]
