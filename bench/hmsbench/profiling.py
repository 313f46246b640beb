"""Sampling profiles of the server under saturated load (py-spy, raw collapsed stacks), and a
summary of where its CPU time goes: by package (self time) and by HMS function (inclusive)."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from hmsbench.affinity import LOAD_CPUS

# A frame's file path (as py-spy prints it, relative to its import root) names its package.
PACKAGES: dict[str, str] = {
    "hms": "hms (this project)",
    "uvicorn": "uvicorn",
    "httptools": "uvicorn",
    "starlette": "starlette",
    "fastapi": "fastapi",
    "pydantic": "pydantic",
    "pydantic_core": "pydantic",
    "jwt": "PyJWT",
    "redis": "redis-py",
    "asyncpg": "asyncpg",
    "sqlalchemy": "SQLAlchemy",
    "socketio": "socketio/engineio",
    "engineio": "socketio/engineio",
    "prometheus_client": "prometheus-client",
    "cachetools": "cachetools",
    "limits": "limits",
    "orjson": "orjson",
    "asyncio": "asyncio (stdlib)",
    "uvloop": "uvloop",
    "anyio": "anyio (worker-thread hops)",
}
# HMS frames under which every request runs: left out of the inclusive list.
OUTER_FRAMES = {"hms/cli.py", "hms/platform/bodylimit.py"}
_FRAME = re.compile(r"^(?P<func>.*) \((?P<path>[^()]*?)(?::(?P<line>\d+))?\)$")


def require_py_spy(venv_bin: Path) -> str:
    found = venv_bin / "py-spy"
    if found.exists():
        return str(found)
    on_path = shutil.which("py-spy")
    if on_path is None:
        raise SystemExit("py-spy is not installed: .venv/bin/pip install py-spy")
    return on_path


def record(py_spy: str, pid: int, seconds: int, output: Path, load: threading.Thread) -> None:
    """Sample ``pid`` for ``seconds`` while ``load`` (already configured) runs."""
    cpus = ",".join(str(c) for c in sorted(LOAD_CPUS))
    command = [
        "taskset",
        "-c",
        cpus,
        py_spy,
        "record",
        "--pid",
        str(pid),
        "--duration",
        str(seconds),
        "--rate",
        "250",
        "--format",
        "raw",
        "--nonblocking",
        "--output",
        str(output),
    ]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    load.start()
    _, err = spy.communicate(timeout=seconds + 60)
    load.join()
    if spy.returncode != 0:
        raise RuntimeError(f"py-spy failed: {err.decode(errors='replace')}")


def _parse(line: str) -> tuple[list[tuple[str, str]], int]:
    stack, _, count = line.rstrip().rpartition(" ")
    frames = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame)
        if match:
            frames.append((match["func"], match["path"]))
        else:
            frames.append((frame, ""))
    return frames, int(count)


def package_of(path: str) -> str:
    if not path:
        # No Python frame on the stack: the event loop's own C code (libuv polling, socket I/O).
        return "native (event loop)"
    root = path.split("/", 1)[0]
    if root == "threading.py":
        return "threading (worker threads)"
    if root.endswith(".py"):
        return f"stdlib {root}"
    return PACKAGES.get(root, root)


def summarize(raw_file: Path, top: int = 15) -> dict[str, Any]:
    """Self time by package and by function, inclusive time of HMS functions, in % of samples."""
    by_package: Counter[str] = Counter()
    self_time: Counter[str] = Counter()
    hms_inclusive: Counter[str] = Counter()
    total = 0
    for line in raw_file.read_text().splitlines():
        if not line.strip():
            continue
        frames, count = _parse(line)
        total += count
        func, path = frames[-1]
        by_package[package_of(path)] += count
        self_time[f"{func} ({_short(path)})"] += count
        seen = set()
        for func, path in frames:
            if path.startswith("hms/") and path not in OUTER_FRAMES:
                key = f"{func} ({_short(path)})"
                if key not in seen:
                    seen.add(key)
                    hms_inclusive[key] += count

    def pct(counter: Counter[str]) -> list[tuple[str, float]]:
        return [(k, round(100 * v / total, 1)) for k, v in counter.most_common(top)]

    return {
        "samples": total,
        "self_by_package": pct(by_package),
        "self_by_function": pct(self_time),
        "hms_inclusive": pct(hms_inclusive),
    }


def _short(path: str) -> str:
    return path
