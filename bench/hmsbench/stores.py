"""The stores a benchmark server talks to: embedded (started here, on the load core) or the
machine's PostgreSQL and Redis services (pinned to the load core for the run, then restored)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import redis

from hmsbench.affinity import LOAD_CPUS, pin, restore, with_descendants

SERVICES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SERVICES_DATABASE = "hms_bench"
SERVICES_REDIS_URL = "redis://127.0.0.1:6379/12"


@dataclass
class Stores:
    mode: str
    database_url: str
    redis_url: str
    data_dir: Path
    pinned_pids: list[int] = field(default_factory=list)
    _close: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        while self._close:
            self._close.pop()()


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


def _redis_pid(url: str) -> int:
    client = redis.Redis.from_url(url)
    try:
        return int(client.info("server")["process_id"])
    finally:
        client.close()


def start_embedded() -> Stores:
    """Embedded PostgreSQL and Redis, the same servers ``hms serve`` would start itself.

    They are started by this (already load-core-pinned) process so they inherit its CPUs.
    """
    from hms.platform import embedded

    data_dir = Path(tempfile.mkdtemp(prefix="hms-bench-"))
    started = embedded.start(data_dir, postgres=True, redis=True)
    stores = Stores("embedded", started.database_url, started.redis_url, data_dir)
    stores._close.append(lambda: _remove(data_dir))
    stores._close.append(started.stop)
    pids = with_descendants(_postmaster_pid(data_dir / "postgres"))
    pids += [_redis_pid(started.redis_url)]
    pin(pids, LOAD_CPUS)
    stores.pinned_pids = pids
    return stores


def _remove(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


async def _drop_database(admin_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _recreate_database(admin_url: str, name: str) -> Path:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
        return Path(await conn.fetchval("SHOW data_directory"))
    finally:
        await conn.close()


def _flush_redis(url: str) -> None:
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


def start_services() -> Stores:
    """The machine's PostgreSQL and Redis: a fresh database and Redis db for this run."""
    pg_data = asyncio.run(_recreate_database(SERVICES_ADMIN_URL, SERVICES_DATABASE))
    _flush_redis(SERVICES_REDIS_URL)
    database_url = SERVICES_ADMIN_URL.rsplit("/", 1)[0] + "/" + SERVICES_DATABASE
    data_dir = Path(tempfile.mkdtemp(prefix="hms-bench-"))
    stores = Stores("services", database_url, SERVICES_REDIS_URL, data_dir)
    stores._close.append(lambda: _remove(data_dir))
    stores._close.append(lambda: asyncio.run(_drop_database(SERVICES_ADMIN_URL, SERVICES_DATABASE)))
    stores._close.append(lambda: _flush_redis(SERVICES_REDIS_URL))
    postmaster = _postmaster_pid(pg_data)
    pids = with_descendants(postmaster) + [_redis_pid(SERVICES_REDIS_URL)]
    masks = pin(pids, LOAD_CPUS)
    original = masks.get(postmaster, set(range(os.cpu_count() or 1)))

    def unpin() -> None:
        restore(masks)
        # Backends forked during the run inherited the load core: give them the old mask too.
        pin(with_descendants(postmaster)[1:], original)

    stores._close.append(unpin)
    stores.pinned_pids = pids
    return stores


def repin(stores: Stores) -> None:
    """Pin database backends forked since the start (they inherit, but be sure)."""
    if stores.pinned_pids:
        pin(with_descendants(stores.pinned_pids[0]), LOAD_CPUS)
