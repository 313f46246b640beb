"""Device ingestion over HTTP: readings/s stored, scored and published by one ``hms serve``
process on its own core, for batches of 100, with ``/healthz`` measured in the same run.

    .venv/bin/python bench/ingest_bench.py              # writes bench/RESULTS.md
    .venv/bin/python bench/ingest_bench.py --no-write   # prints only

The server is pinned to one core (hmsbench.affinity.SERVER_CPUS), embedded PostgreSQL, Redis
and this load generator to the other. Each concurrent sender is its own device (bound to its
own patient), posting batches of new readings back to back. Server CPU is read from /proc,
so "per server core" figures do not depend on how fast this client is.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hmsbench.affinity import LOAD_CPUS, cpu_model  # noqa: E402
from hmsbench.client import DEMO_PASSWORD, create_patients, login  # noqa: E402
from hmsbench.server import Server  # noqa: E402
from hmsbench.stores import start_embedded  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- ingest-bench:start -->", "<!-- ingest-bench:end -->"
READING = {
    "heartRate": 78,
    "systolicBp": 124,
    "diastolicBp": 79,
    "temperature": 37.1,
    "spo2": 97,
    "respirationRate": 16,
    "onOxygen": False,
    "consciousness": "alert",
}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _healthz(base: str, concurrency: int, seconds: float) -> int:
    done = 0
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < deadline:
                r = await client.get("/healthz")
                assert r.status_code == 200, r.text
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


async def _ingest(base: str, devices: list[dict[str, Any]], batch: int, seconds: float) -> int:
    stored = 0
    deadline = time.monotonic() + seconds
    # Readings one millisecond apart, starting a day ago: every batch is new data.
    start = datetime.now(UTC) - timedelta(days=1)
    limits = httpx.Limits(max_connections=len(devices))
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker(device: dict[str, Any], offset: int) -> None:
            nonlocal stored
            credential = base64.b64encode(f"{device['serial']}:{device['secret']}".encode())
            headers = {"Authorization": f"Basic {credential.decode()}"}
            n = offset
            while time.monotonic() < deadline:
                readings = []
                for _ in range(batch):
                    at = start + timedelta(milliseconds=n)
                    readings.append({**READING, "recordedAt": at.isoformat()})
                    n += 1
                r = await client.post(
                    "/api/v1/devices/readings", json={"readings": readings}, headers=headers
                )
                assert r.status_code == 200, r.text
                body = r.json()
                assert body["accepted"] == batch, body
                stored += body["accepted"]

        await asyncio.gather(*(worker(d, 0) for d in devices))
    return stored


def _register(base: str, token: str, patients: list[str]) -> list[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"}
    out = []
    stamp = int(time.time())
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for i, patient_id in enumerate(patients):
            body = {
                "serial": f"BENCH-{stamp}-{i}",
                "kind": "bedside-monitor",
                "patientId": patient_id,
            }
            r = client.post("/api/v1/devices", json=body)
            r.raise_for_status()
            out.append(r.json())
    return out


def measure(args: argparse.Namespace) -> dict[str, Any]:
    os.sched_setaffinity(0, LOAD_CPUS)
    stores = start_embedded()
    log_path = Path(tempfile.mkdtemp(prefix="hms-ingest-bench-")) / "server.log"
    server = Server(stores, free_port(), cache_enabled=True, log_path=log_path)
    try:
        server.start()
        base = server.base_url
        doctor = login(base)
        admin = login(base, "admin@demo.example.org", DEMO_PASSWORD)
        bodies = [
            {"name": f"Monitor Patient {i}", "dateOfBirth": "1950-01-01", "gender": "female"}
            for i in range(args.concurrency)
        ]
        patients = create_patients(base, doctor, bodies, concurrency=4)
        devices = _register(base, admin, patients)
        # Warm-up: both paths once, so imports and prepared statements are done.
        asyncio.run(_healthz(base, args.concurrency, 2))
        asyncio.run(_ingest(base, devices[:1], args.batch, 2))
        devices = _register(base, admin, patients)  # fresh devices: no duplicates ahead
        runs: dict[str, Any] = {}
        for name, run in (
            ("healthz", lambda: _healthz(base, args.concurrency, args.seconds)),
            ("ingest", lambda: _ingest(base, devices, args.batch, args.seconds)),
        ):
            cpu, wall = server.cpu_seconds(), time.monotonic()
            count = asyncio.run(run())
            runs[name] = {
                "count": count,
                "wall": time.monotonic() - wall,
                "cpu": server.cpu_seconds() - cpu,
            }
        return runs
    finally:
        server.stop()
        stores.close()


def report(runs: dict[str, Any], args: argparse.Namespace) -> str:
    h, i = runs["healthz"], runs["ingest"]
    h_per_cpu = h["count"] / h["cpu"]
    i_per_cpu = i["count"] / i["cpu"]
    lines = [
        "## Device ingestion over HTTP (`bench/ingest_bench.py`)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d} on {cpu_model()} ({os.cpu_count()} CPUs), "
        f"Python {platform.python_version()}; one `hms serve` process on one core, embedded "
        f"PostgreSQL and Redis and the load on the other; {args.concurrency} devices sending "
        f"batches of {args.batch} back to back for {args.seconds:.0f} s; every reading new "
        "(stored, NEWS2-scored, audited per batch and patient, one `vitals:updated` each).",
        "",
        "| path | done | wall /s | server CPU s | per server-CPU second | server CPU per item |",
        "|---|---|---|---|---|---|",
        f"| GET /healthz | {h['count']} requests | {h['count'] / h['wall']:.0f} | {h['cpu']:.2f} "
        f"| {h_per_cpu:.0f} requests | {1e6 / h_per_cpu:.0f} µs |",
        f"| POST /devices/readings ×{args.batch} | {i['count']} readings | "
        f"{i['count'] / i['wall']:.0f} | {i['cpu']:.2f} | {i_per_cpu:.0f} readings "
        f"| {1e6 / i_per_cpu:.0f} µs |",
        "",
        f"Ratio: one reading costs {h_per_cpu / i_per_cpu:.2f}× a `/healthz` request of server "
        f"CPU; a batch of {args.batch} costs {args.batch * h_per_cpu / i_per_cpu:.0f}×. "
        f"Readings per second per server core: {i_per_cpu:.0f} (goal ≥ 10,000).",
        "",
        f"The server core was busy {100 * h['cpu'] / h['wall']:.0f} % of the `/healthz` run and "
        f"{100 * i['cpu'] / i['wall']:.0f} % of the ingestion run (the load generator shares "
        "the other core with the stores), so the wall rates are this client's; compare the "
        "per-server-CPU columns.",
    ]
    return "\n".join(lines)


def write(text: str) -> None:
    content = RESULTS.read_text()
    block = f"{START}\n{text}\n{END}"
    if START in content:
        before, rest = content.split(START, 1)
        content = before + block + rest.split(END, 1)[1]
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    text = report(measure(args), args)
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    main()
