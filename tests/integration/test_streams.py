"""Live streams: ``subscribe``/``unsubscribe`` to a patient or a ward, ``vitals:updated`` only to
the screens watching, across instances, and replay after a drop (``auth.lastSeq``)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
import socketio
from sqlalchemy import text
from tests.integration.conftest import World, make_patient, served
from tests.integration.factories_chart import admitted_patient, make_ward, record_vitals

NORMAL = {"heartRate": 72, "systolicBp": 120, "spo2": 98, "respirationRate": 16}


class Screen:
    """A real Socket.IO client that records every event it receives, in order."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.sio.on("*", lambda event, data: self.events.put_nowait((event, data)))

    async def connect(self, url: str, token: str, **auth: Any) -> Screen:
        await self.sio.connect(
            url, auth={"token": token, **auth}, transports=["websocket"], wait_timeout=5
        )
        return self

    async def call(self, event: str, data: Any) -> dict[str, Any]:
        return dict(await self.sio.call(event, data, timeout=5))

    async def next(self, name: str | None = None) -> Any:
        """The next event (named ``name``, skipping the replies to its own calls)."""
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=5)
            if event in ("subscribed", "unsubscribed") and name not in ("subscribed",):
                continue
            if name is None or event == name:
                return event, data
            raise AssertionError(f"expected {name}, got {event}: {data}")

    async def vitals_until(self, patient_id: str) -> list[dict[str, Any]]:
        """``vitals:updated`` events received up to and including the first one of
        ``patient_id`` (a sentinel: events come in seq order, so any event before it has
        arrived by then)."""
        got = []
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=5)
            if event != "vitals:updated":
                continue
            got.append(data)
            if data["patientId"] == patient_id:
                return got

    async def close(self) -> None:
        await self.sio.disconnect()


async def test_subscribe_is_checked_and_audited(http, app, world: World) -> None:
    ward = await make_ward(http, world, beds=("1",))
    patient, _ = await admitted_patient(http, world, ward, "1")
    theirs = await make_patient(http, world.headers("nurse", "beta"))
    their_ward = await make_ward(http, world, "beta", beds=("1",))
    async with served(world.settings) as url:
        doctor = await Screen().connect(url, world.token("doctor", "alpha"))
        admin = await Screen().connect(url, world.token("super_admin", None))
        try:
            ok = await doctor.call("subscribe", {"patientId": patient["id"]})
            assert ok == {"ok": True, "event": "subscribed", "data": {"patientId": patient["id"]}}
            ok = await doctor.call("subscribe", {"ward": ward["id"]})
            assert ok["ok"] is True and ok["data"] == {"ward": ward["id"]}
            for payload in (
                {"patientId": theirs["id"]},
                {"ward": their_ward["id"]},
                {"patientId": str(uuid.uuid4())},
                {"ward": str(uuid.uuid4())},
            ):
                refused = await doctor.call("subscribe", payload)
                assert refused["ok"] is False and refused["error"]["status"] == 404, payload
                assert "in your hospital" in refused["error"]["detail"]
            for payload in ({}, {"patientId": patient["id"], "ward": ward["id"]}, "x", {"a": 1}):
                refused = await doctor.call("subscribe", payload)
                assert refused["ok"] is False and refused["error"]["status"] == 422, payload
            # Platform staff hold no patients:view.
            refused = await admin.call("subscribe", {"patientId": patient["id"]})
            assert refused["ok"] is False and refused["error"]["status"] == 403
            assert "patients:view" in refused["error"]["detail"]
            left = await doctor.call("unsubscribe", {"patientId": patient["id"]})
            assert left["ok"] is True and left["event"] == "unsubscribed"
        finally:
            await doctor.close()
            await admin.close()
    await app.state.runtime.audit.flush()
    async with app.state.runtime.db.engine.connect() as conn:
        outcomes = (
            await conn.execute(
                text(
                    "SELECT outcome FROM hospital_alpha.audit_log "
                    "WHERE action = 'vitals.subscribe' AND patient_id = :p"
                ),
                {"p": patient["id"]},
            )
        ).scalars()
        assert "ok" in set(outcomes)
        refused_foreign = (
            await conn.execute(
                text(
                    "SELECT count(*) FROM hospital_alpha.audit_log "
                    "WHERE action = 'vitals.subscribe' AND patient_id = :p "
                    "AND outcome = 'refused:404'"
                ),
                {"p": theirs["id"]},
            )
        ).scalar()
        assert refused_foreign == 1


