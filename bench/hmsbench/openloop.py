"""Fixed-rate (open-loop) HTTP load generator.

Request i is due at ``start + i / rate`` whether or not earlier ones have been answered.
A due request goes out on an idle keep-alive connection or waits in a queue for one, and its
latency is counted from the moment it was due (as wrk2 does), so a stalled server cannot hide
its stall by slowing the generator down (no coordinated omission). Reported beside the
latency: the dispatch lag (due → handed to a connection or the queue), which is the
generator's own lateness, timer granularity included; and the queue wait (due → written),
which grows when every connection is busy because the server is behind.

Run: ``python -m hmsbench.openloop SPEC.json`` prints one JSON result on stdout.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import resource
import sys
import time
from array import array
from collections import Counter, deque
from dataclasses import dataclass
from typing import Any

from hmsbench.http_conn import IDLE_CLOSED, HttpConnection, build_request, open_connection
from hmsbench.stats import summarize_ms

DRAIN_SECONDS = 5.0
TICK_SECONDS = 0.001


@dataclass
class Spec:
    host: str
    port: int
    rate: float
    duration: float
    warmup: float
    connections: int
    method: str
    paths: list[str]
    bodies: list[str]
    headers: dict[str, str]
    seed: int = 1

    @classmethod
    def load(cls, path: str) -> Spec:
        with open(path) as fh:
            return cls(**json.load(fh))

    def requests(self) -> list[bytes]:
        host = f"{self.host}:{self.port}"
        if self.bodies:
            return [
                build_request(self.method, self.paths[0], host, self.headers, body.encode())
                for body in self.bodies
            ]
        return [build_request(self.method, path, host, self.headers) for path in self.paths]


class OpenLoop:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        # First in, first out: every connection stays busy, none idles into the keep-alive timeout.
        self.idle: deque[HttpConnection] = deque()
        self.queue: deque[tuple[bytes, float]] = deque()
        self.latencies: array[float] = array("d")
        self.lags: array[float] = array("d")
        self.queue_waits: array[float] = array("d")
        self.statuses: Counter[int] = Counter()
        self.in_flight = 0
        self.max_queue = 0
        self.reconnects = 0
        self.window_start = float("inf")
        self.last_done = 0.0
        self.drained = asyncio.Event()
        self.scheduling = True

    def on_done(self, conn: HttpConnection, status: int, scheduled: float) -> None:
        if status == IDLE_CLOSED:
            if conn in self.idle:
                self.idle.remove(conn)
            self.reconnects += 1
            asyncio.get_running_loop().create_task(self._reconnect())
            return
        now = time.perf_counter()
        self.in_flight -= 1
        if scheduled >= self.window_start:
            self.latencies.append(now - scheduled)
            self.statuses[status] += 1
            self.last_done = now
        if conn.closed:
            self.reconnects += 1
            asyncio.get_running_loop().create_task(self._reconnect())
        elif self.queue:
            request, due = self.queue.popleft()
            self._send(conn, request, due)
        else:
            self.idle.append(conn)
        if not self.scheduling and self.in_flight == 0:
            self.drained.set()

    async def _reconnect(self) -> None:
        conn = await open_connection(self.spec.host, self.spec.port, self.on_done)
        if self.queue:
            request, due = self.queue.popleft()
            self._send(conn, request, due)
        else:
            self.idle.append(conn)

    def _send(self, conn: HttpConnection, request: bytes, due: float) -> None:
        if due >= self.window_start:
            self.queue_waits.append(time.perf_counter() - due)
        conn.send(request, due)

    def dispatch(self, request: bytes, due: float) -> None:
        if due >= self.window_start:
            self.lags.append(time.perf_counter() - due)
        self.in_flight += 1
        if self.idle:
            self._send(self.idle.popleft(), request, due)
        else:
            self.queue.append((request, due))
            self.max_queue = max(self.max_queue, len(self.queue))

    async def run(self) -> dict[str, Any]:
        spec = self.spec
        requests = spec.requests()
        for _ in range(spec.connections):
            self.idle.append(await open_connection(spec.host, spec.port, self.on_done))
        total = int(spec.rate * (spec.warmup + spec.duration))
        rng = random.Random(spec.seed)
        if spec.bodies:
            order = [requests[i % len(requests)] for i in range(total)]
        else:
            order = [requests[rng.randrange(len(requests))] for _ in range(total)]
        interval = 1.0 / spec.rate
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter() + 0.05
        self.window_start = start + spec.warmup
        window_end = self.window_start + spec.duration
        i = 0
        while i < total:
            now = time.perf_counter()
            while i < total and start + i * interval <= now:
                self.dispatch(order[i], start + i * interval)
                i += 1
            if i < total:
                # The loop's timers tick in whole milliseconds: a shorter sleep would spin.
                await asyncio.sleep(max(TICK_SECONDS, start + i * interval - time.perf_counter()))
        self.scheduling = False
        if self.in_flight:
            try:
                await asyncio.wait_for(self.drained.wait(), DRAIN_SECONDS)
            except TimeoutError:
                pass
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        return self._result(window_end, cpu, time.perf_counter() - start)

    def _result(self, window_end: float, cpu_seconds: float, elapsed: float) -> dict[str, Any]:
        spec = self.spec
        ok = sum(n for status, n in self.statuses.items() if 200 <= status < 300)
        completed = sum(self.statuses.values())
        span = max(window_end, self.last_done) - self.window_start
        return {
            "target_rate": spec.rate,
            "duration_s": spec.duration,
            "connections": spec.connections,
            "scheduled": int(spec.rate * spec.duration),
            "completed": completed,
            "ok": ok,
            "errors": completed - ok + self.in_flight,
            "unfinished": self.in_flight,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "achieved_rate": round(ok / span, 1) if span > 0 else 0.0,
            "latency_ms": summarize_ms(self.latencies),
            "dispatch_lag_ms": summarize_ms(self.lags),
            "queue_wait_ms": summarize_ms(self.queue_waits),
            "max_queue": self.max_queue,
            "reconnects": self.reconnects,
            "generator_cpu_share": round(cpu_seconds / elapsed, 3) if elapsed > 0 else 0.0,
        }


def main(argv: list[str]) -> None:
    import uvloop

    gc.disable()  # a short run: no collector pauses inside the generator's own timing
    spec = Spec.load(argv[1])
    result = uvloop.run(OpenLoop(spec).run())
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
