"""The measured scenarios, in the order they run against each server.

Server A (cache on): /healthz baseline, cached read over a warmed hot set, create.
Server B (HMS_CACHE_ENABLED=false): /healthz baseline, uncached read over every seeded id.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hmsbench import client, profiling
from hmsbench.bodies import patient_bodies
from hmsbench.config import TARGETS, RunConfig
from hmsbench.measure import fixed_rate, saturated
from hmsbench.server import REPO, Server
from hmsbench.wrk import WrkLoad, run_wrk

PATIENTS = "/api/v1/patients"
Log = Callable[[str], None]


class ScenarioRunner:
    def __init__(self, config: RunConfig, work_dir: Path, log: Log) -> None:
        self.config = config
        self.work_dir = work_dir
        self.log = log
        self.profiles: dict[str, Any] = {}

    def _saturated(self, server: Server, load: WrkLoad) -> dict[str, Any]:
        c = self.config
        return saturated(
            server,
            load,
            connections=c.connections,
            seconds=c.saturated_seconds,
            rounds=c.rounds,
            warmup_seconds=c.warmup_seconds,
            work_dir=self.work_dir,
        )

    def _fixed(self, server: Server, load: WrkLoad, rate: float) -> dict[str, Any]:
        c = self.config
        return fixed_rate(
            server,
            load,
            rate=rate,
            seconds=c.fixed_seconds,
            warmup_seconds=c.warmup_seconds,
            connections=c.open_loop_connections,
            work_dir=self.work_dir,
        )

    def baseline(self, server: Server) -> dict[str, Any]:
        self.log("  /healthz, saturated")
        load = WrkLoad(path="/healthz")
        result = {"saturated": self._saturated(server, load)}
        if server.cache_enabled:
            self._maybe_profile(server, load, "healthz")
        return result

    def seed(self, server: Server, token: str) -> list[str]:
        self.log(f"  creating {self.config.patients} patients")
        bodies = patient_bodies(self.config.patients, seed=11)
        return client.create_patients(server.base_url, token, bodies)

    def cached_read(self, server: Server, token: str, ids: list[str]) -> dict[str, Any]:
        hot = ids[: self.config.hot_set]
        client.warm(server.base_url, token, hot)
        load = WrkLoad(
            path=f"{PATIENTS}/{hot[0]}",
            paths=[f"{PATIENTS}/{i}" for i in hot],
            headers=_auth(token),
        )
        return self._read(server, load, "cached_read", hit_ratio=True)

    def uncached_read(self, server: Server, token: str, ids: list[str]) -> dict[str, Any]:
        load = WrkLoad(
            path=f"{PATIENTS}/{ids[0]}",
            paths=[f"{PATIENTS}/{i}" for i in ids],
            headers=_auth(token),
        )
        return self._read(server, load, "uncached_read", hit_ratio=False)

    def _read(self, server: Server, load: WrkLoad, name: str, *, hit_ratio: bool) -> dict[str, Any]:
        target = TARGETS[name]
        result: dict[str, Any] = {}
        for kind, run in (
            ("saturated", lambda: self._saturated(server, load)),
            ("fixed_rate", lambda: self._fixed(server, load, target.rate * self.config.rate_scale)),
        ):
            self.log(f"  {name}, {kind}")
            before = client.cache_counts(server.base_url)
            result[kind] = run()
            result[kind]["cache"] = client.hit_ratios(before, client.cache_counts(server.base_url))
        result["cache_enabled"] = hit_ratio
        self._maybe_profile(server, load, name)
        return result

    def create(self, server: Server, token: str) -> dict[str, Any]:
        bodies = [json.dumps(b, separators=(",", ":")) for b in patient_bodies(5000, seed=23)]
        load = WrkLoad(
            path=PATIENTS,
            bodies=bodies,
            headers={**_auth(token), "Content-Type": "application/json"},
        )
        self.log("  create, saturated")
        result = {"saturated": self._saturated(server, load)}
        self.log("  create, fixed_rate")
        result["fixed_rate"] = self._fixed(
            server, load, TARGETS["create"].rate * self.config.rate_scale
        )
        self._maybe_profile(server, load, "create")
        return result

    def _maybe_profile(self, server: Server, load: WrkLoad, name: str) -> None:
        if not self.config.profile:
            return
        seconds = self.config.profile_seconds
        self.log(f"  profiling {name} ({seconds} s, saturated)")
        output = self.work_dir / f"profile-{name}.txt"
        wrk = threading.Thread(
            target=run_wrk,
            args=(server.base_url, load),
            kwargs={
                "connections": self.config.connections,
                "seconds": seconds + 1,
                "work_dir": self.work_dir,
            },
        )
        py_spy = profiling.require_py_spy(REPO / ".venv" / "bin")
        profiling.record(py_spy, server.pid, seconds, output, wrk)
        self.profiles[name] = {"raw": str(output), **profiling.summarize(output)}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
