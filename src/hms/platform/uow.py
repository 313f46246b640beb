"""Unit of work: one transaction per request, with side effects sent after the commit."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.db import Database

Effect = Callable[[], Awaitable[object]]


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
