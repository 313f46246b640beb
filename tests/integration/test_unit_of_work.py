"""A unit of work that PostgreSQL aborts to break a deadlock is run again from the start
(``hms.pipeline.core.run``, the one place that retries)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hms.pipeline import Call, Operation, run
from hms.pipeline.actor import operator
from hms.pipeline.commands import command_stores
from hms.platform.db import Database

PROBE = Operation(None, audit="probe.write", writes=True, hospital=False)


async def run_unit_of_work(db: Database, work: Any) -> Any:
    async with command_stores(db) as stores:
        return await run(stores, PROBE, operator(), work)


@pytest.fixture
async def rows(db: Database):
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS public.uow_probe"))
        await conn.execute(text("CREATE TABLE public.uow_probe (id int PRIMARY KEY, n int)"))
        await conn.execute(text("INSERT INTO public.uow_probe VALUES (1, 0), (2, 0)"))
    yield
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP TABLE public.uow_probe"))


async def test_the_transaction_a_deadlock_aborts_is_run_again(db: Database, rows) -> None:
    both_hold_one = asyncio.Barrier(2)
    attempts = {1: 0, 2: 0}
    committed: list[int] = []

    def locking(first: int, second: int):
        async def work(call: Call) -> int:
            session = call.session
            attempts[first] += 1
            bump = "UPDATE public.uow_probe SET n = n + 1 WHERE id = :id"
            await session.execute(text(bump), {"id": first})
            if attempts[first] == 1:
                await both_hold_one.wait()  # each holds one row and now wants the other's
            await session.execute(text(bump), {"id": second})
            call.after_commit(lambda: _note(committed, first))
            return first

        return work

    done = await asyncio.gather(
        run_unit_of_work(db, locking(1, 2)), run_unit_of_work(db, locking(2, 1))
    )
    assert sorted(done) == [1, 2]
    # PostgreSQL aborted exactly one of them; it ran again and both committed once.
    assert sorted(attempts.values()) == [1, 2]
    assert sorted(committed) == [1, 2]
    async with db.engine.connect() as conn:
        counts = (await conn.execute(text("SELECT n FROM public.uow_probe ORDER BY id"))).all()
    assert [n for (n,) in counts] == [2, 2]


async def test_other_database_errors_are_not_retried(db: Database, rows) -> None:
    attempts = 0

    async def work(call: Call) -> None:
        session = call.session
        nonlocal attempts
        attempts += 1
        await session.execute(text("INSERT INTO public.uow_probe VALUES (1, 0)"))

    with pytest.raises(DBAPIError):
        await run_unit_of_work(db, work)
    assert attempts == 1


async def _note(committed: list[int], first: int) -> None:
    committed.append(first)
