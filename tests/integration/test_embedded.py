"""The embedded default keeps its data across a stop and a start."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import asyncpg
import redis.asyncio as aioredis

from hms.platform import embedded


async def test_embedded_stores_find_their_data_again() -> None:
    where = Path(tempfile.mkdtemp(prefix="hms-embedded-"))
    where.chmod(0o755)
    try:
        first = embedded.start(where, postgres=True, redis=True)
        conn = await asyncpg.connect(first.database_url)
        await conn.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')")
        await conn.close()
        client = aioredis.Redis.from_url(first.redis_url)
        assert await client.ping()
        await client.aclose()
        first.stop()

        second = embedded.start(where, postgres=True, redis=True)
        conn = await asyncpg.connect(second.database_url)
        assert await conn.fetchval("SELECT note FROM kept") == "still here"
        await conn.close()
        second.stop()
    finally:
        shutil.rmtree(where, ignore_errors=True)
