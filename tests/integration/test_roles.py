"""Every (role × protected endpoint) pair, read from the one role table."""

from __future__ import annotations

from typing import Any

import pytest
from tests.integration.conftest import World, api_routes
from tests.integration.role_samples import SAMPLES, load_all_samples

from hms.pipeline import Operation
from hms.pipeline.permissions import ROLE_PERMISSIONS, Permission, Role


def _requirements(route: Any) -> list[Operation]:
    # FastAPI routes and the plain Starlette read alike (hms.pipeline.http.endpoint); routes
    # of another door than the user's bearer token (devices) are tested with that door.
    if getattr(route.endpoint, "door", "bearer") != "bearer":
        return []
    op = getattr(route.endpoint, "operation", None)
    return [op] if isinstance(op, Operation) and op.permission is not None else []


load_all_samples()


def protected_routes(app: Any) -> list[tuple[str, str, Permission]]:
    found = []
    for path, route in api_routes(app):
        for requirement in _requirements(route):
            for method in route.methods - {"HEAD"}:
                found.append((method, path, requirement.permission))
    return sorted(found)


async def test_the_table_covers_every_protected_endpoint(app) -> None:
    routes = protected_routes(app)
    assert len(routes) >= 10
    # a plain Starlette endpoint (hms.pipeline.http.endpoint(op, openapi=...)) is found too
    assert ("GET", "/api/v1/patients/{patient_id}", Permission.VIEW_PATIENTS) in routes
    used = {perm for _, _, perm in routes}
    assert {Permission.MANAGE_HOSPITALS, Permission.MANAGE_USERS, Permission.VIEW_PATIENTS} <= used


async def test_every_protected_endpoint_has_a_sample(app) -> None:
    missing = [(m, t) for m, t, _ in protected_routes(app) if (m, t) not in SAMPLES]
    assert not missing, f"add builders to tests/integration/role_samples.py for {missing}"


@pytest.mark.parametrize("role", list(Role))
async def test_role_against_every_endpoint(http, app, world: World, role: Role) -> None:
    headers = world.headers(role, "alpha")
    for method, template, permission in protected_routes(app):
        if (method, template) not in SAMPLES:
            continue  # reported by test_every_protected_endpoint_has_a_sample
        path, body = await SAMPLES[(method, template)](http, world)
        r = await http.request(method, path, json=body, headers=headers)
        allowed = permission in ROLE_PERMISSIONS[role]
        if allowed:
            assert r.status_code < 400, (role, method, template, r.status_code, r.text)
        else:
            assert r.status_code == 403, (role, method, template, r.status_code, r.text)
            assert permission.value in r.json()["detail"]


async def test_hospital_admin_manages_only_own_hospital(http, world: World) -> None:
    admin = world.headers("hospital_admin", "alpha")
    other = await http.post(
        "/api/v1/users",
        json={
            "email": "intruder@beta.example.org",
            "name": "X",
            "role": "doctor",
            "password": "a-long-enough-password",
            "hospital": "beta",
        },
        headers=admin,
    )
    assert other.status_code == 403
    superuser = await http.post(
        "/api/v1/users",
        json={
            "email": "promote@alpha.example.org",
            "name": "X",
            "role": "super_admin",
            "password": "a-long-enough-password",
        },
        headers=admin,
    )
    assert superuser.status_code == 403
    listed = (await http.get("/api/v1/users", headers=admin)).json()
    assert listed and all(u["email"].endswith("@alpha.example.org") for u in listed)
    everyone = (await http.get("/api/v1/users", headers=world.headers("super_admin"))).json()
    assert any(u["email"].endswith("@beta.example.org") for u in everyone)
