"""Unit of work: one transaction per request, with side effects sent after the commit."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.db import Database

Effect = Callable[[], Awaitable[object]]
T = TypeVar("T")

# PostgreSQL breaks a deadlock by aborting one of the transactions (SQLSTATE 40P01), e.g.
# two overlapping bookings each waiting on the other's exclusion-constraint entry.
DEADLOCK = "40P01"
DEADLOCK_RETRIES = 5


def after_commit(session: AsyncSession, effect: Effect) -> None:
    """Run ``effect`` once the session's transaction has committed (never on rollback)."""
    session.info.setdefault("after_commit", []).append(effect)


@asynccontextmanager
async def unit_of_work(db: Database, schema: str | None) -> AsyncIterator[AsyncSession]:
    async with db.transaction(schema) as session:
        yield session
        effects: list[Effect] = session.info.get("after_commit", [])
    for effect in effects:
        await effect()


async def run_unit_of_work(
    db: Database, schema: str | None, work: Callable[[AsyncSession], Awaitable[T]]
) -> T:
    """``work`` in one unit of work. A transaction aborted to break a deadlock is run again
    from the start, after a random pause that grows with each attempt so the transactions
    that collided do not collide again in step."""
    attempt = 0
    while True:
        try:
            async with unit_of_work(db, schema) as session:
                return await work(session)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK or attempt == DEADLOCK_RETRIES:
                raise
        await asyncio.sleep(random.uniform(0, 0.005 * 2**attempt))
        attempt += 1
