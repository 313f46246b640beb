"""Admissions, transfers and discharges pushed live over Socket.IO to the own hospital only.

Events reach one client in the order they were emitted, so "the next event is the one of
the following write" proves that nothing was sent in between, without waiting for silence.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import socketio
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_chart import admit, admitted_patient, bed, make_ward

EVENTS = ("encounter:admitted", "encounter:transferred", "encounter:discharged")


async def _listen(url: str, token: str) -> tuple[socketio.AsyncClient, asyncio.Queue]:
    inbox: asyncio.Queue = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)
    for name in EVENTS:
        sio.on(name, lambda data, name=name: inbox.put_nowait((name, data)))
    await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)
    return sio, inbox


_last_seq: dict[int, int] = {}


async def _next(inbox: asyncio.Queue) -> tuple[str, dict[str, Any]]:
    """The next event, without its ``seq``; each hospital numbers its events upwards."""
    name, data = await asyncio.wait_for(inbox.get(), timeout=5)
    seq = data.pop("seq")
    assert isinstance(seq, int) and seq > _last_seq.get(id(inbox), 0)
    _last_seq[id(inbox)] = seq
    return name, data


def _event(
    encounter: dict[str, Any],
    status: str,
    to: tuple[dict[str, Any], str] | None,
    came_from: tuple[dict[str, Any], str] | None,
) -> dict[str, Any]:
    return {
        "encounterId": encounter["id"],
        "patientId": encounter["patientId"],
        "kind": "inpatient",
        "status": status,
        "wardId": to[0]["id"] if to else None,
        "bedId": bed(*to) if to else None,
        "fromWardId": came_from[0]["id"] if came_from else None,
        "fromBedId": bed(*came_from) if came_from else None,
    }


async def test_admission_transfer_and_discharge_reach_only_the_own_hospital(
    world: World,
) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        ward = await make_ward(http, world)
        beta_ward = await make_ward(http, world, "beta")
        nurse = world.headers("nurse", "alpha")
        alpha, alpha_inbox = await _listen(url, world.token("nurse", "alpha"))
        beta, beta_inbox = await _listen(url, world.token("nurse", "beta"))
        try:
            _, encounter = await admitted_patient(http, world, ward, "1")
            assert await _next(alpha_inbox) == (
                "encounter:admitted",
                _event(encounter, "open", (ward, "1"), None),
            )

            other = await make_patient(http, nurse)
            refused = await admit(http, nurse, other["id"], ward, "1")
            assert refused.status_code == 409, refused.text

            moved = await http.post(
                f"/api/v1/encounters/{encounter['id']}/transfer",
                json={"wardId": ward["id"], "bedId": bed(ward, "2")},
                headers=nurse,
            )
            assert moved.status_code == 200, moved.text
            # The next event is the transfer: the refused admission sent nothing.
            assert await _next(alpha_inbox) == (
                "encounter:transferred",
                _event(encounter, "open", (ward, "2"), (ward, "1")),
            )

            done = await http.post(
                f"/api/v1/encounters/{encounter['id']}/discharge",
                json={"disposition": "home", "diagnoses": ["J18.9"]},
                headers=nurse,
            )
            assert done.status_code == 200, done.text
            assert await _next(alpha_inbox) == (
                "encounter:discharged",
                _event(encounter, "closed", None, (ward, "2")),
            )

            _, beta_encounter = await admitted_patient(http, world, beta_ward, "1", "beta")
            # Beta's first event is its own admission: none of alpha's three reached it.
            assert await _next(beta_inbox) == (
                "encounter:admitted",
                _event(beta_encounter, "open", (beta_ward, "1"), None),
            )
            again = await admit(http, nurse, other["id"], ward, "1")
            assert again.status_code == 201, again.text
            # And alpha's next event is its own admission, not beta's.
            event, data = await _next(alpha_inbox)
            assert (event, data["encounterId"]) == ("encounter:admitted", again.json()["id"])
        finally:
            await alpha.disconnect()
            await beta.disconnect()
