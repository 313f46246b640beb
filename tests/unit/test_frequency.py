import pytest

from hms.clinical.frequency import UnknownFrequencyError, doses_per_day, parse_frequency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OD", 1),
        ("od", 1),
        ("once daily", 1),
        ("Once Daily", 1),
        ("BID", 2),
        ("bd", 2),
        ("twice daily", 2),
        ("TID", 3),
        ("tds", 3),
        ("QID", 4),
        ("Q4H", 6),
        ("q6h", 4),
        ("Q8H", 3),
        ("Q12H", 2),
        ("every 8 hours", 3),
        ("3 times daily", 3),
        ("5 times daily", 5),
        ("two times a day", 2),
        ("nocte", 1),
    ],
)
def test_regular_frequencies_give_doses_per_day(text: str, expected: float) -> None:
    parsed = parse_frequency(text)
    assert parsed.doses_per_day == pytest.approx(expected)
    assert parsed.as_needed is False


def test_prn_has_no_daily_count_and_is_flagged() -> None:
    parsed = parse_frequency("PRN")
    assert parsed.doses_per_day is None
    assert parsed.as_needed is True
    assert parsed.max_doses_per_day is None


def test_prn_with_interval_keeps_the_ceiling_for_daily_checks() -> None:
    parsed = parse_frequency("Q6H PRN")
    assert parsed.doses_per_day is None
    assert parsed.as_needed is True
    assert parsed.max_doses_per_day == pytest.approx(4)


def test_weekly_is_a_seventh_of_a_dose_per_day() -> None:
    assert doses_per_day("once weekly") == pytest.approx(1 / 7)


@pytest.mark.parametrize("text", ["", "sometimes", "Q0H", "BIDX", "0 times daily", "q6"])
def test_unknown_forms_raise_naming_the_accepted_forms(text: str) -> None:
    with pytest.raises(UnknownFrequencyError) as error:
        parse_frequency(text)
    message = str(error.value)
    assert repr(text) in message
    for form in ("OD", "BID", "TID", "QID", "Q<n>H", "PRN", "times daily"):
        assert form in message
