"""Integration fixtures: a migrated database with two hospitals (alpha, beta) whose data collide."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.routing import Route

from hms.app import create_app
from hms.auth.service import create_user
from hms.config import Settings
from hms.pipeline.permissions import Role
from hms.platform.db import Database
from hms.tenancy.migrate import upgrade_all
from hms.tenancy.service import create_hospital

PASSWORD = "correct-horse-battery"
HOSPITALS = ("alpha", "beta")


def email(role: Role | str, hospital: str | None) -> str:
    role = Role(role)
    return f"{role.value}@{hospital or 'platform'}.example.org"


@dataclass
class World:
    settings: Settings
    tokens: dict[tuple[str, str | None], dict[str, Any]]

    def token(self, role: Role | str, hospital: str | None = "alpha") -> str:
        role = Role(role)
        key = (role.value, None if role == Role.SUPER_ADMIN else hospital)
        return str(self.tokens[key]["accessToken"])

    def headers(self, role: Role | str, hospital: str | None = "alpha") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, hospital)}"}


@pytest.fixture(scope="session")
async def world(settings: Settings) -> World:
    db = Database(settings.database_url or "")
    await upgrade_all(db)
    for slug in HOSPITALS:
        await create_hospital(db, slug=slug, name=f"Hospital {slug.title()}")
    async with db.transaction() as session:
        await create_user(
            session,
            email=email(Role.SUPER_ADMIN, None),
            name="Super",
            role=Role.SUPER_ADMIN,
            password=PASSWORD,
            hospital_slug=None,
        )
        for slug in HOSPITALS:
            for role in Role:
                if role != Role.SUPER_ADMIN:
                    await create_user(
                        session,
                        email=email(role, slug),
                        name=f"{role.value} of {slug}",
                        role=role,
                        password=PASSWORD,
                        hospital_slug=slug,
                    )
    await db.dispose()
    tokens: dict[tuple[str, str | None], dict[str, Any]] = {}
    async with running(settings) as app, client(app, ip="10.0.0.1") as http:
        for role in Role:
            for slug in (None,) if role == Role.SUPER_ADMIN else HOSPITALS:
                r = await http.post(
                    "/api/v1/auth/login", json={"email": email(role, slug), "password": PASSWORD}
                )
                assert r.status_code == 200, r.text
                tokens[(role.value, slug)] = r.json()
    return World(settings, tokens)


@contextlib.asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Any]:
    """The real ASGI app with its lifespan (Redis ping, cache listener, audit flusher) running."""
    app = create_app(settings)
    async with app.api.router.lifespan_context(app.api):
        yield app


def client(app: Any, *, ip: str = "10.0.0.2") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://hms.test")


@pytest.fixture
async def app(world: World) -> AsyncIterator[Any]:
    async with running(world.settings) as app:
        yield app


@pytest.fixture
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with client(app) as c:
        yield c


@pytest.fixture
async def db(world: World) -> AsyncIterator[Database]:
    """A direct connection to the test database, for checks the API does not show."""
    database = Database(world.settings.database_url or "")
    yield database
    await database.dispose()


def api_routes(app: Any) -> list[tuple[str, Any]]:
    """Every route of the app with its full path (included routers walked)."""

    def walk(routes: list[Any], prefix: str) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for route in routes:
            if isinstance(route, Route):  # FastAPI's APIRoute and plain Starlette routes
                out.append((prefix + route.path, route))
            elif hasattr(route, "original_router"):  # an included router
                out += walk(route.original_router.routes, prefix + route.include_context.prefix)
        return out

    return walk(app.api.routes, "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[str]:
    """A real uvicorn instance on a free port, for Socket.IO clients; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def make_patient(
    http: httpx.AsyncClient, headers: dict[str, str], **fields: Any
) -> dict[str, Any]:
    body = {"name": "Test Patient", "dateOfBirth": "1980-05-17", "gender": "female", **fields}
    r = await http.post("/api/v1/patients", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return dict(r.json())