async def test_only_the_screens_watching_receive_vitals(world: World) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        ward = await make_ward(http, world, beds=("1", "2"))
        patient, _ = await admitted_patient(http, world, ward, "1")
        other, _ = await admitted_patient(http, world, await make_ward(http, world), "1")
        chart = await Screen().connect(url, world.token("doctor", "alpha"))
        station = await Screen().connect(url, world.token("nurse", "alpha"))
        elsewhere = await Screen().connect(url, world.token("nurse", "alpha"))
        try:
            assert (await chart.call("subscribe", {"patientId": patient["id"]}))["ok"]
            assert (await station.call("subscribe", {"ward": ward["id"]}))["ok"]
            assert (await elsewhere.call("subscribe", {"patientId": other["id"]}))["ok"]
            nurse = world.headers("nurse", "alpha")
            r = await record_vitals(http, nurse, patient["id"], **NORMAL)
            assert r.status_code == 201
            for screen in (chart, station):
                event, data = await screen.next("vitals:updated")
                assert data["id"] == r.json()["id"] and data["news2"]["total"] >= 0
                assert isinstance(data["seq"], int)
            # The screen watching another patient receives that patient's set and nothing
            # before it: the first set never reached it.
            sentinel = await record_vitals(http, nurse, other["id"], **NORMAL)
            got = await elsewhere.vitals_until(other["id"])
            assert [e["id"] for e in got] == [sentinel.json()["id"]]
            # After unsubscribing, the chart receives nothing more of the patient.
            assert (await chart.call("unsubscribe", {"patientId": patient["id"]}))["ok"]
            assert (await chart.call("subscribe", {"patientId": other["id"]}))["ok"]
            await record_vitals(http, nurse, patient["id"], **NORMAL)
            last = await record_vitals(http, nurse, other["id"], **NORMAL)
            got = await chart.vitals_until(other["id"])
            assert [e["id"] for e in got] == [last.json()["id"]]
        finally:
            for screen in (chart, station, elsewhere):
                await screen.close()


async def test_a_reading_recorded_on_one_instance_reaches_a_screen_on_another(
    world: World,
) -> None:
    async with served(world.settings) as a, served(world.settings) as b:
        async with httpx.AsyncClient(base_url=a) as http:
            ward = await make_ward(http, world, beds=("1",))
            patient, _ = await admitted_patient(http, world, ward, "1")
            station = await Screen().connect(b, world.token("nurse", "alpha"))
            try:
                assert (await station.call("subscribe", {"ward": ward["id"]}))["ok"]
                r = await record_vitals(
                    http, world.headers("nurse", "alpha"), patient["id"], **NORMAL
                )
                _, data = await station.next("vitals:updated")
                assert data["id"] == r.json()["id"] and data["patientId"] == patient["id"]
            finally:
                await station.close()


async def test_a_screen_that_drops_gets_what_it_missed_once_in_order(world: World) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        nurse = world.headers("nurse", "alpha")
        ward = await make_ward(http, world, beds=("1",))
        patient, _ = await admitted_patient(http, world, ward, "1")
        unwatched = await make_patient(http, nurse)
        foreign = await make_patient(http, world.headers("nurse", "beta"))
        subscriptions = [{"patientId": patient["id"]}, {"ward": ward["id"]}]
        token = world.token("doctor", "alpha")
        screen = await Screen().connect(url, token, subscriptions=subscriptions)
        first = await record_vitals(http, nurse, patient["id"], **NORMAL)
        _, seen = await screen.next("vitals:updated")
        assert seen["id"] == first.json()["id"]
        await screen.close()
        # While it is away: sets of its patient (in its patient and ward rooms both), one of
        # a patient it does not watch, and the other hospital's.
        missed = []
        for heart_rate in (80, 90, 100):
            r = await record_vitals(
                http, nurse, patient["id"], **{**NORMAL, "heartRate": heart_rate}
            )
            missed.append(r.json()["id"])
            await record_vitals(http, nurse, unwatched["id"], **NORMAL)
            beta = world.headers("nurse", "beta")
            await record_vitals(http, beta, foreign["id"], **NORMAL)
        back = await Screen().connect(url, token, lastSeq=seen["seq"], subscriptions=subscriptions)
        try:
            live = await record_vitals(http, nurse, patient["id"], **NORMAL)
            got = await back.vitals_until(patient["id"])
            while got[-1]["id"] != live.json()["id"]:
                got += await back.vitals_until(patient["id"])
            assert [e["id"] for e in got] == [*missed, live.json()["id"]]
            seqs = [e["seq"] for e in got]
            assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) and seqs[0] > seen["seq"]
            assert all(e["patientId"] == patient["id"] for e in got)
            # Nothing else came: no foreign or unwatched set, no second copy.
            await record_vitals(http, nurse, patient["id"], **NORMAL)
            _, after = await back.next("vitals:updated")
            assert after["seq"] > seqs[-1]
        finally:
            await back.close()


