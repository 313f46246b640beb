"""One ``hms serve`` process pinned to the server core, talking to the given stores."""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from hmsbench.affinity import SERVER_CPUS, cpus_of
from hmsbench.stores import Stores

REPO = Path(__file__).resolve().parents[2]
HMS = REPO / ".venv" / "bin" / "hms"
READY_TIMEOUT_SECONDS = 120.0


@dataclass
class Server:
    stores: Stores
    port: int
    cache_enabled: bool
    log_path: Path
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    # Import HMS from this source folder instead of the installed one (a snapshot of a commit).
    src_dir: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "HMS_DATABASE_URL": self.stores.database_url,
                "HMS_REDIS_URL": self.stores.redis_url,
                "HMS_DATA_DIR": str(self.stores.data_dir),
                "HMS_JWT_SECRET": self.jwt_secret,
                "HMS_CACHE_ENABLED": "true" if self.cache_enabled else "false",
                "HMS_LOG_LEVEL": "warning",
                "HMS_ACCESS_TOKEN_MINUTES": "240",
            }
        )
        if self.src_dir is not None:
            env["PYTHONPATH"] = str(self.src_dir)
        return env

    def start(self) -> None:
        cpus = ",".join(str(c) for c in sorted(SERVER_CPUS))
        command = [
            "taskset",
            "-c",
            cpus,
            str(HMS),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command, env=self.environment(), stdout=log, stderr=subprocess.STDOUT, cwd=REPO
        )
        self._wait_ready()
        if cpus_of(self.pid) != SERVER_CPUS:
            raise RuntimeError(f"server runs on CPUs {cpus_of(self.pid)}, not {SERVER_CPUS}")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                if httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"server not ready after {READY_TIMEOUT_SECONDS:.0f} s; see {self.log_path}"
        )

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
