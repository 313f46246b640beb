"""Run settings (full and --quick) and the targets each scenario is judged against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    saturated_ok_per_s: float
    rate: float
    p99_ms: float


TARGETS: dict[str, Target] = {
    "cached_read": Target(saturated_ok_per_s=6000, rate=4000, p99_ms=10),
    "uncached_read": Target(saturated_ok_per_s=3000, rate=2000, p99_ms=20),
    "create": Target(saturated_ok_per_s=1500, rate=1000, p99_ms=30),
}

# A fixed-rate run meets its target when p99 is within it, at least this share of the rate
# was served, and nothing failed.
ACHIEVED_SHARE = 0.99


@dataclass(frozen=True)
class RunConfig:
    services: bool = False
    patients: int = 10_000
    hot_set: int = 100
    connections: int = 64
    saturated_seconds: float = 12
    rounds: int = 3
    fixed_seconds: float = 15
    warmup_seconds: float = 3
    open_loop_connections: int = 64
    profile: bool = False
    profile_seconds: int = 10
    self_test: bool = True
    # Fixed rates are the targets' rates times this (1.0 judges the targets).
    rate_scale: float = 1.0

    @classmethod
    def quick(cls, **overrides: object) -> RunConfig:
        base: dict[str, object] = {
            "patients": 500,
            "hot_set": 50,
            "saturated_seconds": 3,
            "rounds": 1,
            "fixed_seconds": 3,
            "warmup_seconds": 1,
            "profile_seconds": 3,
        }
        base.update(overrides)
        return cls(**base)  # type: ignore[arg-type]
