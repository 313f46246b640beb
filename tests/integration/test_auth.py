"""Auth lifecycle: login, expiry, rotation, reuse, racing refreshes, logout, rate limits."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import text
from tests.integration.conftest import PASSWORD, World, client, email

from hms.platform.db import Database
from hms.platform.ratelimit import RateLimiter
from hms.platform.security import issue_access_token


async def _login(http, who: str, ip_headers=None) -> dict:
    r = await http.post("/api/v1/auth/login", json={"email": who, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return r.json()


async def test_login_me_and_identical_failures(http, world: World) -> None:
    tokens = await _login(http, email("doctor", "alpha"))
    assert tokens["tokenType"] == "bearer" and tokens["expiresIn"] == 900
    me = await http.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['accessToken']}"}
    )
    assert me.status_code == 200
    assert me.json()["role"] == "doctor" and me.json()["hospital"]["slug"] == "alpha"
    assert "patients:view" in me.json()["permissions"]
    wrong_pw = await http.post(
        "/api/v1/auth/login", json={"email": email("nurse", "beta"), "password": "nope-nope"}
    )
    wrong_email = await http.post(
        "/api/v1/auth/login", json={"email": "nobody@nowhere.example.org", "password": "nope-nope"}
    )
    assert wrong_pw.status_code == wrong_email.status_code == 401
    assert wrong_pw.json() == wrong_email.json()


async def test_expired_and_forged_tokens_are_refused(http, world: World) -> None:
    secret = world.settings.secret()
    expired, _ = issue_access_token(secret, {"sub": str(uuid.uuid4()), "role": "doctor"}, -1)
    forged, _ = issue_access_token(
        "another-secret-of-thirty-two-bytes!", {"sub": str(uuid.uuid4()), "role": "doctor"}, 5
    )
    for token in (expired, forged, "garbage"):
        r = await http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert (await http.get("/api/v1/patients")).status_code == 401


async def test_rotation_reuse_revokes_family(http, world: World) -> None:
    first = await _login(http, email("nurse", "alpha"))
    second = await http.post("/api/v1/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert second.status_code == 200
    second_tokens = second.json()
    assert second_tokens["refreshToken"] != first["refreshToken"]
    # Within the grace window a second use is refused but does not end the login.
    again = await http.post("/api/v1/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert again.status_code == 401 and "just used" in again.json()["detail"]
    # Age the rotation past the grace window: now a reuse is theft and revokes the family.
    db = Database(world.settings.database_url or "")
    async with db.transaction() as s:
        await s.execute(
            text(
                "UPDATE public.refresh_tokens SET rotated_at = rotated_at - interval '1 hour' "
                "WHERE rotated_at IS NOT NULL"
            )
        )
    await db.dispose()
    reuse = await http.post("/api/v1/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert reuse.status_code == 401 and "reuse" in reuse.json()["detail"]
    dead = await http.post(
        "/api/v1/auth/refresh", json={"refreshToken": second_tokens["refreshToken"]}
    )
    assert dead.status_code == 401


async def test_racing_refreshes_exactly_one_wins(http, world: World) -> None:
    tokens = await _login(http, email("pharmacist", "alpha"))
    results = await asyncio.gather(
        *[
            http.post("/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]})
            for _ in range(8)
        ]
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200] + [401] * 7
    winner = next(r.json() for r in results if r.status_code == 200)
    ok = await http.post("/api/v1/auth/refresh", json={"refreshToken": winner["refreshToken"]})
    assert ok.status_code == 200


async def test_logout_revokes_refresh_token(http, world: World) -> None:
    tokens = await _login(http, email("lab_staff", "beta"))
    out = await http.post("/api/v1/auth/logout", json={"refreshToken": tokens["refreshToken"]})
    assert out.status_code == 204
    r = await http.post("/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 401


async def test_redis_flush_logs_nobody_out(http, app, world: World) -> None:
    tokens = await _login(http, email("receptionist", "beta"))
    await app.state.runtime.redis.flushdb()
    r = await http.post("/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 200


async def test_login_rate_limit_per_account_and_ip(app, world: World) -> None:
    target = email("doctor", "beta")
    async with client(app, ip="10.9.0.1") as a, client(app, ip="10.9.0.2") as b:
        for _ in range(5):
            r = await a.post("/api/v1/auth/login", json={"email": target, "password": "wrong-pw"})
            assert r.status_code == 401
        # The account is now locked for a while, from any address, even with the right password.
        limited = await b.post("/api/v1/auth/login", json={"email": target, "password": PASSWORD})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert "try again" in limited.json()["detail"]
    async with client(app, ip="10.9.0.3") as c:
        for i in range(30):
            r = await c.post(
                "/api/v1/auth/login", json={"email": f"x{i}@spray.example.org", "password": "pw"}
            )
            assert r.status_code == 401
        blocked = await c.post(
            "/api/v1/auth/login", json={"email": email("nurse", "beta"), "password": PASSWORD}
        )
        assert blocked.status_code == 429


async def test_rate_limit_holds_when_redis_is_down() -> None:
    limiter = RateLimiter("redis://127.0.0.1:1/0")  # nothing listens on port 1
    key = ("login-account", "down@example.org")
    for _ in range(3):
        assert await limiter.retry_after("3/minute", *key) is None
        await limiter.hit("3/minute", *key)
    wait = await limiter.retry_after("3/minute", *key)
    assert wait is not None and wait >= 1
