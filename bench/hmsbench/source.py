"""Which HMS code is measured: the working tree as installed, or a snapshot of a commit."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from hmsbench.server import REPO


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def describe() -> dict[str, object]:
    return {
        "commit": _git("rev-parse", "HEAD"),
        "src_changed_in_tree": bool(_git("status", "--porcelain", "--", "src")),
    }


def snapshot(rev: str = "HEAD") -> Path:
    """``src/`` of ``rev`` extracted to a temporary folder (the repository is not touched)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src"], cwd=REPO, capture_output=True, check=True
    ).stdout
    target = Path(tempfile.mkdtemp(prefix="hms-bench-src-"))
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"
