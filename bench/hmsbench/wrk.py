"""Saturated (closed-loop) runs with wrk: a fixed number of connections, each sending its
next request as soon as the previous answer arrives, so the figure is the server's ceiling."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hmsbench.affinity import LOAD_CPUS

LUA_SCRIPT = Path(__file__).resolve().parents[1] / "lua" / "requests.lua"


@dataclass
class WrkLoad:
    """What to send: one fixed path, random paths from a list, or bodies POSTed in turn."""

    path: str
    paths: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def require_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    return found


def run_wrk(
    base_url: str, load: WrkLoad, *, connections: int, seconds: float, work_dir: Path
) -> dict[str, Any]:
    env = dict(os.environ)
    if load.bodies:
        bodies_file = work_dir / "wrk-bodies.txt"
        bodies_file.write_text("\n".join(load.bodies) + "\n")
        env.update({"BENCH_BODIES": str(bodies_file), "BENCH_POST_PATH": load.path})
    elif load.paths:
        paths_file = work_dir / "wrk-paths.txt"
        paths_file.write_text("\n".join(load.paths) + "\n")
        env["BENCH_PATHS"] = str(paths_file)
    cpus = ",".join(str(c) for c in sorted(LOAD_CPUS))
    command = [
        "taskset",
        "-c",
        cpus,
        require_wrk(),
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in load.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(base_url + load.path)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            raw = json.loads(line[len("BENCH_JSON ") :])
            return _result(raw)
    raise RuntimeError(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")


def _result(raw: dict[str, Any]) -> dict[str, Any]:
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    non_2xx = raw["status_errors"]
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "req_per_s": round(raw["requests"] / seconds, 1),
        "ok_per_s": round((raw["requests"] - non_2xx) / seconds, 1),
        "socket_errors": errors,
        "non_2xx": non_2xx,
        "latency_ms": {k: round(v / 1000, 3) for k, v in raw["latency_us"].items()},
    }
