"""The long-lived parts one server process shares: stores, caches, queues, the event publisher."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from redis.asyncio import Redis

from hms.audit.service import AuditQueue
from hms.config import Settings
from hms.platform.cache import TwoLevelCache
from hms.platform.db import Database
from hms.platform.events import Publisher
from hms.platform.hospitals import HospitalRegistry
from hms.platform.ratelimit import RateLimiter


@dataclass
class Runtime:
    settings: Settings
    db: Database
    redis: Redis
    cache: TwoLevelCache
    registry: HospitalRegistry
    limiter: RateLimiter
    audit: AuditQueue
    events: Publisher


def runtime_of(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt
