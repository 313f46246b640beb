"""Role-test samples for bedside devices: register, list, revoke. Readings come through the
device door (HTTP Basic), not a user's role, and are tested in test_devices.py."""

from __future__ import annotations

import httpx
from tests.integration.conftest import World
from tests.integration.role_samples import Body, sample, unique


async def make_device(http: httpx.AsyncClient, world: World, hospital: str = "alpha") -> dict:
    r = await http.post(
        "/api/v1/devices",
        json={"serial": f"MON-{unique()}", "kind": "bedside-monitor"},
        headers=world.headers("hospital_admin", hospital),
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


@sample("POST", "/api/v1/devices")
async def _device_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/devices", {"serial": f"MON-{unique()}", "kind": "bedside-monitor"}


@sample("GET", "/api/v1/devices")
async def _device_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/devices", None


@sample("POST", "/api/v1/devices/{device_id}/revoke")
async def _device_revoke(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/devices/{(await make_device(http, world))['id']}/revoke", None
