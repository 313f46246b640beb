"""Plain API calls around the measured runs: log in, create patients, warm the cache, and
read the cache counters from /metrics."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx

DOCTOR_EMAIL = "doctor@demo.example.org"
DEMO_PASSWORD = "hms-demo-2026"
_CACHE_SAMPLE = re.compile(
    r'^hms_cache_requests_total\{layer="(l[12])",result="(hit|miss)"\}\s+([0-9.eE+]+)$', re.M
)


def login(base_url: str, email: str = DOCTOR_EMAIL, password: str = DEMO_PASSWORD) -> str:
    response = httpx.post(
        f"{base_url}/api/v1/auth/login", json={"email": email, "password": password}, timeout=30
    )
    response.raise_for_status()
    token: str = response.json()["accessToken"]
    return token


async def _create_all(
    base_url: str, token: str, bodies: list[dict[str, Any]], concurrency: int
) -> list[str]:
    ids: list[str] = [""] * len(bodies)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(bodies)):
        queue.put_nowait(i)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                response = await client.post("/api/v1/patients", json=bodies[i], timeout=30)
                response.raise_for_status()
                ids[i] = response.json()["id"]

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return ids


def create_patients(
    base_url: str, token: str, bodies: list[dict[str, Any]], concurrency: int = 16
) -> list[str]:
    return asyncio.run(_create_all(base_url, token, bodies, concurrency))


def warm(base_url: str, token: str, ids: list[str]) -> None:
    """Read every id once, so the hot set sits in L1 and L2 before the measured run."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        for patient_id in ids:
            client.get(f"/api/v1/patients/{patient_id}").raise_for_status()


def cache_counts(base_url: str) -> dict[str, float]:
    """{"l1:hit": n, "l1:miss": n, "l2:hit": n, "l2:miss": n} from /metrics."""
    text = httpx.get(f"{base_url}/metrics", timeout=30).text
    counts = {"l1:hit": 0.0, "l1:miss": 0.0, "l2:hit": 0.0, "l2:miss": 0.0}
    for layer, result, value in _CACHE_SAMPLE.findall(text):
        counts[f"{layer}:{result}"] = float(value)
    return counts


def hit_ratios(before: dict[str, float], after: dict[str, float]) -> dict[str, Any]:
    """Hit ratios over the interval between two /metrics scrapes, per layer and overall."""
    delta = {k: after[k] - before[k] for k in before}
    l1_lookups = delta["l1:hit"] + delta["l1:miss"]
    l2_lookups = delta["l2:hit"] + delta["l2:miss"]
    return {
        "lookups": int(l1_lookups),
        "l1_hit_ratio": round(delta["l1:hit"] / l1_lookups, 4) if l1_lookups else None,
        "l2_hit_ratio": round(delta["l2:hit"] / l2_lookups, 4) if l2_lookups else None,
        "overall_hit_ratio": (
            round((delta["l1:hit"] + delta["l2:hit"]) / l1_lookups, 4) if l1_lookups else None
        ),
        "counts": {k: int(v) for k, v in delta.items()},
    }
