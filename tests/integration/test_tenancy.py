"""Hospital isolation: by id, by search, through the cache, over a pool of one connection;
every hospital schema at the same migration head; the hospital API and its time zone."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from tests.integration.conftest import World, client, make_patient, running

from hms.platform.db import Database
from hms.platform.hospitals import HospitalRegistry
from hms.tenancy.migrate import (
    MIGRATIONS,
    MigrationFailed,
    head,
    tenant_revision,
    upgrade_all,
    upgrade_public,
)
from hms.tenancy.service import create_hospital


async def test_other_hospital_cannot_reach_a_patient(http, world: World) -> None:
    alpha = world.headers("doctor", "alpha")
    beta = world.headers("doctor", "beta")
    marker = uuid.uuid4().hex[:8]
    p = await make_patient(http, alpha, name=f"Secret {marker}")
    # Warm alpha's cache first: a cached copy must not leak either.
    assert (await http.get(f"/api/v1/patients/{p['id']}", headers=alpha)).status_code == 200
    assert (await http.get(f"/api/v1/patients/{p['id']}", headers=beta)).status_code == 404
    patch = await http.patch(
        f"/api/v1/patients/{p['id']}", json={"version": 1, "name": "Hijacked"}, headers=beta
    )
    assert patch.status_code == 404
    found = (await http.get(f"/api/v1/patients?q={marker}", headers=beta)).json()
    assert found["total"] == 0 and found["items"] == []
    assert (await http.get(f"/api/v1/patients/{p['id']}", headers=alpha)).json()["name"] == (
        f"Secret {marker}"
    )


async def test_same_mrn_in_two_hospitals_is_fine(http, world: World) -> None:
    mrn = f"M{uuid.uuid4().hex[:8]}".upper()
    a = await make_patient(http, world.headers("receptionist", "alpha"), name="Twin A", mrn=mrn)
    b = await make_patient(http, world.headers("receptionist", "beta"), name="Twin B", mrn=mrn)
    assert a["mrn"] == b["mrn"] and a["id"] != b["id"]


async def test_interleaved_hospitals_on_a_single_connection(world: World) -> None:
    settings = world.settings.model_copy(
        update={"db_pool_size": 1, "db_max_overflow": 0, "cache_enabled": False}
    )
    marker = uuid.uuid4().hex[:8]
    async with running(settings) as app, client(app) as http:
        ids = {}
        for slug in ("alpha", "beta"):
            ids[slug] = (
                await make_patient(
                    http, world.headers("doctor", slug), name=f"Pool {marker} {slug}"
                )
            )["id"]

        async def look(slug: str) -> tuple[str, list[str], int]:
            headers = world.headers("doctor", slug)
            listed = (await http.get(f"/api/v1/patients?q={marker}", headers=headers)).json()
            one = await http.get(f"/api/v1/patients/{ids[slug]}", headers=headers)
            assert one.status_code == 200
            other = "beta" if slug == "alpha" else "alpha"
            cross = await http.get(f"/api/v1/patients/{ids[other]}", headers=headers)
            return slug, [i["name"] for i in listed["items"]], cross.status_code

        results = await asyncio.gather(*[look(("alpha", "beta")[i % 2]) for i in range(40)])
    for slug, names, cross in results:
        assert names == [f"Pool {marker} {slug}"]
        assert cross == 404


async def test_every_hospital_schema_is_at_head(world: World) -> None:
    db = Database(world.settings.database_url or "")
    try:
        async with db.engine.connect() as conn:
            schemas = (await conn.execute(text("SELECT schema_name FROM public.tenants"))).scalars()
            schemas = list(schemas)
        assert len(schemas) >= 2
        revisions = {s: await tenant_revision(db, s) for s in schemas}
        assert set(revisions.values()) == {head("tenant")}, revisions
    finally:
        await db.dispose()


async def test_failed_migration_names_the_hospital(world: World) -> None:
    db = Database(world.settings.database_url or "")
    slug = f"broken{uuid.uuid4().hex[:6]}"
    try:
        async with db.transaction() as s:
            # A hospital whose schema was dropped behind our back.
            await s.execute(
                text(
                    "INSERT INTO public.tenants (id, slug, name, schema_name) "
                    "VALUES (:id, :slug, 'Broken', :schema)"
                ),
                {"id": uuid.uuid4(), "slug": slug, "schema": f"hospital_{slug}"},
            )
        with pytest.raises(MigrationFailed) as failed:
            await upgrade_all(db)
        assert failed.value.slug == slug
        assert slug in str(failed.value)
    finally:
        async with db.transaction() as s:
            await s.execute(text("DELETE FROM public.tenants WHERE slug = :slug"), {"slug": slug})
        await db.dispose()


async def test_hospital_api_validates_slugs(http, world: World) -> None:
    admin = world.headers("super_admin")
    for bad in ("A", "1abc", "has-dash", "x" * 50, "drop;table"):
        r = await http.post("/api/v1/hospitals", json={"slug": bad, "name": "X"}, headers=admin)
        assert r.status_code == 422, (bad, r.text)
    dup = await http.post("/api/v1/hospitals", json={"slug": "alpha", "name": "X"}, headers=admin)
    assert dup.status_code == 409


async def test_hospital_time_zone_is_set_validated_and_changed(http, world: World) -> None:
    admin = world.headers("super_admin")
    slug = f"tz{uuid.uuid4().hex[:6]}"
    created = await http.post(
        "/api/v1/hospitals",
        json={"slug": slug, "name": "Harbour Hospital", "timeZone": "Europe/London"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    assert created.json()["timeZone"] == "Europe/London"
    plain = await http.post(
        "/api/v1/hospitals", json={"slug": f"{slug}u", "name": "Plain"}, headers=admin
    )
    assert plain.status_code == 201 and plain.json()["timeZone"] == "UTC"

    for bad in ("Mars/Olympus", "europe/london", "localtime", "UTC+3", "../etc/passwd", ""):
        r = await http.post(
            "/api/v1/hospitals",
            json={"slug": f"{slug}x", "name": "X", "timeZone": bad},
            headers=admin,
        )
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["errors"][0]["field"] == "timeZone", (bad, r.text)
        if bad:
            assert "such as Europe/London" in r.json()["detail"], r.text
        patched = await http.patch(
            f"/api/v1/hospitals/{slug}", json={"timeZone": bad}, headers=admin
        )
        assert patched.status_code == 422 and "timeZone" in patched.json()["detail"], patched.text

    changed = await http.patch(
        f"/api/v1/hospitals/{slug}",
        json={"name": "Harbour General", "timeZone": "America/New_York"},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["timeZone"]) == (
        "Harbour General",
        "America/New_York",
    )
    listed = {h["slug"]: h for h in (await http.get("/api/v1/hospitals", headers=admin)).json()}
    assert listed[slug]["timeZone"] == "America/New_York"
    assert listed["alpha"]["timeZone"] == "UTC"

    nothing = await http.patch(f"/api/v1/hospitals/{slug}", json={}, headers=admin)
    assert nothing.status_code == 422 and "timeZone" in nothing.json()["detail"]
    unknown = await http.patch("/api/v1/hospitals/nosuch", json={"timeZone": "UTC"}, headers=admin)
    assert unknown.status_code == 404 and "nosuch" in unknown.json()["detail"]
    extra = await http.patch(
        f"/api/v1/hospitals/{slug}", json={"schemaName": "public"}, headers=admin
    )
    assert extra.status_code == 422

    db = Database(world.settings.database_url or "")
    try:
        async with db.engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT action, outcome, actor_role, detail FROM public.audit_log "
                        "WHERE detail->>'hospital' = :slug ORDER BY id"
                    ),
                    {"slug": slug},
                )
            ).all()
    finally:
        await db.dispose()
    assert [(r.action, r.outcome, r.actor_role) for r in rows] == [
        ("hospital.create", "ok", "super_admin"),
        ("hospital.update", "ok", "super_admin"),
    ]
    assert rows[0].detail["timeZone"] == "Europe/London"
    assert rows[1].detail["changes"] == {
        "name": {"from": "Harbour Hospital", "to": "Harbour General"},
        "timeZone": {"from": "Europe/London", "to": "America/New_York"},
    }


async def test_a_new_time_zone_reaches_other_instances_registries(world: World) -> None:
    """An instance that did not make the change picks it up once its copy is old."""
    db = Database(world.settings.database_url or "")
    registry = HospitalRegistry(db, max_age=0.0)
    slug = f"reg{uuid.uuid4().hex[:6]}"
    try:
        tenant = await create_hospital(db, slug=slug, name="Registry Hospital")
        assert (await registry.get(tenant.id)).time_zone == "UTC"
        async with db.transaction() as s:
            await s.execute(
                text("UPDATE public.tenants SET time_zone = 'Asia/Tokyo' WHERE slug = :slug"),
                {"slug": slug},
            )
        hospital = await registry.get(tenant.id)
        assert hospital.time_zone == "Asia/Tokyo" and hospital.zone.key == "Asia/Tokyo"
    finally:
        await db.dispose()


async def test_time_zone_migration_gives_existing_hospitals_utc(world: World) -> None:
    """p0004 on a database whose hospitals predate it: each gets UTC, their day until then."""
    name = f"hms_migration_{uuid.uuid4().hex[:8]}"
    url = world.settings.database_url or ""
    admin = await asyncpg.connect(_plain_url(url))
    await admin.execute(f'CREATE DATABASE "{name}"')
    scratch = Database(_other_database(url, name))
    try:
        async with scratch.engine.begin() as conn:
            await conn.run_sync(_upgrade_public_to, "p0003")
            await conn.execute(
                text(
                    "INSERT INTO public.tenants (id, slug, name, schema_name) "
                    "VALUES (:id, 'old', 'Old Hospital', 'hospital_old')"
                ),
                {"id": uuid.uuid4()},
            )
        await upgrade_public(scratch)
        async with scratch.engine.connect() as conn:
            zones = (await conn.execute(text("SELECT time_zone FROM public.tenants"))).all()
            nullable = (
                await conn.execute(
                    text(
                        "SELECT is_nullable FROM information_schema.columns "
                        "WHERE table_name = 'tenants' AND column_name = 'time_zone'"
                    )
                )
            ).scalar()
        assert [z[0] for z in zones] == ["UTC"] and nullable == "NO"
    finally:
        await scratch.dispose()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _plain_url(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _other_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")


def _upgrade_public_to(conn: Connection, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS / "public"))
    cfg.attributes["connection"] = conn
    cfg.attributes["schema"] = None
    command.upgrade(cfg, revision)
