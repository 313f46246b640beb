"""The two kinds of measured run against a started server, each with the server's own CPU use
(CPU seconds per request hold up on a noisy machine better than requests per second do)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hmsbench.affinity import LOAD_CPUS
from hmsbench.server import Server
from hmsbench.wrk import WrkLoad, run_wrk

BENCH_DIR = Path(__file__).resolve().parents[1]


def _server_cpu(
    server: Server, started_cpu: float, started_at: float, requests: int
) -> dict[str, Any]:
    cpu = server.cpu_seconds() - started_cpu
    wall = time.monotonic() - started_at
    return {
        "server_cpu_share": round(cpu / wall, 3),
        "server_cpu_us_per_request": round(cpu / requests * 1e6, 1) if requests else None,
    }


def saturated(
    server: Server,
    load: WrkLoad,
    *,
    connections: int,
    seconds: float,
    rounds: int,
    warmup_seconds: float,
    work_dir: Path,
) -> dict[str, Any]:
    """``rounds`` wrk runs after one unrecorded warm-up; the median round is the figure."""
    if warmup_seconds > 0:
        run_wrk(
            server.base_url,
            load,
            connections=connections,
            seconds=warmup_seconds,
            work_dir=work_dir,
        )
    results = []
    for _ in range(rounds):
        cpu, at = server.cpu_seconds(), time.monotonic()
        result = run_wrk(
            server.base_url, load, connections=connections, seconds=seconds, work_dir=work_dir
        )
        result.update(_server_cpu(server, cpu, at, result["requests"]))
        results.append(result)
    median = statistics.median(r["ok_per_s"] for r in results)
    middle = min(results, key=lambda r: abs(r["ok_per_s"] - median))
    return {
        "connections": connections,
        "ok_per_s": median,
        "ok_per_s_rounds": [r["ok_per_s"] for r in results],
        "errors": sum(r["socket_errors"] + r["non_2xx"] for r in results),
        "latency_ms": middle["latency_ms"],
        "server_cpu_share": middle["server_cpu_share"],
        "server_cpu_us_per_request": middle["server_cpu_us_per_request"],
        "rounds": results,
    }


def run_openloop(spec: dict[str, Any], work_dir: Path) -> dict[str, Any]:
    spec_file = work_dir / "openloop-spec.json"
    spec_file.write_text(json.dumps(spec))
    cpus = ",".join(str(c) for c in sorted(LOAD_CPUS))
    env = dict(os.environ, PYTHONPATH=str(BENCH_DIR))
    done = subprocess.run(
        ["taskset", "-c", cpus, sys.executable, "-m", "hmsbench.openloop", str(spec_file)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fixed_rate(
    server: Server,
    load: WrkLoad,
    *,
    rate: float,
    seconds: float,
    warmup_seconds: float,
    connections: int,
    work_dir: Path,
) -> dict[str, Any]:
    """One open-loop run at ``rate`` requests per second (see hmsbench.openloop)."""
    url = urlsplit(server.base_url)
    spec = {
        "host": url.hostname,
        "port": url.port,
        "rate": rate,
        "duration": seconds,
        "warmup": warmup_seconds,
        "connections": connections,
        "method": "POST" if load.bodies else "GET",
        "paths": load.paths or [load.path],
        "bodies": load.bodies,
        "headers": load.headers,
    }
    cpu, at = server.cpu_seconds(), time.monotonic()
    result = run_openloop(spec, work_dir)
    result.update(_server_cpu(server, cpu, at, int(rate * (seconds + warmup_seconds))))
    return result
