"""Age in years at sample collection, as the lab catalog's age bands read it."""

from __future__ import annotations

from datetime import date

import pytest

from hms.labs.age import age_in_years


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (date(2020, 1, 1), date(2020, 1, 1), 0.0),
        (date(2020, 1, 1), date(2025, 1, 1), 5.0),  # a birthday is a whole number
        (date(2020, 1, 1), date(2020, 7, 2), 0.5),  # 183 of 366 days (2020 is a leap year)
        (date(2008, 6, 1), date(2026, 6, 1), 18.0),
        (date(2000, 2, 29), date(2001, 3, 1), 1.0),  # leap-day births turn a year on 1 March
        (date(2000, 2, 29), date(2004, 2, 29), 4.0),
    ],
)
def test_whole_and_fractional_years(born: date, on: date, expected: float) -> None:
    assert age_in_years(born, on) == pytest.approx(expected)


def test_the_day_before_a_birthday_is_still_the_younger_age() -> None:
    age = age_in_years(date(2008, 6, 1), date(2026, 5, 31))
    assert 17.99 < age < 18
    assert age_in_years(date(2000, 2, 29), date(2001, 2, 28)) < 1


def test_catalog_band_boundaries_follow_the_birthday() -> None:
    # Hemoglobin bands 0.5-5 and 5-12 years: the 5th birthday belongs to the second.
    assert age_in_years(date(2019, 3, 10), date(2024, 3, 10)) >= 5
    assert age_in_years(date(2019, 3, 10), date(2024, 3, 9)) < 5


def test_collection_before_birth_is_refused() -> None:
    with pytest.raises(ValueError, match="before the date of birth"):
        age_in_years(date(2020, 1, 2), date(2020, 1, 1))
