"""The load generators measured against a trivial server on the server core: wrk's ceiling and
the fixed-rate generator's latency floor. HMS cannot look better than these."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from hmsbench.affinity import SERVER_CPUS
from hmsbench.measure import BENCH_DIR, run_openloop
from hmsbench.wrk import WrkLoad, run_wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_listening(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("stub server did not start")


def generator_self_test(
    rates: list[float], seconds: float, connections: int, work_dir: Path
) -> dict[str, Any]:
    port = free_port()
    cpus = ",".join(str(c) for c in sorted(SERVER_CPUS))
    stub = subprocess.Popen(
        ["taskset", "-c", cpus, sys.executable, "-m", "hmsbench.stub_server", str(port)],
        env=dict(os.environ, PYTHONPATH=str(BENCH_DIR)),
    )
    try:
        _wait_listening(port)
        load = WrkLoad(path="/stub", headers={"Authorization": "Bearer stub"})
        wrk = run_wrk(
            f"http://127.0.0.1:{port}",
            load,
            connections=connections,
            seconds=seconds,
            work_dir=work_dir,
        )
        fixed = {}
        for rate in rates:
            spec = {
                "host": "127.0.0.1",
                "port": port,
                "rate": rate,
                "duration": seconds,
                "warmup": 1.0,
                "connections": connections,
                "method": "GET",
                "paths": ["/stub"],
                "bodies": [],
                "headers": load.headers,
            }
            fixed[str(int(rate))] = run_openloop(spec, work_dir)
        return {"wrk_saturated": wrk, "open_loop": fixed}
    finally:
        stub.terminate()
        stub.wait(timeout=10)
