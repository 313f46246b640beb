"""The demo hospital: created once, with a user per role, patients, wards and stock."""

from __future__ import annotations

from sqlalchemy import text
from tests.integration.conftest import World, client, running

from hms.pipeline.permissions import Role
from hms.platform.db import Database
from hms.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo


async def test_demo_seed_is_complete_and_runs_once(world: World) -> None:
    db = Database(world.settings.database_url or "")
    try:
        assert await seed_demo(db) is True
        assert await seed_demo(db) is False
        async with db.engine.connect() as conn:
            counts = {
                table: (
                    await conn.execute(text(f"SELECT count(*) FROM hospital_demo.{table}"))
                ).scalar()
                for table in ("patients", "wards", "beds", "vitals", "formulary")
            }
        assert counts["patients"] >= 30
        assert counts["wards"] >= 2 and counts["beds"] >= 10 and counts["vitals"] > 0
        assert counts["formulary"] >= 50
    finally:
        await db.dispose()
    assert {role for _, _, role in DEMO_USERS} == set(Role)
    async with running(world.settings) as app, client(app, ip="10.7.0.1") as http:
        for email, _, _ in DEMO_USERS:
            r = await http.post(
                "/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD}
            )
            assert r.status_code == 200, (email, r.text)
