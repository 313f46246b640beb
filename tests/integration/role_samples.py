"""A valid request for every protected endpoint, so the role test sees only the permission decide.

Each new protected endpoint registers a builder here with ``@sample(method, path_template)``:
an async function ``(http, world) -> (path, json_body_or_None)`` that creates whatever the
request needs in hospital ``alpha`` (using a role that may create it) and returns the path
with its ids filled in. The role test fails for a protected endpoint with no builder.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from tests.integration.conftest import World, make_patient

Body = dict[str, Any] | None
Builder = Callable[[httpx.AsyncClient, World], Awaitable[tuple[str, Body]]]
SAMPLES: dict[tuple[str, str], Builder] = {}


def sample(method: str, template: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        SAMPLES[(method, template)] = builder
        return builder

    return register


def load_all_samples() -> None:
    """Import every ``role_samples_<area>.py`` beside this file, which registers its builders."""
    here = Path(__file__).parent
    for path in sorted(here.glob("role_samples_*.py")):
        importlib.import_module(f"tests.integration.{path.stem}")


def unique() -> str:
    return uuid.uuid4().hex[:8]


async def alpha_patient(http: httpx.AsyncClient, world: World) -> dict[str, Any]:
    return await make_patient(
        http, world.headers("hospital_admin", "alpha"), name=f"Probe {unique()}"
    )


@sample("POST", "/api/v1/hospitals")
async def _hospital_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    u = unique()
    return "/api/v1/hospitals", {"slug": f"h{u}", "name": f"Hospital {u}"}


@sample("GET", "/api/v1/hospitals")
async def _hospital_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/hospitals", None


@sample("PATCH", "/api/v1/hospitals/{slug}")
async def _hospital_update(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    # alpha's own name again: allowed roles change nothing other tests rely on.
    return "/api/v1/hospitals/alpha", {"name": "Hospital Alpha"}


@sample("POST", "/api/v1/users")
async def _user_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    body = {
        "email": f"{unique()}@alpha.example.org",
        "name": "New Nurse",
        "role": "nurse",
        "password": "a-long-enough-password",
        "hospital": "alpha",
    }
    return "/api/v1/users", body


@sample("GET", "/api/v1/users")
async def _user_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/users", None


@sample("PATCH", "/api/v1/users/{user_id}")
async def _user_update(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    path, body = await _user_create(http, world)
    r = await http.post(path, json=body, headers=world.headers("super_admin"))
    assert r.status_code == 201, r.text
    return f"/api/v1/users/{r.json()['id']}", {"name": "Renamed Nurse"}


@sample("POST", "/api/v1/patients")
async def _patient_create(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    body = {"name": f"Role {unique()}", "dateOfBirth": "1970-01-01", "gender": "unknown"}
    return "/api/v1/patients", body


@sample("GET", "/api/v1/patients")
async def _patient_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/patients", None


@sample("GET", "/api/v1/patients/{patient_id}")
async def _patient_get(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return f"/api/v1/patients/{(await alpha_patient(http, world))['id']}", None


@sample("PATCH", "/api/v1/patients/{patient_id}")
async def _patient_update(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    patient = await alpha_patient(http, world)
    return f"/api/v1/patients/{patient['id']}", {"version": 1, "name": "Renamed"}


@sample("POST", "/api/v1/announcements")
async def _announcement_post(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/announcements", {"title": "Role check", "body": "hello"}


@sample("GET", "/api/v1/announcements")
async def _announcement_list(http: httpx.AsyncClient, world: World) -> tuple[str, Body]:
    return "/api/v1/announcements", None
