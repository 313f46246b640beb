"""Flags one lab result against the catalog: normal, low, high or critical.

Semantics (docs/clinical-rules.md): the value is first put in the test's canonical unit
and rounded half-up to its reporting resolution; critical limits are checked first, as
written in the source ('<2.8', '>=4.0'); the reference interval is inclusive at both ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hms.labs.catalog import LabTest, get_test, implied_unit

Status = Literal["normal", "low", "high", "critical-low", "critical-high", "no-reference-interval"]
Category = Literal["normal", "abnormal", "critical", "unknown"]

CATEGORY_OF: dict[Status, Category] = {
    "normal": "normal",
    "low": "abnormal",
    "high": "abnormal",
    "critical-low": "critical",
    "critical-high": "critical",
    # No interval covers this patient (e.g. a child for an adult-only interval):
    # saying "normal" would be a claim the catalog cannot support.
    "no-reference-interval": "unknown",
}


@dataclass(frozen=True, slots=True)
class Flag:
    status: Status
    category: Category
    test_key: str
    loinc: str
    value: float  # in `unit`, rounded to the test's reporting resolution
    unit: str  # the test's canonical unit
    reference_low: float | None
    reference_high: float | None

    @property
    def is_critical(self) -> bool:
        return self.category == "critical"


def flag(
    test: LabTest | str,
    value: float,
    *,
    sex: str | None,
    age_years: float,
    unit: str | None = None,
) -> Flag:
    """Flag `value` for a patient of this sex ('male'/'female'; anything else is treated
    as unknown) and age. `test` is a LabTest, a catalog key or a LOINC code; `unit`
    defaults to the canonical unit, or to the unit an alternate LOINC code implies."""
    if isinstance(test, str):
        unit = unit or implied_unit(test)
        test = get_test(test)
    canonical = test.to_canonical(value, unit)
    interval = test.reference_interval(sex=sex, age_years=age_years)

    status: Status
    critical_applies = age_years >= test.critical_from_age_years
    if critical_applies and test.critical_low and test.critical_low.below(canonical):
        status = "critical-low"
    elif critical_applies and test.critical_high and test.critical_high.above(canonical):
        status = "critical-high"
    elif interval is None:
        status = "no-reference-interval"
    elif interval.low is not None and canonical < interval.low:
        status = "low"
    elif interval.high is not None and canonical > interval.high:
        status = "high"
    else:
        status = "normal"

    return Flag(
        status=status,
        category=CATEGORY_OF[status],
        test_key=test.key,
        loinc=test.loinc,
        value=float(canonical),
        unit=test.unit,
        reference_low=None if interval is None or interval.low is None else float(interval.low),
        reference_high=None if interval is None or interval.high is None else float(interval.high),
    )
