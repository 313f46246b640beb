"""Percentiles over recorded samples (nearest rank)."""

from __future__ import annotations

from collections.abc import Sequence

PERCENTILES = (50.0, 90.0, 95.0, 99.0, 99.9)


def percentile(sorted_values: Sequence[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(p / 100.0 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def summarize_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50…p99.9, mean and max of samples given in seconds, as milliseconds."""
    values = sorted(seconds)
    out = {f"p{p:g}": round(percentile(values, p) * 1000, 3) for p in PERCENTILES}
    out["mean"] = round(sum(values) / len(values) * 1000, 3) if values else float("nan")
    out["max"] = round(values[-1] * 1000, 3) if values else float("nan")
    return out
