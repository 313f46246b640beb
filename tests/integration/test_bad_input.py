"""Bad input on every protected endpoint: a clear 4xx in problem+json, never a 5xx.

Each endpoint's valid sample request (role_samples*.py) is sent again spoiled: malformed
JSON, a JSON array, an unknown field, each field and each query parameter replaced by a
value of the wrong kind, and each id in the path replaced by garbage or by an id that does
not exist. The caller is a role
the endpoint allows, so the permission check does not hide what the input does.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from tests.integration.conftest import World, client
from tests.integration.role_samples import SAMPLES
from tests.integration.test_roles import protected_routes

from hms.pipeline.permissions import ROLE_PERMISSIONS, Permission, Role

# Tried in this order; super admins have no hospital, so they come last.
ROLES = [r for r in Role if r != Role.SUPER_ADMIN] + [Role.SUPER_ADMIN]
WRONG_VALUES: list[Any] = [
    None,
    "",
    "not-a-value",
    "nul \x00 byte",
    -1,
    10**20,
    1.5,
    True,
    [],
    {"x": 1},
]
WRONG_QUERY_VALUES = ["", "-1", "100000000000000000000", "not-a-value", "%00"]
UUID_IN_PATH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _role_for(permission: Permission) -> Role:
    return next(r for r in ROLES if permission in ROLE_PERMISSIONS[r])


def _spoiled_bodies(body: dict[str, Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [
        ("malformed JSON", b'{"not json'),
        ("a JSON array", b"[1, 2]"),
        ("a JSON string", b'"text"'),
    ]
    for key in body:
        out += [(f"{key}={value!r}", {**body, key: value}) for value in WRONG_VALUES]
    return out


def _spoiled_paths(path: str) -> list[tuple[str, str, bool]]:
    """(label, path, must_fail): an id in the path must be refused; one in the query string
    is a filter, where an unknown id may just match nothing."""
    out = []
    query_at = path.find("?") if "?" in path else len(path)
    for found in UUID_IN_PATH.finditer(path):
        for label, value in (("garbage id", "not-an-id"), ("unknown id", str(uuid.uuid4()))):
            spoiled = path[: found.start()] + value + path[found.end() :]
            out.append((label, spoiled, found.start() < query_at or label == "garbage id"))
    return out


def _spoiled_queries(path: str) -> list[tuple[str, str]]:
    base, _, query = path.partition("?")
    params = [p.partition("=") for p in query.split("&") if p]
    out = []
    for i, (name, _, _) in enumerate(params):
        for value in WRONG_QUERY_VALUES:
            spoiled = [(n, value if j == i else v) for j, (n, _, v) in enumerate(params)]
            out.append((f"?{name}={value}", base + "?" + "&".join(f"{n}={v}" for n, v in spoiled)))
    return out


def _check(r: httpx.Response, what: str, problems: list[str]) -> None:
    if r.status_code >= 500:
        problems.append(f"{what}: {r.status_code} {r.text[:200]}")
    elif r.status_code >= 400:
        if not r.headers.get("content-type", "").startswith("application/problem+json"):
            problems.append(f"{what}: {r.status_code} is not problem+json")
        elif not r.json().get("detail"):
            problems.append(f"{what}: {r.status_code} has no detail")


async def _send(
    http: httpx.AsyncClient, method: str, path: str, body: Any, headers: dict[str, str]
) -> httpx.Response:
    try:
        if isinstance(body, bytes):
            headers = {**headers, "content-type": "application/json"}
            return await http.request(method, path, content=body, headers=headers)
        return await http.request(method, path, json=body, headers=headers)
    except Exception as exc:  # the in-process transport re-raises what became a 500
        return httpx.Response(500, text=f"{type(exc).__name__}: {exc}")


async def test_every_endpoint_answers_bad_input_with_a_clear_4xx(http, app, world: World) -> None:
    problems: list[str] = []
    for method, template, permission in protected_routes(app):
        headers = world.headers(_role_for(permission), "alpha")
        path, body = await SAMPLES[(method, template)](http, world)
        if isinstance(body, dict):
            for label, spoiled in _spoiled_bodies(body):
                r = await _send(http, method, path, spoiled, headers)
                _check(r, f"{method} {template} with {label}", problems)
            r = await _send(http, method, path, {**body, "zzUnknownField": 1}, headers)
            _check(r, f"{method} {template} with an unknown field", problems)
            if r.status_code != 422:
                problems.append(f"{method} {template}: unknown field answered {r.status_code}")
        for label, spoiled_path in _spoiled_queries(path):
            r = await _send(http, method, spoiled_path, body, headers)
            _check(r, f"{method} {template} with {label}", problems)
        for label, spoiled_path, must_fail in _spoiled_paths(path):
            r = await _send(http, method, spoiled_path, body, headers)
            _check(r, f"{method} {template} with {label}", problems)
            if must_fail and r.status_code < 400:
                problems.append(f"{method} {template} with {label}: {r.status_code}")
    assert not problems, "\n".join(problems)


async def test_auth_endpoints_answer_bad_input_with_a_clear_4xx(app) -> None:
    # Its own client address and an unknown account: the login limits of other tests' callers
    # are not spent here.
    # Logging out an unknown refresh token is a no-op (204) by design: it reveals nothing.
    samples = [
        ("/api/v1/auth/login", {"email": "nobody@nowhere.example.org", "password": "wrong"}, True),
        ("/api/v1/auth/refresh", {"refreshToken": "not-a-real-refresh-token"}, True),
        ("/api/v1/auth/logout", {"refreshToken": "not-a-real-refresh-token"}, False),
    ]
    problems: list[str] = []
    async with client(app, ip="10.0.9.9") as http:
        for path, body, must_fail in samples:
            for label, spoiled in [*_spoiled_bodies(body), ("unknown field", {**body, "zz": 1})]:
                r = await _send(http, "POST", path, spoiled, {})
                _check(r, f"POST {path} with {label}", problems)
                if must_fail and r.status_code < 400:
                    problems.append(f"POST {path} with {label}: {r.status_code}")
    assert not problems, "\n".join(problems)
