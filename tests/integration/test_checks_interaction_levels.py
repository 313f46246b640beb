"""Interaction levels graded per drug pair, as the prescriber sees them through the check API."""

from __future__ import annotations

from typing import Any

import httpx
from tests.integration.conftest import World, make_patient
from tests.integration.factories_prescribing import check, item, prescribe


async def _interactions(
    http: httpx.AsyncClient, world: World, patient_id: str, items: list[dict[str, Any]]
) -> dict[frozenset[str], dict[str, Any]]:
    r = await check(http, world, patient_id, items)
    assert r.status_code == 200, r.text
    return {frozenset(w["drugIds"]): w for w in r.json()["warnings"] if w["kind"] == "interaction"}


async def test_sedative_pair_needs_no_override_but_sodium_oxybate_with_an_opioid_does(
    http: httpx.AsyncClient, world: World
) -> None:
    doctor = world.headers("doctor", "alpha")
    patient = await make_patient(http, doctor, dateOfBirth="1968-02-11")
    on_tramadol = await prescribe(
        http, world, patient["id"], [item("tramadol", 50, frequency="QID")]
    )
    assert on_tramadol.status_code == 201, on_tramadol.text

    found = await _interactions(
        http,
        world,
        patient["id"],
        [item("gabapentin", 300, frequency="TID"), item("mirtazapine", 15, frequency="OD")],
    )
    sedatives = found[frozenset({"gabapentin", "mirtazapine"})]
    assert sedatives["severity"] == "minor" and sedatives["needsOverride"] is False
    # A gabapentinoid with an opioid: FDA safety communication of 19 December 2019.
    with_opioid = found[frozenset({"gabapentin", "tramadol"})]
    assert with_opioid["severity"] == "major" and with_opioid["needsOverride"] is True
    assert with_opioid["monitoring"]

    found = await _interactions(
        http, world, patient["id"], [item("sodium-oxybate", 2.25, unit="g", frequency="BID")]
    )
    oxybate = found[frozenset({"sodium-oxybate", "tramadol"})]
    assert oxybate["severity"] == "contraindicated" and oxybate["needsOverride"] is True


async def test_torsadogens_with_hydroxychloroquine_and_a_conditional_rule_say_their_level(
    http: httpx.AsyncClient, world: World
) -> None:
    patient = await make_patient(http, world.headers("doctor", "alpha"), dateOfBirth="1975-09-30")
    found = await _interactions(
        http,
        world,
        patient["id"],
        [
            item("hydroxychloroquine", 200, frequency="BID"),
            item("citalopram", 20, frequency="OD"),
            item("moxifloxacin", 400, frequency="OD"),
            item("aspirin", 75, frequency="OD"),
            item("warfarin", 5, frequency="OD"),
        ],
    )
    assert found[frozenset({"hydroxychloroquine", "citalopram"})]["severity"] == "contraindicated"
    assert found[frozenset({"hydroxychloroquine", "moxifloxacin"})]["severity"] == "major"
    # Aspirin 75 mg is an antiplatelet dose: the conditional ANSM entry is graded for it
    # (major, not contraindicated), says why and what to monitor.
    bleeding = found[frozenset({"aspirin", "warfarin"})]
    assert bleeding["severity"] == "major" and bleeding["needsOverride"] is True
    assert "aspirin 75 mg/day (an antiplatelet dose)" in bleeding["message"]
    assert "Contraindicated at anti-inflammatory aspirin doses" in bleeding["message"]
    assert "INR" in bleeding["monitoring"]
    found = await _interactions(
        http,
        world,
        patient["id"],
        [item("aspirin", 1000, frequency="QID"), item("warfarin", 5, frequency="OD")],
    )
    high = found[frozenset({"aspirin", "warfarin"})]
    assert high["severity"] == "contraindicated"
    assert "anti-inflammatory dose" in high["message"]
