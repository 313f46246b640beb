"""Rate limits on Redis (shared by every instance), falling back to this process's memory.

When Redis is unreachable the limit is enforced per process instead of being switched off.
"""

from __future__ import annotations

import logging
import math
import time

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter

from hms.platform.metrics import REDIS_ERRORS

log = logging.getLogger(__name__)


def _limits_uri(redis_url: str) -> str:
    if redis_url.startswith("unix://"):
        return "async+redis+unix://" + redis_url[len("unix://") :]
    if redis_url.startswith(("redis://", "rediss://")):
        return "async+" + redis_url
    raise ValueError(f"unsupported Redis URL for rate limits: {redis_url}")


class RateLimiter:
    def __init__(self, redis_url: str) -> None:
        storage = RedisStorage(
            _limits_uri(redis_url),
            implementation="redispy",
            socket_timeout=0.5,
            socket_connect_timeout=0.5,
        )
        self._shared = MovingWindowRateLimiter(storage)
        self._local = MovingWindowRateLimiter(MemoryStorage())

    async def retry_after(self, limit: str, *key: str) -> float | None:
        """Seconds to wait when ``key`` has used up ``limit``, else None; counts nothing."""
        item = parse(limit)
        try:
            if await self._shared.test(item, *key):
                return None
            stats = await self._shared.get_window_stats(item, *key)
        except Exception:  # any storage failure: enforce locally rather than not at all
            REDIS_ERRORS.labels("ratelimit").inc()
            if await self._local.test(item, *key):
                return None
            stats = await self._local.get_window_stats(item, *key)
        return float(max(1, math.ceil(stats.reset_time - time.time())))

    async def hit(self, limit: str, *key: str) -> None:
        item = parse(limit)
        try:
            await self._shared.hit(item, *key)
        except Exception:
            REDIS_ERRORS.labels("ratelimit").inc()
            await self._local.hit(item, *key)
