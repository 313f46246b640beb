"""Parse prescription frequencies (OD, BID, Q6H, PRN, "3 times daily"...) into doses per day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class FrequencyCode(StrEnum):
    """The frequencies a prescriber is offered first; parse_frequency accepts more forms."""

    OD = "OD"
    BID = "BID"
    TID = "TID"
    QID = "QID"
    Q4H = "Q4H"
    Q6H = "Q6H"
    Q8H = "Q8H"
    Q12H = "Q12H"
    PRN = "PRN"
    Q6H_PRN = "Q6H PRN"
    WEEKLY = "weekly"
    STAT = "STAT"


ACCEPTED_FORMS = (
    "OD / QD / once daily / daily / mane / nocte / QHS / ON",
    "BID / BD / twice daily",
    "TID / TDS / three times daily",
    "QID / QDS / four times daily",
    "Q<n>H / every <n> hours (e.g. Q4H, Q6H, Q8H, Q12H)",
    "<n> times daily / <n> times a day",
    "weekly / once weekly",
    "STAT / once (single dose)",
    "PRN (as needed), alone or after another form: 'Q6H PRN'",
)

_FIXED = {
    "od": 1.0,
    "qd": 1.0,
    "once daily": 1.0,
    "daily": 1.0,
    "once a day": 1.0,
    "mane": 1.0,
    "nocte": 1.0,
    "qhs": 1.0,
    "on": 1.0,
    "at night": 1.0,
    "bid": 2.0,
    "bd": 2.0,
    "twice daily": 2.0,
    "twice a day": 2.0,
    "tid": 3.0,
    "tds": 3.0,
    "three times daily": 3.0,
    "three times a day": 3.0,
    "qid": 4.0,
    "qds": 4.0,
    "four times daily": 4.0,
    "four times a day": 4.0,
    "weekly": 1 / 7,
    "once weekly": 1 / 7,
    "once a week": 1 / 7,
    "stat": 1.0,
    "once": 1.0,
}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_EVERY_HOURS = re.compile(
    r"^(?:q\s*(\d+(?:\.\d+)?)\s*h(?:rs?|ours?)?|every\s+(\d+(?:\.\d+)?)\s+hours?)$"
)
_TIMES_DAILY = re.compile(
    r"^(\d+|" + "|".join(_WORDS) + r")\s*(?:x|times)\s*(?:daily|a day|per day|/day)$"
)
_PRN = re.compile(r"\b(?:prn|as needed|as required)\b")


class UnknownFrequencyError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(
            f"unrecognised frequency {text!r}; accepted forms: " + "; ".join(ACCEPTED_FORMS)
        )
        self.text = text


@dataclass(frozen=True, slots=True)
class Frequency:
    text: str
    doses_per_day: float | None  # None for PRN without a stated interval
    as_needed: bool
    # For "Q6H PRN" the most doses a day the order allows; the daily maximum is checked on it.
    max_doses_per_day: float | None


def parse_frequency(text: str) -> Frequency:
    """Case-insensitive parse; raises UnknownFrequencyError naming the accepted forms."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    as_needed = bool(_PRN.search(cleaned))
    regular = _PRN.sub("", cleaned).strip(" ,;/")
    if not regular:
        if as_needed:
            return Frequency(text, None, True, None)
        raise UnknownFrequencyError(text)
    per_day = _regular_doses_per_day(regular)
    if per_day is None:
        raise UnknownFrequencyError(text)
    if as_needed:
        return Frequency(text, None, True, per_day)
    return Frequency(text, per_day, False, per_day)


def doses_per_day(text: str) -> float | None:
    return parse_frequency(text).doses_per_day


def _regular_doses_per_day(text: str) -> float | None:
    if text in _FIXED:
        return _FIXED[text]
    every = _EVERY_HOURS.match(text)
    if every:
        hours = float(every.group(1) or every.group(2))
        return 24.0 / hours if 0 < hours <= 168 else None
    times = _TIMES_DAILY.match(text)
    if times:
        count = times.group(1)
        n = int(count) if count.isdigit() else _WORDS[count]
        return float(n) if 0 < n <= 24 else None
    return None
