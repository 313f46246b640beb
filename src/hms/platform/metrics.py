"""Prometheus metrics shared by every domain."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

CACHE_REQUESTS = Counter(
    "hms_cache_requests_total", "Cache lookups by layer and result", ["layer", "result"]
)
REDIS_ERRORS = Counter("hms_redis_errors_total", "Redis operations that failed", ["operation"])
AUDIT_ROWS = Counter("hms_audit_rows_total", "Audit rows written", ["mode"])
AUDIT_FLUSH_SECONDS = Histogram("hms_audit_flush_seconds", "Time to flush a batch of audit rows")
EVENTS_EMITTED = Counter("hms_events_emitted_total", "Socket.IO events emitted", ["event"])
LOGIN_ATTEMPTS = Counter("hms_login_attempts_total", "Login attempts by outcome", ["outcome"])


def cache_counts() -> dict[str, float]:
    """Current hit/miss counts per layer, e.g. {"l1:hit": 10.0}."""
    out: dict[str, float] = {}
    for metric in CACHE_REQUESTS.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                out[f"{sample.labels['layer']}:{sample.labels['result']}"] = sample.value
    return out
