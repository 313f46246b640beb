"""Two-level patient cache: hits and misses counted, invalidated on write, Redis outage survived."""

from __future__ import annotations

import asyncio

from tests.integration.conftest import World, client, make_patient, running

from hms.platform.metrics import cache_counts
from hms.platform.redis import connect


async def test_reads_fill_l2_then_hit_l1(http, app, world: World) -> None:
    rt = app.state.runtime
    doctor = world.headers("doctor")
    p = await make_patient(http, doctor, name="Cache Subject")
    key = f"hospital:alpha:patients:{p['id']}"
    before = cache_counts()
    await http.get(f"/api/v1/patients/{p['id']}", headers=doctor)
    assert await rt.redis.get(key) is not None  # filled L2 under the tenant-aware key
    await http.get(f"/api/v1/patients/{p['id']}", headers=doctor)
    after = cache_counts()
    assert after.get("l2:miss", 0) - before.get("l2:miss", 0) == 1
    assert after.get("l1:hit", 0) - before.get("l1:hit", 0) == 1


async def test_write_on_one_instance_drops_l1_on_another(world: World) -> None:
    doctor = world.headers("doctor")
    async with running(world.settings) as one, running(world.settings) as two:
        async with client(one) as a, client(two) as b:
            p = await make_patient(a, doctor, name="Two Instances")
            assert (await b.get(f"/api/v1/patients/{p['id']}", headers=doctor)).status_code == 200
            await b.get(f"/api/v1/patients/{p['id']}", headers=doctor)  # now in two's L1
            r = await a.patch(
                f"/api/v1/patients/{p['id']}",
                json={"version": 1, "name": "Renamed Once"},
                headers=doctor,
            )
            assert r.status_code == 200
            for _ in range(50):
                got = (await b.get(f"/api/v1/patients/{p['id']}", headers=doctor)).json()
                if got["name"] == "Renamed Once":
                    break
                await asyncio.sleep(0.02)  # the invalidation travels through Redis pub/sub
            assert got["name"] == "Renamed Once"


async def test_redis_outage_falls_back_to_database(http, app, world: World) -> None:
    rt = app.state.runtime
    doctor = world.headers("doctor")
    p = await make_patient(http, doctor, name="Outage Survivor")
    healthy = rt.cache.redis
    rt.cache.redis = connect("redis://127.0.0.1:1/0")  # nothing listens there
    rt.cache.l1.clear()
    try:
        r = await http.get(f"/api/v1/patients/{p['id']}", headers=doctor)
        assert r.status_code == 200 and r.json()["name"] == "Outage Survivor"
        w = await http.patch(
            f"/api/v1/patients/{p['id']}",
            json={"version": 1, "name": "Still Writable"},
            headers=doctor,
        )
        assert w.status_code == 200
    finally:
        await rt.cache.redis.aclose()
        rt.cache.redis = healthy
