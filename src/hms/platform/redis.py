"""The shared Redis client; callers treat every Redis failure as a cache miss, never an error."""

from __future__ import annotations

from redis.asyncio import Redis


def connect(url: str) -> Redis:
    return Redis.from_url(
        url,
        socket_timeout=0.5,
        socket_connect_timeout=0.5,
        health_check_interval=10,
        max_connections=64,
    )
