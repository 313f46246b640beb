"""Run every HMS benchmark and print one table; results also go to bench/out/ as JSON.

    .venv/bin/python bench/run_all.py            # full run, embedded PostgreSQL + Redis
    .venv/bin/python bench/run_all.py --quick    # short smoke run
    .venv/bin/python bench/run_all.py --services # the machine's PostgreSQL 15 + Redis 7

The server runs on core 0; the stores, the load generators and this runner on core 1.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hmsbench import client, report, source  # noqa: E402
from hmsbench.affinity import LOAD_CPUS, SERVER_CPUS, cpu_model  # noqa: E402
from hmsbench.config import RunConfig  # noqa: E402
from hmsbench.scenarios import ScenarioRunner  # noqa: E402
from hmsbench.selftest import free_port, generator_self_test  # noqa: E402
from hmsbench.server import Server  # noqa: E402
from hmsbench.stores import Stores, repin, start_embedded, start_services  # noqa: E402
from hmsbench.wrk import require_wrk  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv: list[str]) -> tuple[RunConfig, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short smoke run (~1 minute)")
    parser.add_argument(
        "--services",
        action="store_true",
        help="use PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also sample the server with py-spy under each saturated load",
    )
    parser.add_argument("--patients", type=int, help="patients created for the reads")
    parser.add_argument("--rounds", type=int, help="saturated rounds per scenario (median)")
    parser.add_argument(
        "--no-self-test",
        action="store_true",
        help="skip measuring the load generators against a stub server",
    )
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="measure src/ as of this commit (e.g. HEAD) instead of the working tree",
    )
    parser.add_argument(
        "--src",
        type=Path,
        metavar="DIR",
        help="measure the hms package in DIR (a patched copy of src/) instead of the tree",
    )
    parser.add_argument(
        "--rate-scale",
        type=float,
        default=1.0,
        help="run the fixed-rate phases at the targets' rates times this (e.g. 0.5)",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="niceness for this run and its children (0 to leave it)",
    )
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {
        "services": args.services,
        "profile": args.profile,
        "self_test": not args.no_self_test,
    }
    if args.patients:
        overrides["patients"] = args.patients
    if args.rounds:
        overrides["rounds"] = args.rounds
    overrides["rate_scale"] = args.rate_scale
    config = RunConfig.quick(**overrides) if args.quick else RunConfig(**overrides)
    return config, args


def run_server(
    stores: Stores,
    runner: ScenarioRunner,
    results: dict[str, Any],
    work_dir: Path,
    *,
    cache: bool,
    ids: list[str],
    src_dir: Path | None,
) -> list[str]:
    server = Server(
        stores,
        free_port(),
        cache_enabled=cache,
        log_path=work_dir / "server.log",
        src_dir=src_dir,
    )
    log(f"server {'A (cache on)' if cache else 'B (HMS_CACHE_ENABLED=false)'} starting")
    server.start()
    try:
        repin(stores)
        token = client.login(server.base_url)
        suffix = "cached_server" if cache else "uncached_server"
        results[f"healthz_{suffix}"] = runner.baseline(server)
        if cache:
            ids = runner.seed(server, token)
            results["cached_read"] = runner.cached_read(server, token, ids)
            results["create"] = runner.create(server, token)
        else:
            results["uncached_read"] = runner.uncached_read(server, token, ids)
    finally:
        server.stop()
    return ids


def main(argv: list[str]) -> int:
    config, args = parse_args(argv)
    nice: int = args.nice
    require_wrk()
    os.sched_setaffinity(0, LOAD_CPUS)
    if nice:
        try:
            os.nice(nice)
        except PermissionError:
            log(f"cannot set niceness {nice} (not root); running at the current priority")
            nice = 0
    started = datetime.now(UTC)
    work_dir = OUT / started.strftime("%Y%m%dT%H%M%SZ")
    work_dir.mkdir(parents=True, exist_ok=True)
    runner = ScenarioRunner(config, work_dir, log)
    meta: dict[str, Any] = {
        "started": started.isoformat(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "mode": "services" if config.services else "embedded",
        "server_cpus": sorted(SERVER_CPUS),
        "load_cpus": sorted(LOAD_CPUS),
        "nice": nice,
        "config": config.__dict__,
        "load_average_start": os.getloadavg(),
        "source": {**source.describe(), "measured": args.commit or "working tree"},
        "hms_environment": {k: v for k, v in os.environ.items() if k.startswith("HMS_")},
    }
    src_dir = source.snapshot(args.commit) if args.commit else None
    if args.src:
        src_dir = args.src.resolve()
        meta["source"]["measured"] = str(src_dir)
    self_test = None
    if config.self_test:
        log("measuring the load generators against a stub server")
        self_test = generator_self_test(
            [4000.0], min(config.fixed_seconds, 5), config.connections, work_dir
        )
    log(f"starting {meta['mode']} stores")
    stores = start_services() if config.services else start_embedded()
    results: dict[str, Any] = {}
    try:
        ids = run_server(stores, runner, results, work_dir, cache=True, ids=[], src_dir=src_dir)
        run_server(stores, runner, results, work_dir, cache=False, ids=ids, src_dir=src_dir)
    finally:
        stores.close()
        if src_dir is not None and args.commit:
            shutil.rmtree(src_dir.parent, ignore_errors=True)
    meta["load_average_end"] = os.getloadavg()
    verdict = report.verdicts(results)
    document = {
        "meta": meta,
        "generator_self_test": self_test,
        "results": results,
        "targets": verdict,
        "profiles": runner.profiles,
    }
    for path in (work_dir / "results.json", OUT / "latest.json"):
        path.write_text(json.dumps(document, indent=2, default=str))
    print()
    print(
        f"HMS benchmarks, {meta['mode']} stores, {meta['cpu']}, server on core "
        f"{meta['server_cpus']}, load + stores on {meta['load_cpus']}"
    )
    print(report.table(results))
    contention = report.contention_lines(results)
    if contention:
        print(contention)
    print()
    print(report.verdict_lines(verdict))
    if self_test:
        print()
        print(report.generator_lines(self_test))
    if runner.profiles:
        print(report.profile_lines(runner.profiles))
    print(f"\nJSON: {work_dir / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
