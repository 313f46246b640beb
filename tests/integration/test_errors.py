"""Every error is problem+json with a detail that says what to fix; no stack traces."""

from __future__ import annotations

from tests.integration.conftest import World


async def test_unknown_route_and_method_are_problem_json(http, world: World) -> None:
    for method, path in [("GET", "/api/v1/no-such-thing"), ("DELETE", "/api/v1/patients")]:
        r = await http.request(method, path, headers=world.headers("doctor"))
        assert r.status_code in (404, 405), r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == r.status_code and "/docs" in r.json()["detail"]


async def test_missing_token_and_wrong_content(http, world: World) -> None:
    r = await http.post("/api/v1/patients", json={})
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    r = await http.post(
        "/api/v1/auth/login",
        content=b"email=a&password=b",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert 400 <= r.status_code < 500 and r.json()["detail"]
    r = await http.post("/api/v1/auth/login", json=["not", "an", "object"])
    assert r.status_code == 422 and r.json()["errors"]


async def test_health_and_readiness(http) -> None:
    assert (await http.get("/healthz")).json() == {"status": "ok"}
    ready = await http.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"database": "ok", "redis": "ok"}
    metrics = await http.get("/metrics")
    assert "hms_cache_requests_total" in metrics.text


async def test_values_the_database_refuses_are_422_not_500(http, world: World) -> None:
    doctor = world.headers("doctor")
    nul = await http.post(
        "/api/v1/patients",
        json={"name": "Nul \x00 Byte", "dateOfBirth": "1980-01-01", "gender": "female"},
        headers=doctor,
    )
    assert nul.status_code == 422 and "NUL" in nul.json()["detail"], nul.text
    assert nul.headers["content-type"] == "application/problem+json"
    search = await http.get("/api/v1/drugs?q=%00", headers=doctor)
    assert search.status_code == 422 and "NUL" in search.json()["detail"], search.text
    listed = await http.get("/api/v1/patients?q=Nul", headers=doctor)
    assert all("\x00" not in p["name"] for p in listed.json()["items"])
