"""CPU pinning: the server on one core, the stores and the load on the other."""

from __future__ import annotations

import os
from pathlib import Path

SERVER_CPUS = {0}
LOAD_CPUS = {1}


def threads(pid: int) -> list[int]:
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except FileNotFoundError:
        return []


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (every thread's children file)."""
    found: list[int] = []
    for tid in threads(pid):
        path = Path(f"/proc/{pid}/task/{tid}/children")
        try:
            found += [int(c) for c in path.read_text().split()]
        except FileNotFoundError:
            continue
    return found


def with_descendants(pid: int) -> list[int]:
    seen: list[int] = []
    stack = [pid]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        stack += children(current)
    return seen


def pin(pids: list[int], cpus: set[int]) -> dict[int, set[int]]:
    """Pin every thread of ``pids`` to ``cpus``; returns each thread's previous mask."""
    before: dict[int, set[int]] = {}
    for pid in pids:
        for tid in threads(pid):
            try:
                before[tid] = os.sched_getaffinity(tid)
                os.sched_setaffinity(tid, cpus)
            except (ProcessLookupError, PermissionError):
                continue
    return before


def restore(masks: dict[int, set[int]]) -> None:
    for tid, cpus in masks.items():
        try:
            os.sched_setaffinity(tid, cpus)
        except (ProcessLookupError, PermissionError):
            continue


def cpus_of(pid: int) -> set[int]:
    return os.sched_getaffinity(pid)


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"
