"""Every (role × protected endpoint) pair, read from the one role table."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.routing import APIRoute
from tests.integration.conftest import World, make_patient

from hms.auth.deps import Require
from hms.auth.permissions import ROLE_PERMISSIONS, Permission, Role


def _api_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, APIRoute]]:
    out: list[tuple[str, APIRoute]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append((prefix + route.path, route))
        elif hasattr(route, "original_router"):  # an included router
            out += _api_routes(route.original_router.routes, prefix + route.include_context.prefix)
    return out


def protected_routes(app: Any) -> list[tuple[str, str, Permission]]:
    found = []
    for path, route in _api_routes(app.api.routes):
        for dep in route.dependant.dependencies:
            if isinstance(dep.call, Require):
                for method in route.methods:
                    found.append((method, path, dep.call.permission))
    return sorted(found)


async def sample_request(
    http: Any, world: World, method: str, path: str, role: Role
) -> tuple[str, dict[str, Any] | None]:
    """A valid request for the endpoint, so only the permission decides the outcome."""
    unique = uuid.uuid4().hex[:8]
    admin = world.headers("hospital_admin", "alpha")
    if "{patient_id}" in path:
        patient = await make_patient(http, admin, name=f"Role Probe {unique}")
        path = path.replace("{patient_id}", patient["id"])
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/hospitals"): {"slug": f"h{unique}", "name": f"Hospital {unique}"},
        ("POST", "/api/v1/users"): {
            "email": f"{unique}@alpha.example.org",
            "name": "New Nurse",
            "role": "nurse",
            "password": "a-long-enough-password",
            "hospital": "alpha",
        },
        ("POST", "/api/v1/patients"): {
            "name": f"Role {unique}",
            "dateOfBirth": "1970-01-01",
            "gender": "unknown",
        },
        ("PATCH", "/api/v1/patients/{patient_id}"): {"version": 1, "name": "Renamed"},
        ("POST", "/api/v1/announcements"): {"title": "Role check", "body": "hello"},
    }
    template = next((t for (m, t) in bodies if m == method and _matches(t, path)), None)
    return path, bodies.get((method, template)) if template else None


def _matches(template: str, path: str) -> bool:
    t_parts, p_parts = template.split("/"), path.split("/")
    return len(t_parts) == len(p_parts) and all(
        a == b or a.startswith("{") for a, b in zip(t_parts, p_parts, strict=True)
    )


async def test_the_table_covers_every_protected_endpoint(app) -> None:
    routes = protected_routes(app)
    assert len(routes) >= 10
    used = {perm for _, _, perm in routes}
    assert {Permission.MANAGE_HOSPITALS, Permission.MANAGE_USERS, Permission.VIEW_PATIENTS} <= used


@pytest.mark.parametrize("role", list(Role))
async def test_role_against_every_endpoint(http, app, world: World, role: Role) -> None:
    headers = world.headers(role, "alpha")
    for method, template, permission in protected_routes(app):
        path, body = await sample_request(http, world, method, template, role)
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
