"""Factories for appointment, lab and adverse event tests: staff, slots, orders, audit rows."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text
from tests.integration.conftest import World

from hms.platform.db import Database

# Each call hands out a day (or a week) of its own, far enough ahead to be bookable and
# never shared between tests: the database lives for the whole session.
_days = itertools.count()
_weeks = itertools.count()
FIRST_DAY = date(2031, 1, 1)
FIRST_MONDAY = date(2040, 1, 2)


def fresh_day() -> date:
    return FIRST_DAY + timedelta(days=next(_days))


def fresh_week() -> date:
    """The Monday of a week no other test uses."""
    return FIRST_MONDAY + timedelta(weeks=next(_weeks))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def slot(day: date, hour: int, minute: int = 0, *, minutes: int = 30) -> dict[str, str]:
    start = at(day, hour, minute)
    return {"startsAt": iso(start), "endsAt": iso(start + timedelta(minutes=minutes))}


def midday_zone() -> str:
    """An IANA zone where it is now about noon, so "today" there cannot roll over mid-test.

    Check-in is open on the appointment's calendar day in the hospital's time zone only: a
    test that books for now and checks in a moment later must not straddle midnight.
    """
    offset = 12 - datetime.now(UTC).hour  # hours east of UTC, -11 … +12
    # POSIX signs: Etc/GMT-3 is UTC+3.
    return f"Etc/GMT{-offset:+d}"


async def hospital_time_zone(http: httpx.AsyncClient, world: World, slug: str = "alpha") -> str:
    hospitals = (await http.get("/api/v1/hospitals", headers=world.headers("super_admin"))).json()
    return str(next(h["timeZone"] for h in hospitals if h["slug"] == slug))


async def set_hospital_time_zone(
    http: httpx.AsyncClient, world: World, zone: str, slug: str = "alpha"
) -> None:
    r = await http.patch(
        f"/api/v1/hospitals/{slug}", json={"timeZone": zone}, headers=world.headers("super_admin")
    )
    assert r.status_code == 200 and r.json()["timeZone"] == zone, r.text


@contextlib.asynccontextmanager
async def hospital_in_zone(
    http: httpx.AsyncClient, world: World, zone: str, slug: str = "alpha"
) -> AsyncIterator[str]:
    """The hospital in ``zone`` for the block, then back in its own: tests share alpha."""
    before = await hospital_time_zone(http, world, slug)
    await set_hospital_time_zone(http, world, zone, slug)
    try:
        yield zone
    finally:
        await set_hospital_time_zone(http, world, before, slug)


async def clear_of_midnight(zone: str) -> None:
    """Wait out the last half minute before midnight in ``zone``: a booking for now and the
    check-in a moment later then fall on one calendar day."""
    now = datetime.now(ZoneInfo(zone))
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    left = (midnight - now).total_seconds()
    if left < 30:
        await asyncio.sleep(left + 1)


def now_slot(*, days: int = 0, minutes: int = 30) -> dict[str, str]:
    """A slot starting this minute (bookable: it is not in the past), or `days` later."""
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=days)
    return {"startsAt": iso(start), "endsAt": iso(start + timedelta(minutes=minutes))}


async def make_user(
    http: httpx.AsyncClient, world: World, role: str, hospital: str = "alpha", name: str = ""
) -> dict[str, Any]:
    """A new staff member of the hospital (created by its admin); returns the user."""
    unique = uuid.uuid4().hex[:8]
    r = await http.post(
        "/api/v1/users",
        json={
            "email": f"{role}-{unique}@{hospital}.example.org",
            "name": name or f"Dr {unique.title()}",
            "role": role,
            "password": "a-long-enough-password",
            "hospital": hospital,
        },
        headers=world.headers("hospital_admin", hospital),
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def make_doctor(http: httpx.AsyncClient, world: World, hospital: str = "alpha") -> str:
    return str((await make_user(http, world, "doctor", hospital))["id"])


async def book(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    *,
    patient_id: str,
    doctor_id: str,
    when: dict[str, str],
    reason: str = "Follow-up",
) -> httpx.Response:
    return await http.post(
        "/api/v1/appointments",
        json={"patientId": patient_id, "doctorId": doctor_id, "reason": reason, **when},
        headers=headers,
    )


async def order_labs(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    patient_id: str,
    tests: list[str],
    priority: str = "routine",
) -> dict[str, Any]:
    r = await http.post(
        f"/api/v1/patients/{patient_id}/lab-orders",
        json={"tests": tests, "priority": priority},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def enter_results(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    order_id: str,
    results: list[dict[str, Any]],
    **extra: Any,
) -> httpx.Response:
    return await http.post(
        f"/api/v1/lab-orders/{order_id}/results",
        json={"results": results, **extra},
        headers=headers,
    )


async def audit_rows(
    db: Database, schema: str, patient_id: str, *, want: int = 0
) -> list[tuple[str, str, str]]:
    """(action, outcome, role) rows for a patient; waits up to 5 s for `want` batched rows."""
    rows: list[tuple[str, str, str]] = []
    for _ in range(100):
        async with db.engine.connect() as conn:
            result = await conn.execute(
                text(
                    f'SELECT action, outcome, actor_role FROM "{schema}".audit_log '
                    "WHERE patient_id = :p ORDER BY id"
                ),
                {"p": uuid.UUID(patient_id)},
            )
            rows = [(r[0], r[1], r[2]) for r in result]
        if len(rows) >= want:
            break
        await asyncio.sleep(0.05)
    return rows


async def scalar(db: Database, sql: str, **params: Any) -> Any:
    async with db.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()
