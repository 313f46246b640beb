"""The command-line contract: tenants, users and migrate against a real database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from tests.integration.conftest import World

HMS = str(Path(sys.executable).parent / "hms")


def hms(world: World, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMS_")}
    env |= {
        "HMS_DATABASE_URL": world.settings.database_url or "",
        "HMS_DATA_DIR": str(world.settings.data_dir),
    }
    return subprocess.run(
        [HMS, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def test_tenants_users_and_migrate(world: World) -> None:
    slug = f"cli{uuid.uuid4().hex[:6]}"
    created = hms(world, "tenants", "create", "--slug", slug, "--name", "CLI Hospital")
    assert created.returncode == 0, created.stderr
    assert f"hospital_{slug}" in created.stdout
    again = hms(world, "tenants", "create", "--slug", slug, "--name", "CLI Hospital")
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = hms(world, "tenants", "create", "--slug", "Bad-Slug", "--name", "X")
    assert bad.returncode == 1 and "Invalid slug" in bad.stderr
    zoned = hms(
        world, "tenants", "create", "--slug", f"{slug}z", "--name", "Z", "--time-zone", "Asia/Tokyo"
    )
    assert zoned.returncode == 0 and "time zone Asia/Tokyo" in zoned.stdout, zoned.stderr
    off = hms(
        world, "tenants", "create", "--slug", f"{slug}o", "--name", "O", "--time-zone", "Tokyo"
    )
    assert off.returncode == 1 and "'Tokyo' is not an IANA time zone" in off.stderr, off.stderr
    listed = hms(world, "tenants", "list")
    assert slug in listed.stdout and "alpha" in listed.stdout
    lines = {line.split()[0]: line.split() for line in listed.stdout.splitlines() if line}
    assert lines[slug][2] == "UTC" and lines[f"{slug}z"][2] == "Asia/Tokyo"
    assert f"{slug}o" not in lines

    user = hms(
        world,
        "users",
        "create",
        "--email",
        f"doc@{slug}.example.org",
        "--role",
        "doctor",
        "--hospital",
        slug,
        "--password-stdin",
        stdin="a-long-enough-password\n",
    )
    assert user.returncode == 0, user.stderr
    weak = hms(
        world,
        "users",
        "create",
        "--email",
        f"x@{slug}.example.org",
        "--role",
        "nurse",
        "--hospital",
        slug,
        "--password-stdin",
        stdin="short\n",
    )
    assert weak.returncode == 1 and "password" in weak.stderr
    doctor = f"doc@{slug}.example.org"
    off = hms(world, "users", "disable", "--email", doctor.upper())
    assert off.returncode == 0 and f"disabled doctor {doctor}" in off.stdout, off.stderr
    assert "disabled" in hms(world, "users", "disable", "--email", doctor).stdout  # idempotent
    on = hms(world, "users", "enable", "--email", doctor)
    assert on.returncode == 0 and f"enabled doctor {doctor}" in on.stdout, on.stderr
    nobody = hms(world, "users", "enable", "--email", f"nobody@{slug}.example.org")
    assert nobody.returncode == 1 and "No user with email" in nobody.stderr

    migrated = hms(world, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "hospital schema(s) at head" in migrated.stdout
