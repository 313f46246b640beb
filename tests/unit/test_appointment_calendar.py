"""Day and week windows for appointment views, the check-in day, and the 5-240 minute slot
rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from hms.appointments.calendar import day_window, local_day, week_monday, week_window, zone
from hms.appointments.schemas import AppointmentCreate

UTC_ZONE = zone("UTC")


def test_a_day_runs_midnight_to_midnight_in_the_zone() -> None:
    start, end = day_window(date(2031, 3, 4), zone("Asia/Tokyo"))
    assert start == datetime(2031, 3, 3, 15, tzinfo=UTC)
    assert end - start == timedelta(hours=24)


def test_daylight_saving_days_are_23_and_25_hours_long() -> None:
    berlin = zone("Europe/Berlin")
    spring = day_window(date(2031, 3, 30), berlin)
    autumn = day_window(date(2031, 10, 26), berlin)
    # Aware datetimes in one zone subtract as wall-clock times; compare the instants.
    assert spring[1].astimezone(UTC) - spring[0].astimezone(UTC) == timedelta(hours=23)
    assert autumn[1].astimezone(UTC) - autumn[0].astimezone(UTC) == timedelta(hours=25)


BERLIN = zone("Europe/Berlin")


def _berlin(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2031, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("appointment", "now", "same_day"),
    [
        # An early arrival just after midnight is on the day (it is still yesterday in UTC).
        (_berlin(4, 8), _berlin(4, 0, 5), True),
        # A late appointment is checked in up to midnight, not after.
        (_berlin(4, 23, 30), _berlin(4, 23, 59), True),
        (_berlin(4, 23, 30), _berlin(5, 0, 1), False),
        (_berlin(4, 0, 10), _berlin(3, 23, 55), False),
        # The 25-hour day when summer time ends: 00:30 and 23:30 are one day.
        (_berlin(26, 23, 30, month=10), _berlin(26, 0, 30, month=10), True),
    ],
)
def test_the_local_day_of_an_instant(appointment: datetime, now: datetime, same_day: bool) -> None:
    in_utc = now.astimezone(UTC)
    assert (local_day(appointment, BERLIN) == local_day(in_utc, BERLIN)) is same_day


def test_the_day_depends_on_the_zone() -> None:
    moment = datetime(2031, 3, 4, 23, 5, tzinfo=UTC)
    assert local_day(moment, UTC_ZONE) == date(2031, 3, 4)
    assert local_day(moment, BERLIN) == date(2031, 3, 5)


@pytest.mark.parametrize(
    ("week", "monday"),
    [
        ("2031-W01", date(2030, 12, 30)),  # ISO week 1 holds the year's first Thursday
        ("2026-W53", date(2026, 12, 28)),
        ("2031-03-06", date(2031, 3, 3)),  # any date picks its week
        ("2031-03-03", date(2031, 3, 3)),
        ("2031-03-09", date(2031, 3, 3)),  # Sunday ends the ISO week
    ],
)
def test_week_monday(week: str, monday: date) -> None:
    assert week_monday(week) == monday


@pytest.mark.parametrize("week", ["2031-W53", "2031-W00", "next week", "2031-13-01"])
def test_bad_weeks_are_named(week: str) -> None:
    with pytest.raises(ValueError, match=week[:4]):
        week_monday(week)


def test_a_week_is_seven_days_from_monday() -> None:
    start, end = week_window("2031-W10", UTC_ZONE)
    assert start == datetime(2031, 3, 3, tzinfo=UTC) and end == datetime(2031, 3, 10, tzinfo=UTC)


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="'Mars/Olympus' is not an IANA time zone"):
        zone("Mars/Olympus")
    with pytest.raises(ValueError, match="not an IANA time zone"):
        zone("localtime")  # the server machine's zone, not a place


def _slot(minutes: float) -> dict[str, object]:
    start = datetime(2031, 3, 3, 9, tzinfo=UTC)
    return {
        "patientId": "00000000-0000-0000-0000-000000000001",
        "doctorId": "00000000-0000-0000-0000-000000000002",
        "reason": "Review",
        "startsAt": start,
        "endsAt": start + timedelta(minutes=minutes),
    }


@pytest.mark.parametrize("minutes", [5, 30, 240])
def test_slots_of_5_to_240_minutes_are_accepted(minutes: int) -> None:
    AppointmentCreate.model_validate(_slot(minutes))


@pytest.mark.parametrize("minutes", [4.9, 0, -30, 240.5])
def test_other_lengths_name_ends_at(minutes: float) -> None:
    with pytest.raises(ValidationError) as info:
        AppointmentCreate.model_validate(_slot(minutes))
    (error,) = info.value.errors()
    assert error["loc"] == ("endsAt",) and "5 to 240 minutes" in error["msg"]


def test_times_without_an_offset_are_refused() -> None:
    body = _slot(30) | {"startsAt": "2031-03-03T09:00:00", "endsAt": "2031-03-03T09:30:00"}
    with pytest.raises(ValidationError, match="timezone"):
        AppointmentCreate.model_validate(body)
