"""Shared test setup: real PostgreSQL and Redis, embedded by default.

With HMS_TEST_DATABASE_URL / HMS_TEST_REDIS_URL set, the tests use those servers instead:
a fresh database is created (and dropped) on the PostgreSQL server, and a Redis database
index is picked and flushed.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from hms.config import Settings
from hms.platform import embedded


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + name
    return base + ("?" + query if query else "")


@pytest.fixture(scope="session")
def store_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    pg_url = os.environ.get("HMS_TEST_DATABASE_URL")
    redis_url = os.environ.get("HMS_TEST_REDIS_URL")
    started = None
    # Not under pytest's tmp dir: that one is private to root (0700), and the embedded
    # PostgreSQL runs as its own system user when the tests run as root.
    stores_dir = Path(tempfile.mkdtemp(prefix="hms-test-stores-"))
    stores_dir.chmod(0o755)
    if not pg_url or not redis_url:
        started = embedded.start(stores_dir, postgres=not pg_url, redis=not redis_url)
    db_name = f"hms_test_{secrets.token_hex(4)}"
    admin_url = pg_url or (started.database_url if started else "")

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{db_name}"'))
    if redis_url:
        import redis

        # Redis db 1–11 for test runs (db 12 is the benchmarks', which flush it).
        index = 1 + secrets.randbelow(11)
        redis_url = (
            redis_url.rsplit("/", 1)[0] + f"/{index}"
            if redis_url.count("/") > 2
            else (redis_url + f"/{index}")
        )
        redis.Redis.from_url(redis_url).flushdb()
    try:
        yield (
            _with_database(admin_url, db_name),
            redis_url or (started.redis_url if started else ""),
        )
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        if started is not None:
            started.stop()
        shutil.rmtree(stores_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(store_urls: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Settings:
    pg_url, redis_url = store_urls
    data_dir: Path = tmp_path_factory.mktemp("data")
    return Settings(
        database_url=pg_url,
        redis_url=redis_url,
        data_dir=data_dir,
        jwt_secret=secrets.token_urlsafe(32),
        redis_channel_prefix=f"hms-test-{secrets.token_hex(4)}",
        seed_demo=False,
        audit_flush_interval_seconds=0.05,
    )