async def test_events_arriving_during_the_replay_come_after_it_once(world: World) -> None:
    async with served(world.settings) as a, served(world.settings) as b:
        async with httpx.AsyncClient(base_url=a) as http:
            nurse = world.headers("nurse", "alpha")
            patient = await make_patient(http, nurse)
            subscriptions = [{"patientId": patient["id"]}]
            token = world.token("nurse", "alpha")
            screen = await Screen().connect(b, token, subscriptions=subscriptions)
            await record_vitals(http, nurse, patient["id"], **NORMAL)
            _, seen = await screen.next("vitals:updated")
            await screen.close()
            missed = []
            for _ in range(5):
                r = await record_vitals(http, nurse, patient["id"], **NORMAL)
                missed.append(r.json()["id"])

            async def keep_recording() -> list[str]:
                ids = []
                for _ in range(15):
                    r = await record_vitals(http, nurse, patient["id"], **NORMAL)
                    ids.append(r.json()["id"])
                return ids

            # Sets keep coming on instance A while the screen reconnects to B and is replayed
            # to: whatever the interleaving, each arrives once and in seq order.
            writer = asyncio.create_task(keep_recording())
            back = await Screen().connect(
                b, token, lastSeq=seen["seq"], subscriptions=subscriptions
            )
            try:
                during = await writer
                last = await record_vitals(http, nurse, patient["id"], **NORMAL)
                got: list[dict[str, Any]] = []
                while not got or got[-1]["id"] != last.json()["id"]:
                    got += await back.vitals_until(patient["id"])
                assert [e["id"] for e in got] == [*missed, *during, last.json()["id"]]
                seqs = [e["seq"] for e in got]
                assert seqs == sorted(set(seqs)) and seqs[0] > seen["seq"]
            finally:
                await back.close()


async def test_a_gap_older_than_the_log_asks_for_a_reload(world: World) -> None:
    settings = world.settings.model_copy(update={"event_log_max_len": 3})
    async with served(settings) as url, httpx.AsyncClient(base_url=url) as http:
        nurse = world.headers("nurse", "alpha")
        patient = await make_patient(http, nurse)
        subscriptions = [{"patientId": patient["id"]}]
        token = world.token("nurse", "alpha")
        screen = await Screen().connect(url, token, subscriptions=subscriptions)
        await record_vitals(http, nurse, patient["id"], **NORMAL)
        _, seen = await screen.next("vitals:updated")
        await screen.close()
        for _ in range(5):
            await record_vitals(http, nurse, patient["id"], **NORMAL)
        back = await Screen().connect(url, token, lastSeq=seen["seq"], subscriptions=subscriptions)
        try:
            event, data = await back.next()
            assert event == "resync" and data == {"lastSeq": seen["seq"]}
            # Live events still come after it.
            r = await record_vitals(http, nurse, patient["id"], **NORMAL)
            got = await back.vitals_until(patient["id"])
            assert got[-1]["id"] == r.json()["id"]
        finally:
            await back.close()


async def test_a_refused_handshake_subscription_is_reported(world: World) -> None:
    async with served(world.settings) as url, httpx.AsyncClient(base_url=url) as http:
        theirs = await make_patient(http, world.headers("nurse", "beta"))
        screen = await Screen().connect(
            url, world.token("nurse", "alpha"), subscriptions=[{"patientId": theirs["id"]}]
        )
        try:
            event, data = await screen.next()
            assert event == "subscribe:refused" and data["error"]["status"] == 404
            assert data["subscription"] == {"patientId": theirs["id"]}
        finally:
            await screen.close()


async def test_a_malformed_last_seq_is_refused(world: World) -> None:
    async with served(world.settings) as url:
        screen = Screen()
        errors: list[Any] = []
        screen.sio.on("connect_error", errors.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await screen.connect(url, world.token("nurse", "alpha"), lastSeq="x")
        assert errors and "lastSeq" in errors[0]["message"]
