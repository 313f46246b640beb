"""Two-level cache: L1 in this process (TTL, bounded), L2 in Redis, then the caller's loader.

Keys are tenant-aware (``hospital:{slug}:patients:{id}``). A write calls :meth:`invalidate`,
which deletes the L2 key and publishes the key so every process drops its L1 copy.
A Redis outage makes L2 a miss; it never turns a read into an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.exceptions import RedisError

from hms.platform.metrics import CACHE_REQUESTS, REDIS_ERRORS

log = logging.getLogger(__name__)

_L1_HIT = CACHE_REQUESTS.labels("l1", "hit")
_L1_MISS = CACHE_REQUESTS.labels("l1", "miss")
_L2_HIT = CACHE_REQUESTS.labels("l2", "hit")
_L2_MISS = CACHE_REQUESTS.labels("l2", "miss")


class TwoLevelCache:
    def __init__(
        self,
        redis: Redis,
        *,
        channel: str,
        l1_ttl: float,
        l1_max: int,
        l2_ttl: int,
        enabled: bool = True,
    ) -> None:
        self.redis = redis
        self.channel = channel
        self.l2_ttl = l2_ttl
        self.enabled = enabled
        self.l1: TTLCache[str, bytes] = TTLCache(maxsize=l1_max, ttl=l1_ttl)
        self._listener: asyncio.Task[None] | None = None
        # L1 is trusted only while this process hears invalidations from the others.
        self.subscribed = False

    async def get(self, key: str, load: Callable[[], Awaitable[bytes | None]]) -> bytes | None:
        if not self.enabled:
            return await load()
        value = self.l1.get(key) if self.subscribed else None
        if value is not None:
            _L1_HIT.inc()
            return value
        _L1_MISS.inc()
        try:
            value = await self.redis.get(key)  # type: ignore[assignment]
        except (RedisError, OSError):
            REDIS_ERRORS.labels("get").inc()
            value = None
        if value is not None:
            _L2_HIT.inc()
            if self.subscribed:
                self.l1[key] = value
            return value
        _L2_MISS.inc()
        value = await load()
        if value is not None:
            if self.subscribed:
                self.l1[key] = value
            try:
                await self.redis.set(key, value, ex=self.l2_ttl)
            except (RedisError, OSError):
                REDIS_ERRORS.labels("set").inc()
        return value

    async def invalidate(self, *keys: str) -> None:
        for key in keys:
            self.l1.pop(key, None)
        if not keys:
            return
        try:
            await self.redis.delete(*keys)
            for key in keys:
                await self.redis.publish(self.channel, key)
        except (RedisError, OSError):
            # The L2 copy expires by TTL; other processes' L1 copies by theirs.
            REDIS_ERRORS.labels("invalidate").inc()

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="cache-invalidation")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        while True:
            try:
                pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
                await pubsub.subscribe(self.channel)
                # Anything cached while we were not listening may be stale.
                self.l1.clear()
                self.subscribed = True
                async for message in pubsub.listen():
                    key = message.get("data")
                    if isinstance(key, bytes):
                        self.l1.pop(key.decode(), None)
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError):
                REDIS_ERRORS.labels("subscribe").inc()
                self.subscribed = False
                self.l1.clear()
                await asyncio.sleep(1.0)
