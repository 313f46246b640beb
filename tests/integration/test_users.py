"""User administration: changing, disabling and resetting users, their sessions, the audit."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from sqlalchemy import text
from tests.integration.conftest import World

from hms.auth.service import set_active_by_email
from hms.platform.db import Database

NEW_PASSWORD = "a-long-enough-password"


async def make_user(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    *,
    role: str = "nurse",
    hospital: str = "alpha",
) -> dict[str, Any]:
    body = {
        "email": f"u{uuid.uuid4().hex[:8]}@{hospital}.example.org",
        "name": "Test User",
        "role": role,
        "password": NEW_PASSWORD,
        "hospital": hospital,
    }
    r = await http.post("/api/v1/users", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def login(
    http: httpx.AsyncClient, email: str, password: str = NEW_PASSWORD
) -> httpx.Response:
    return await http.post("/api/v1/auth/login", json={"email": email, "password": password})


async def refresh(http: httpx.AsyncClient, tokens: dict[str, Any]) -> httpx.Response:
    return await http.post("/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]})


async def my_id(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    return str((await http.get("/api/v1/auth/me", headers=headers)).json()["id"])


async def audit_rows(world: World, user_id: str) -> list[Any]:
    db = Database(world.settings.database_url or "")
    try:
        async with db.engine.connect() as conn:
            return list(
                await conn.execute(
                    text(
                        "SELECT action, outcome, actor_role, detail FROM public.audit_log "
                        "WHERE detail->>'userId' = :id ORDER BY id"
                    ),
                    {"id": user_id},
                )
            )
    finally:
        await db.dispose()


async def test_admin_changes_a_user_and_every_change_is_audited(http, world: World) -> None:
    admin = world.headers("hospital_admin", "alpha")
    user = await make_user(http, admin)
    r = await http.patch(
        f"/api/v1/users/{user['id']}",
        json={"name": "Renamed", "role": "doctor", "password": "another-long-password"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Renamed" and r.json()["role"] == "doctor"
    assert (await login(http, user["email"], "another-long-password")).status_code == 200

    rows = await audit_rows(world, user["id"])
    assert [(row.action, row.outcome, row.actor_role) for row in rows] == [
        ("user.create", "ok", "hospital_admin"),
        ("user.update", "ok", "hospital_admin"),
    ]
    assert rows[0].detail["role"] == "nurse" and rows[0].detail["hospital"] == "alpha"
    assert rows[1].detail["changes"] == {
        "name": {"from": "Test User", "to": "Renamed"},
        "role": {"from": "nurse", "to": "doctor"},
        "password": "reset",
    }
    written = json.dumps([row.detail for row in rows])
    assert NEW_PASSWORD not in written and "another-long-password" not in written
    assert "$" not in written  # no password hash either


async def test_disabling_ends_sessions_and_login_until_enabled(http, world: World) -> None:
    admin = world.headers("super_admin")
    user = await make_user(http, admin, hospital="beta")
    tokens = (await login(http, user["email"])).json()

    r = await http.patch(f"/api/v1/users/{user['id']}", json={"active": False}, headers=admin)
    assert r.status_code == 200 and r.json()["isActive"] is False
    refused = await refresh(http, tokens)
    assert refused.status_code == 401 and "Your account is disabled" in refused.json()["detail"]
    no_login = await login(http, user["email"])
    assert no_login.status_code == 401 and "Your account is disabled" in no_login.json()["detail"]
    # A wrong password learns nothing about the account.
    wrong = await login(http, user["email"], "not-the-password")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Invalid email or password."

    r = await http.patch(f"/api/v1/users/{user['id']}", json={"active": True}, headers=admin)
    assert r.status_code == 200 and r.json()["isActive"] is True
    assert (await login(http, user["email"])).status_code == 200
    # Enabling does not revive the sessions disabling ended.
    assert (await refresh(http, tokens)).status_code == 401


async def test_role_change_and_reset_revoke_tokens_a_rename_does_not(http, world: World) -> None:
    admin = world.headers("hospital_admin", "alpha")
    user = await make_user(http, admin)
    path = f"/api/v1/users/{user['id']}"

    tokens = (await login(http, user["email"])).json()
    assert (await http.patch(path, json={"name": "Only A Name"}, headers=admin)).status_code == 200
    tokens = (await refresh(http, tokens)).json()
    assert "refreshToken" in tokens

    assert (await http.patch(path, json={"role": "pharmacist"}, headers=admin)).status_code == 200
    revoked = await refresh(http, tokens)
    assert revoked.status_code == 401 and "log in again" in revoked.json()["detail"]
    tokens = (await login(http, user["email"])).json()
    me = await http.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['accessToken']}"}
    )
    assert me.json()["role"] == "pharmacist"

    reset = await http.patch(path, json={"password": "a-brand-new-password"}, headers=admin)
    assert reset.status_code == 200
    assert (await refresh(http, tokens)).status_code == 401
    assert (await login(http, user["email"])).status_code == 401
    assert (await login(http, user["email"], "a-brand-new-password")).status_code == 200


async def test_nobody_disables_themselves_or_changes_their_own_role(http, world: World) -> None:
    for headers in (world.headers("hospital_admin", "beta"), world.headers("super_admin")):
        path = f"/api/v1/users/{await my_id(http, headers)}"
        off = await http.patch(path, json={"active": False}, headers=headers)
        assert off.status_code == 403 and "your own account" in off.json()["detail"]
        role = await http.patch(path, json={"role": "doctor"}, headers=headers)
        assert role.status_code == 403 and "your own role" in role.json()["detail"]
        # Saying what already holds changes nothing and is allowed.
        same = await http.patch(path, json={"active": True}, headers=headers)
        assert same.status_code == 200 and same.json()["isActive"] is True


async def test_hospital_admin_reaches_only_own_hospitals_users(http, world: World) -> None:
    alpha_user = await make_user(http, world.headers("hospital_admin", "alpha"))
    beta_admin = world.headers("hospital_admin", "beta")
    for body in ({"active": False}, {"name": "Hijacked"}, {"password": "take-over-the-account"}):
        r = await http.patch(f"/api/v1/users/{alpha_user['id']}", json=body, headers=beta_admin)
        assert r.status_code == 404 and "No user with id" in r.json()["detail"]
    unknown = await http.patch(
        f"/api/v1/users/{uuid.uuid4()}", json={"active": False}, headers=beta_admin
    )
    assert unknown.status_code == 404  # the same answer: ids of other hospitals do not leak
    super_id = await my_id(http, world.headers("super_admin"))
    r = await http.patch(f"/api/v1/users/{super_id}", json={"active": False}, headers=beta_admin)
    assert r.status_code == 404
    # alpha's user is untouched.
    assert (await login(http, alpha_user["email"])).status_code == 200

    alpha_admin = world.headers("hospital_admin", "alpha")
    path = f"/api/v1/users/{alpha_user['id']}"
    grant = await http.patch(path, json={"role": "super_admin"}, headers=alpha_admin)
    assert grant.status_code == 403 and "super_admin" in grant.json()["detail"]
    # A super admin belongs to no hospital: not even a super admin turns a nurse into one.
    boundary = await http.patch(
        path, json={"role": "super_admin"}, headers=world.headers("super_admin")
    )
    assert boundary.status_code == 422 and "separate account" in boundary.json()["detail"]


async def test_bad_updates_say_what_to_fix(http, world: World) -> None:
    admin = world.headers("super_admin")
    user = await make_user(http, admin)
    path = f"/api/v1/users/{user['id']}"
    empty = await http.patch(path, json={}, headers=admin)
    assert empty.status_code == 422 and "at least one of" in empty.json()["detail"]
    short = await http.patch(path, json={"password": "short"}, headers=admin)
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "password"
    extra = await http.patch(path, json={"hospitalId": str(uuid.uuid4())}, headers=admin)
    assert extra.status_code == 422
    role = await http.patch(path, json={"role": "janitor"}, headers=admin)
    assert role.status_code == 422 and role.json()["errors"][0]["field"] == "role"
    bad_id = await http.patch("/api/v1/users/not-a-uuid", json={"name": "X"}, headers=admin)
    assert bad_id.status_code == 422
    assert (await login(http, user["email"])).status_code == 200  # nothing was changed


async def test_command_line_disable_ends_sessions_and_enable_restores_login(
    http, world: World
) -> None:
    user = await make_user(http, world.headers("super_admin"))
    tokens = (await login(http, user["email"])).json()
    db = Database(world.settings.database_url or "")
    try:
        async with db.transaction() as session:
            await set_active_by_email(session, user["email"], active=False)
        assert (await refresh(http, tokens)).status_code == 401
        assert (await login(http, user["email"])).status_code == 401
        async with db.transaction() as session:
            await set_active_by_email(session, user["email"], active=True)
        assert (await login(http, user["email"])).status_code == 200
    finally:
        await db.dispose()
