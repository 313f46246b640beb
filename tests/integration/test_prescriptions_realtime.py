"""Live prescribing over Socket.IO, across two server instances sharing Redis:
``prescription:create`` → ack and ``prescription:created``; pharmacists of the hospital get
``prescription:new``; the prescriber gets ``prescription:status``; no other hospital hears."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import socketio
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_prescribing import item, stock_drug

EVENTS = ("prescription:new", "prescription:created", "prescription:status")


class Inbox:
    def __init__(self) -> None:
        self.queues: dict[str, asyncio.Queue[Any]] = {e: asyncio.Queue() for e in EVENTS}

    async def get(self, event: str, timeout: float = 2.0) -> Any:
        return await asyncio.wait_for(self.queues[event].get(), timeout)

    def empty(self) -> bool:
        return all(q.empty() for q in self.queues.values())


async def _connect(url: str, token: str) -> tuple[socketio.AsyncClient, Inbox]:
    inbox = Inbox()
    sio = socketio.AsyncClient(reconnection=False)
    for event in EVENTS:
        sio.on(event, lambda data, e=event: inbox.queues[e].put_nowait(data))
    await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)
    return sio, inbox


async def test_create_over_socket_reaches_pharmacists_on_another_instance(world: World) -> None:
    async with served(world.settings) as one, served(world.settings) as two:
        async with httpx.AsyncClient(base_url=one) as http:
            await stock_drug(http, world, "cefuroxime", 100)
            patient = await make_patient(http, world.headers("doctor"), name="Live Patient")
        doctor, doctor_inbox = await _connect(one, world.token("doctor", "alpha"))
        pharmacist, pharmacy_inbox = await _connect(two, world.token("pharmacist", "alpha"))
        other_pharmacist, other_inbox = await _connect(two, world.token("pharmacist", "beta"))
        other_doctor, other_doctor_inbox = await _connect(one, world.token("doctor", "beta"))
        try:
            body = {
                "patientId": patient["id"],
                "items": [item("cefuroxime", 500, frequency="BID", quantity=10)],
                "idempotencyKey": str(uuid.uuid4()),
            }
            ack = await doctor.call("prescription:create", body, timeout=5)
            assert ack["ok"] is True and ack["event"] == "prescription:created", ack
            created = ack["data"]
            assert created["status"] == "active" and created["patient"]["name"] == "Live Patient"
            assert (await doctor_inbox.get("prescription:created"))["id"] == created["id"]
            new = await pharmacy_inbox.get("prescription:new")
            assert new["id"] == created["id"] and new["items"][0]["drugId"] == "cefuroxime"

            # A retry with the same key answers with the same prescription.
            again = await doctor.call("prescription:create", body, timeout=5)
            assert again["ok"] is True and again["data"]["id"] == created["id"]

            async with httpx.AsyncClient(base_url=two) as http:
                r = await http.post(
                    f"/api/v1/prescriptions/{created['id']}/dispense",
                    json={},
                    headers=world.headers("pharmacist"),
                )
                assert r.status_code == 201, r.text
            status = await doctor_inbox.get("prescription:status")
            assert status["id"] == created["id"] and status["status"] == "fully-dispensed"
            assert status["previousStatus"] == "active"
            assert (await pharmacy_inbox.get("prescription:status"))["id"] == created["id"]

            await asyncio.sleep(0.3)
            assert other_inbox.empty() and other_doctor_inbox.empty()
        finally:
            for client in (doctor, pharmacist, other_pharmacist, other_doctor):
                await client.disconnect()


async def test_socket_refusals_come_back_as_problems(world: World) -> None:
    async with served(world.settings) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            patient = await make_patient(http, world.headers("doctor"))
            beta_patient = await make_patient(http, world.headers("doctor", "beta"))
            r = await http.post(
                "/api/v1/prescriptions",
                json={
                    "patientId": patient["id"],
                    "items": [item("simvastatin", 20, frequency="OD")],
                },
                headers=world.headers("doctor"),
            )
            assert r.status_code == 201
        doctor, inbox = await _connect(url, world.token("doctor", "alpha"))
        nurse, _ = await _connect(url, world.token("nurse", "alpha"))
        pharmacist, pharmacy_inbox = await _connect(url, world.token("pharmacist", "alpha"))
        try:
            clash = {
                "patientId": patient["id"],
                "items": [item("clarithromycin", 250, frequency="BID")],
            }
            ack = await doctor.call("prescription:create", clash, timeout=5)
            assert ack["ok"] is False
            assert ack["error"]["status"] == 409 and ack["error"]["title"] == "Override required"
            assert ack["error"]["missingOverrides"] == ["interaction:simvastatin:clarithromycin"]

            bad = {
                "patientId": patient["id"],
                "items": [item("amoxicillin", frequency="hourly-ish")],
            }
            ack = await doctor.call("prescription:create", bad, timeout=5)
            assert ack["error"]["status"] == 422
            assert ack["error"]["errors"][0]["field"] == "items.0.frequency"

            ack = await nurse.call("prescription:create", clash, timeout=5)
            assert ack["error"]["status"] == 403

            foreign = {"patientId": beta_patient["id"], "items": [item("amoxicillin")]}
            ack = await doctor.call("prescription:create", foreign, timeout=5)
            assert ack["error"]["status"] == 404

            await asyncio.sleep(0.3)
            assert inbox.empty() and pharmacy_inbox.empty()
        finally:
            for client in (doctor, nurse, pharmacist):
                await client.disconnect()
