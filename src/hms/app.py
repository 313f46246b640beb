"""Builds the ASGI app: FastAPI (REST) wrapped by Socket.IO, plus the static web app."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import orjson
import socketio
from fastapi import APIRouter, FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.exceptions import RedisError
from sqlalchemy import text
from starlette.responses import Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from hms.adverse_events.router import router as adverse_events_router
from hms.alerts.router import router as alerts_router
from hms.announcements.router import router as announcements_router
from hms.appointments.router import router as appointments_router
from hms.audit.service import AuditQueue
from hms.auth.router import router as auth_router
from hms.config import Settings
from hms.devices.router import router as devices_router
from hms.drugs.router import router as drugs_router
from hms.encounters.router import router as encounters_router
from hms.encounters.wards_router import router as wards_router
from hms.icd10.router import router as icd10_router
from hms.labs.router import router as labs_router
from hms.patients.router import router as patients_router
from hms.pharmacy.router import router as pharmacy_router
from hms.pipeline.runtime import Runtime
from hms.platform import errors
from hms.platform.bodylimit import BodySizeLimit
from hms.platform.cache import TwoLevelCache
from hms.platform.db import Database
from hms.platform.errors import NotFound
from hms.platform.events import Publisher
from hms.platform.hospitals import HospitalRegistry
from hms.platform.ratelimit import RateLimiter
from hms.platform.redis import connect as redis_connect
from hms.prescriptions import sockets as prescription_sockets
from hms.prescriptions.router import router as prescriptions_router
from hms.realtime.server import create_server
from hms.tenancy.router import router as hospitals_router
from hms.vitals import sockets as vitals_sockets
from hms.vitals.router import router as vitals_router

log = logging.getLogger(__name__)

WEB_OUT = Path(__file__).resolve().parents[2] / "web" / "out"


def build_runtime(settings: Settings) -> Runtime:
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError("HMS_DATABASE_URL and HMS_REDIS_URL must be set (hms serve sets them)")
    db = Database(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    redis = redis_connect(settings.redis_url)
    return Runtime(
        settings=settings,
        db=db,
        redis=redis,
        cache=TwoLevelCache(
            redis,
            channel=f"{settings.redis_channel_prefix}:cache-invalidate",
            l1_ttl=settings.cache_l1_ttl_seconds,
            l1_max=settings.cache_l1_max_items,
            l2_ttl=settings.cache_l2_ttl_seconds,
            enabled=settings.cache_enabled,
        ),
        registry=HospitalRegistry(db),
        limiter=RateLimiter(settings.redis_url),
        audit=AuditQueue(
            db,
            interval=settings.audit_flush_interval_seconds,
            batch=settings.audit_flush_batch,
        ),
        events=Publisher(
            redis,
            prefix=settings.redis_channel_prefix,
            log_max_len=settings.event_log_max_len,
            log_max_age_seconds=settings.event_log_max_age_seconds,
        ),
    )


def document_plain_routes(api: FastAPI, prefix: str, routers: Iterable[APIRouter]) -> None:
    """Add the plain Starlette routes (``hms.pipeline.http.endpoint(op, openapi=...)``) to the
    OpenAPI document, which FastAPI builds from its own routes only."""
    operations = [
        (prefix + route.path, method.lower(), route.endpoint.openapi)
        for router in routers
        for route in router.routes
        if isinstance(route, Route) and hasattr(route.endpoint, "openapi")
        for method in route.methods or ()
        if method != "HEAD"
    ]
    generate = api.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        for path, method, operation in operations:
            schema["paths"].setdefault(path, {})[method] = operation
        return schema

    api.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings) -> Any:
    rt = build_runtime(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # python-socketio does not fail when Redis is missing; emits would vanish silently.
        await rt.redis.ping()
        await rt.registry.reload()
        rt.cache.start()
        rt.audit.start()
        # Objects alive now live for the process; keep the collector from rescanning them.
        gc.collect()
        gc.freeze()
        # Fewer young-generation collections under load (STACK.md: removed 30–80 ms p99 spikes).
        gc.set_threshold(50_000, 50, 100)
        try:
            yield
        finally:
            await rt.audit.stop()
            await rt.cache.stop()
            await rt.redis.aclose()
            await rt.db.dispose()

    api = FastAPI(
        title="HMS",
        version="0.1.0",
        lifespan=lifespan,
    )
    api.state.runtime = rt
    errors.install(api)

    @api.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        checks = {"database": "ok", "redis": "ok"}
        try:
            async with rt.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            checks["database"] = "unreachable"
        try:
            await rt.redis.ping()
        except (RedisError, OSError):
            checks["redis"] = "unreachable"
        ok = all(v == "ok" for v in checks.values())
        return Response(
            orjson.dumps(checks), status_code=200 if ok else 503, media_type="application/json"
        )

    @api.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    # Routes are matched in order, ~2 µs per route passed over: probes and the hottest
    # routers first.
    routers = (
        patients_router,
        vitals_router,
        devices_router,
        auth_router,
        hospitals_router,
        announcements_router,
        appointments_router,
        labs_router,
        adverse_events_router,
        wards_router,
        encounters_router,
        alerts_router,
        icd10_router,
        drugs_router,
        prescriptions_router,
        pharmacy_router,
    )
    for router in routers:
        api.include_router(router, prefix="/api/v1")
    document_plain_routes(api, "/api/v1", routers)

    @api.api_route(
        "/api/{rest:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def api_not_found(rest: str) -> None:
        # Without this, unknown API paths would fall through to the web app's 404 page.
        raise NotFound(f"No API endpoint /api/{rest} for this method; the API is listed at /docs.")

    web_dir = settings.web_dir or WEB_OUT
    if (web_dir / "index.html").exists():
        api.mount("/", StaticFiles(directory=web_dir, html=True), name="web")
    else:
        log.warning("web app not built (%s missing); serving the API only", web_dir)

    sio = create_server(rt, handlers=(*prescription_sockets.HANDLERS, *vitals_sockets.HANDLERS))
    asgi = socketio.ASGIApp(sio, other_asgi_app=BodySizeLimit(api, settings.max_body_bytes))
    asgi.state = api.state  # tests reach the runtime through app.state
    asgi.api = api
    asgi.sio = sio
    return asgi
