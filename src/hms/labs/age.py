"""A patient's age in years on a given day, as the lab catalog's age bands expect it."""

from __future__ import annotations

from datetime import date


def _birthday(born: date, year: int) -> date:
    # Someone born on 29 February has their birthday on 1 March in common years, which
    # matches the completed-years rule below (28 February still comes before it).
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def age_in_years(born: date, on: date) -> float:
    """Completed years, plus the fraction of the current year of life elapsed (days since
    the last birthday over the days to the next one). A 5th birthday gives exactly 5.0."""
    if on < born:
        raise ValueError(f"{on.isoformat()} is before the date of birth {born.isoformat()}")
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    last = _birthday(born, born.year + years)
    following = _birthday(born, born.year + years + 1)
    return years + (on - last).days / (following - last).days
