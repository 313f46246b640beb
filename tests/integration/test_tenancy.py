"""Hospital isolation: by id, by search, through the cache, over a pool of one connection;
and every hospital schema at the same migration head."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from tests.integration.conftest import World, client, make_patient, running

from hms.platform.db import Database
from hms.tenancy.migrate import MigrationFailed, head, tenant_revision, upgrade_all


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
