"""Day and week windows for the appointment views and the check-in day, in a time zone.

A day runs from local midnight to the next local midnight (23 or 25 hours across a
daylight-saving change); a week is an ISO 8601 week, Monday to Monday.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hms.tenancy.zones import check_time_zone

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def zone(name: str) -> ZoneInfo:
    """An IANA time zone ('Europe/Berlin', 'UTC'), accepted as a hospital's would be;
    ValueError names the bad value."""
    return ZoneInfo(check_time_zone(name))


def week_monday(value: str) -> date:
    """The Monday of an ISO week given as '2026-W48', or of the week holding a date."""
    match = _ISO_WEEK.match(value)
    if match:
        year, week = int(match[1]), int(match[2])
        try:
            return date.fromisocalendar(year, week, 1)
        except ValueError as exc:
            raise ValueError(f"{value!r}: year {year} has no ISO week {week}") from exc
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is neither an ISO week (2026-W48) nor a date") from exc
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar day of an instant in a zone (23:50 and 00:10 the next night are two days)."""
    return moment.astimezone(tz).date()


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def day_window(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return _midnight(day, tz), _midnight(day + timedelta(days=1), tz)


def week_window(week: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    monday = week_monday(week)
    return _midnight(monday, tz), _midnight(monday + timedelta(days=7), tz)
