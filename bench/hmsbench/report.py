"""The closing table, the target verdicts, and the machine-readable results."""

from __future__ import annotations

from typing import Any

from hmsbench.config import ACHIEVED_SHARE, TARGETS

SCENARIOS = [
    ("healthz_cached_server", "GET /healthz (server A, baseline)", None),
    ("cached_read", "GET patient, cached (hot set)", "healthz_cached_server"),
    ("create", "POST patient", "healthz_cached_server"),
    ("healthz_uncached_server", "GET /healthz (server B, baseline)", None),
    ("uncached_read", "GET patient, uncached", "healthz_uncached_server"),
]


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def verdicts(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, target in TARGETS.items():
        if name not in results:
            continue
        sat = results[name]["saturated"]
        fixed = results[name]["fixed_rate"]
        asked = float(fixed["target_rate"])
        served = fixed["achieved_rate"] >= ACHIEVED_SHARE * asked
        # A run at another rate than the target's (--rate-scale) says nothing about the target.
        judged = asked == target.rate
        out[name] = {
            "saturated": {
                "target": target.saturated_ok_per_s,
                "measured": sat["ok_per_s"],
                "met": sat["ok_per_s"] >= target.saturated_ok_per_s,
            },
            "fixed_rate": {
                "target_p99_ms": target.p99_ms,
                "rate": asked,
                "measured_p99_ms": fixed["latency_ms"]["p99"],
                "achieved_rate": fixed["achieved_rate"],
                "errors": fixed["errors"],
                "met": (
                    fixed["latency_ms"]["p99"] <= target.p99_ms and served and fixed["errors"] == 0
                )
                if judged
                else None,
            },
        }
    return out


COLUMNS = [
    ("scenario", 36),
    ("sat ok/s", 9),
    ("x healthz", 9),
    ("cpu us/req", 10),
    ("per core", 8),
    ("rate", 6),
    ("achieved", 9),
    ("p50 ms", 9),
    ("p95 ms", 9),
    ("p99 ms", 9),
    ("errors", 6),
    ("L1 hit", 7),
    ("L2 hit", 7),
]


def _row(cells: list[str]) -> str:
    first, *rest = zip(cells, COLUMNS, strict=True)
    return f"{first[0]:<{first[1][1]}}" + "".join(f" {c:>{w}}" for c, (_, w) in rest)


def _per_core(run: dict[str, Any]) -> float | None:
    """Requests per second of server CPU: what one whole core would serve."""
    cpu_us = run.get("server_cpu_us_per_request")
    return 1e6 / cpu_us if cpu_us else None


def table(results: dict[str, Any]) -> str:
    header = _row([name for name, _ in COLUMNS])
    lines = [header, "-" * len(header)]
    for key, title, baseline in SCENARIOS:
        if key not in results:
            continue
        sat = results[key]["saturated"]
        ratio = None
        if baseline and baseline in results:
            ratio = sat["ok_per_s"] / results[baseline]["saturated"]["ok_per_s"]
        fixed = results[key].get("fixed_rate") or {}
        cache = fixed.get("cache") or {}
        lat = fixed.get("latency_ms", {})
        errors = fixed["errors"] if fixed else sat["errors"]
        lines.append(
            _row(
                [
                    title,
                    _fmt(sat["ok_per_s"], 0),
                    _fmt(ratio, 2),
                    _fmt(sat["server_cpu_us_per_request"], 0),
                    _fmt(_per_core(sat), 0),
                    _fmt(float(fixed["target_rate"]) if fixed else None, 0),
                    _fmt(fixed.get("achieved_rate"), 0),
                    _fmt(lat.get("p50"), 2),
                    _fmt(lat.get("p95"), 2),
                    _fmt(lat.get("p99"), 2),
                    _fmt(errors),
                    _fmt(cache.get("l1_hit_ratio"), 3),
                    _fmt(cache.get("l2_hit_ratio"), 3),
                ]
            )
        )
    return "\n".join(lines)


def contention_lines(results: dict[str, Any]) -> str:
    """Saturated runs in which the server did not get its core: the machine was busy."""
    lines = []
    for key, title, _ in SCENARIOS:
        share = results.get(key, {}).get("saturated", {}).get("server_cpu_share")
        if share is not None and share < 0.9:
            lines.append(f"note: {title}: the server used {share:.0%} of its core while saturated")
        fixed = results.get(key, {}).get("fixed_rate")
        if fixed and fixed["achieved_rate"] < ACHIEVED_SHARE * fixed["target_rate"]:
            lines.append(
                f"note: {title}: behind at {fixed['target_rate']:,.0f}/s while using "
                f"{fixed['server_cpu_share']:.0%} of its core"
            )
    return "\n".join(lines)


def _verdict(met: bool | None) -> str:
    if met is None:
        return "not judged (not the target's rate)"
    return "met" if met else "NOT met"


def verdict_lines(verdict: dict[str, dict[str, Any]]) -> str:
    lines = []
    for name, v in verdict.items():
        s, f = v["saturated"], v["fixed_rate"]
        lines.append(
            f"{name:<14} saturated {s['measured']:>8,.0f} req/s vs >= {s['target']:,.0f}: "
            f"{'met' if s['met'] else 'NOT met'}"
        )
        lines.append(
            f"{'':<14} p99 at {f['rate']:,.0f}/s {f['measured_p99_ms']:>7.2f} ms vs <= "
            f"{f['target_p99_ms']:.0f} ms (served {f['achieved_rate']:,.0f}/s, "
            f"{f['errors']} errors): {_verdict(f['met'])}"
        )
    return "\n".join(lines)


def profile_lines(profiles: dict[str, Any]) -> str:
    lines = []
    for name, summary in profiles.items():
        lines.append(f"\n{name}: {summary['samples']} samples; self time by package:")
        lines += [f"  {pct:5.1f}%  {what}" for what, pct in summary["self_by_package"][:10]]
        lines.append("  HMS functions, inclusive:")
        lines += [f"  {pct:5.1f}%  {what}" for what, pct in summary["hms_inclusive"][:8]]
    return "\n".join(lines)


def generator_lines(self_test: dict[str, Any]) -> str:
    wrk = self_test["wrk_saturated"]
    lines = [f"wrk against a stub server: {wrk['req_per_s']:,.0f} req/s (64 connections)"]
    for rate, r in self_test["open_loop"].items():
        lat, lag = r["latency_ms"], r["dispatch_lag_ms"]
        lines.append(
            f"open loop at {int(rate):,}/s against the stub: achieved "
            f"{r['achieved_rate']:,.0f}/s, p50 {lat['p50']:.2f} ms, p99 {lat['p99']:.2f} ms"
            f" (dispatch lag p99 {lag['p99']:.2f} ms), generator CPU "
            f"{r['generator_cpu_share']:.0%} of a core"
        )
    return "\n".join(lines)
