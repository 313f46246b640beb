"""Effects a unit of work defers until its transaction has committed (never on rollback):
cache invalidations and the like. Live events have their own queue (``platform/events.py``);
the pipeline (``pipeline/core.py``) runs both after the commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

Effect = Callable[[], Awaitable[object]]


def after_commit(session: AsyncSession, effect: Effect) -> None:
    """Run ``effect`` once the session's transaction has committed (never on rollback)."""
    session.info.setdefault("after_commit", []).append(effect)


def effects(session: AsyncSession) -> list[Effect]:
    found: list[Effect] = session.info.get("after_commit", [])
    return found
