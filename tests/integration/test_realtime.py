"""Live announcements over Socket.IO, across two server instances sharing Redis."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import jwt
import pytest
import socketio
from tests.integration.conftest import World, served


async def _connect(url: str, token: str) -> tuple[socketio.AsyncClient, asyncio.Queue]:
    received: asyncio.Queue = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)
    sio.on("announcement:new", lambda data: received.put_nowait(data))
    await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)
    return sio, received


async def test_announcement_reaches_own_hospital_on_any_instance(world: World) -> None:
    async with served(world.settings) as one, served(world.settings) as two:
        nurse_alpha, alpha_inbox = await _connect(two, world.token("nurse", "alpha"))
        doctor_alpha, doctor_inbox = await _connect(one, world.token("doctor", "alpha"))
        nurse_beta, beta_inbox = await _connect(two, world.token("nurse", "beta"))
        try:
            title = f"Fire drill {uuid.uuid4().hex[:6]}"
            async with httpx.AsyncClient(base_url=one) as http:
                r = await http.post(
                    "/api/v1/announcements",
                    json={"title": title, "body": "At 3 pm, east wing."},
                    headers=world.headers("hospital_admin", "alpha"),
                )
                assert r.status_code == 201, r.text
            got = await asyncio.wait_for(alpha_inbox.get(), timeout=1.0)
            assert got["title"] == title and got["author"]["name"] == "hospital_admin of alpha"
            assert (await asyncio.wait_for(doctor_inbox.get(), timeout=1.0))["title"] == title
            await asyncio.sleep(0.3)
            assert beta_inbox.empty()
            async with httpx.AsyncClient(base_url=two) as http:
                listed = await http.get(
                    "/api/v1/announcements", headers=world.headers("nurse", "beta")
                )
                assert title not in listed.text
                own = await http.get(
                    "/api/v1/announcements", headers=world.headers("nurse", "alpha")
                )
                assert own.json()["items"][0]["title"] == title
        finally:
            for client in (nurse_alpha, doctor_alpha, nurse_beta):
                await client.disconnect()


@pytest.mark.parametrize("token", ["", "not-a-jwt"])
async def test_handshake_needs_a_valid_token(world: World, token: str) -> None:
    async with served(world.settings) as url:
        sio = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=5)


def _token_expiring_in(world: World, seconds: int) -> str:
    """The alpha nurse's access token, re-signed to expire ``seconds`` from now."""
    claims = jwt.decode(world.token("nurse", "alpha"), options={"verify_signature": False})
    claims["exp"] = int(time.time()) + seconds
    return jwt.encode(claims, world.settings.secret(), "HS256")


async def test_handshake_refuses_an_expired_token(world: World) -> None:
    async with served(world.settings) as url:
        sio = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await sio.connect(
                url, auth={"token": _token_expiring_in(world, -1)}, transports=["websocket"]
            )


async def test_socket_is_closed_when_its_token_expires(world: World) -> None:
    async with served(world.settings) as url:
        closed = asyncio.Event()
        short = socketio.AsyncClient(reconnection=False)
        short.on("disconnect", lambda *_: closed.set())
        await short.connect(
            url, auth={"token": _token_expiring_in(world, 2)}, transports=["websocket"]
        )
        other, inbox = await _connect(url, world.token("nurse", "alpha"))
        try:
            assert short.connected
            await asyncio.wait_for(closed.wait(), timeout=10)
            assert not short.connected
            # a socket whose token is still valid stays open and keeps receiving events
            async with httpx.AsyncClient(base_url=url) as http:
                r = await http.post(
                    "/api/v1/announcements",
                    json={"title": "Still here", "body": "After the other token expired."},
                    headers=world.headers("hospital_admin", "alpha"),
                )
                assert r.status_code == 201, r.text
            assert (await asyncio.wait_for(inbox.get(), timeout=1.0))["title"] == "Still here"
        finally:
            await other.disconnect()
