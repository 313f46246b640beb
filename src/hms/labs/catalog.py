"""The LOINC-coded lab test catalog: units, reference intervals by sex and age, critical limits.

The data lives in lab_catalog.json beside this module (format in docs/clinical-rules.md);
`parse_catalog` checks it so that a laboratory's edited copy fails loudly, not silently.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

IntervalSex = Literal["any", "male", "female"]
PatientSex = Literal["male", "female"]
_SEX_ALIASES: dict[str, PatientSex] = {
    "male": "male",
    "m": "male",
    "female": "female",
    "f": "female",
}


class CatalogError(ValueError):
    """The catalog document is malformed or inconsistent."""


class UnknownLabTest(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no lab test with key or LOINC code {code!r} in the catalog")


class UnknownUnit(ValueError):
    def __init__(self, test: LabTest, unit: str) -> None:
        accepted = ", ".join((test.unit, *(alt.unit for alt in test.alternate_units)))
        super().__init__(f"{test.display} cannot be given in {unit!r}; accepted units: {accepted}")


@dataclass(frozen=True, slots=True)
class ReferenceInterval:
    """Inclusive [low, high]; None means no limit on that side. Applies from
    `age_from_years` (inclusive) to `age_below_years` (exclusive; None = no upper age)."""

    sex: IntervalSex
    age_from_years: Decimal
    age_below_years: Decimal | None
    low: Decimal | None
    high: Decimal | None

    def covers_age(self, age_years: Decimal) -> bool:
        if age_years < self.age_from_years:
            return False
        return self.age_below_years is None or age_years < self.age_below_years


@dataclass(frozen=True, slots=True)
class CriticalLimit:
    """One side of a critical (panic) limit, kept as the source writes it: '<2.8', '>=4.0'."""

    threshold: Decimal
    inclusive: bool

    def below(self, value: Decimal) -> bool:
        return value <= self.threshold if self.inclusive else value < self.threshold

    def above(self, value: Decimal) -> bool:
        return value >= self.threshold if self.inclusive else value > self.threshold


@dataclass(frozen=True, slots=True)
class UnitConversion:
    """An accepted non-canonical unit: canonical = value × factor (or ÷ factor)."""

    unit: str
    loinc: str  # the LOINC code for results in this unit (differs when the property does)
    factor: Decimal
    divide: bool

    def to_canonical(self, value: Decimal) -> Decimal:
        return value / self.factor if self.divide else value * self.factor


@dataclass(frozen=True, slots=True)
class LabTest:
    key: str
    display: str
    loinc: str
    unit: str  # canonical UCUM unit; intervals and limits are in it
    decimals: int  # reporting resolution of the canonical unit
    reference: tuple[ReferenceInterval, ...]
    critical_low: CriticalLimit | None
    critical_high: CriticalLimit | None
    critical_from_age_years: Decimal
    alternate_units: tuple[UnitConversion, ...]
    source: str

    def reference_interval(self, *, sex: str | None, age_years: float) -> ReferenceInterval | None:
        """The interval for this patient. A sex-specific interval wins over an 'any' one;
        with sex unknown, the 'any' interval is used, or else the union of the male and
        female intervals, so that only values abnormal for both are flagged."""
        age = to_decimal(age_years, "age_years")
        if age < 0:
            raise ValueError(f"age_years must not be negative, got {age_years!r}")
        candidates = [interval for interval in self.reference if interval.covers_age(age)]
        wanted = normalise_sex(sex)
        for preferred in (wanted, "any") if wanted else ("any",):
            for interval in candidates:
                if interval.sex == preferred:
                    return interval
        if wanted or not candidates:
            return None
        lows, highs = [c.low for c in candidates], [c.high for c in candidates]
        return ReferenceInterval(
            sex="any",
            age_from_years=max(c.age_from_years for c in candidates),
            age_below_years=None,
            low=None if None in lows else min(x for x in lows if x is not None),
            high=None if None in highs else max(x for x in highs if x is not None),
        )

    def to_canonical(self, value: float, unit: str | None = None) -> Decimal:
        """The value in the canonical unit, rounded half-up to its reporting resolution."""
        number = to_decimal(value, self.key)
        if unit is not None and _unit_id(unit) != _unit_id(self.unit):
            conversion = next(
                (alt for alt in self.alternate_units if _unit_id(alt.unit) == _unit_id(unit)),
                None,
            )
            if conversion is None:
                raise UnknownUnit(self, unit)
            number = conversion.to_canonical(number)
        return number.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


def normalise_sex(sex: str | None) -> PatientSex | None:
    """'male'/'m' and 'female'/'f' in any case; anything else (other, unknown) is None."""
    return _SEX_ALIASES.get((sex or "").strip().lower())


def to_decimal(value: float, name: str) -> Decimal:
    # Decimal(str(x)) keeps the number as written (1.35, not 1.3500000000000000888).
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return Decimal(str(value))


def _unit_id(unit: str) -> str:
    # Lab systems write µ or μ for micro and ^ for powers; UCUM writes u and *.
    return unit.strip().replace("µ", "u").replace("μ", "u").replace("^", "*").lower()


@cache
def load_catalog() -> Mapping[str, LabTest]:
    """The packaged catalog, keyed by test key."""
    text = resources.files("hms.labs").joinpath("lab_catalog.json").read_text(encoding="utf-8")
    return MappingProxyType(parse_catalog(json.loads(text)))


def get_test(code: str) -> LabTest:
    """A test by its key ('creatinine'), its LOINC code, or an alternate unit's LOINC code."""
    found = _index().get(code.strip().lower())
    if found is None:
        raise UnknownLabTest(code)
    return found


def implied_unit(code: str) -> str | None:
    """The unit a LOINC code implies when it is an alternate unit's own code (14682-9 →
    umol/L), so a result coded that way is not mistaken for the canonical unit."""
    for test in load_catalog().values():
        for alt in test.alternate_units:
            if alt.loinc == code.strip() and alt.loinc != test.loinc:
                return alt.unit
    return None


@cache
def _index() -> Mapping[str, LabTest]:
    index: dict[str, LabTest] = {}
    for test in load_catalog().values():
        for name in (test.key, test.loinc, *(alt.loinc for alt in test.alternate_units)):
            index[name.lower()] = test
    return index


def parse_catalog(document: Mapping[str, Any]) -> dict[str, LabTest]:
    tests: dict[str, LabTest] = {}
    loinc_codes: set[str] = set()
    for entry in document["tests"]:
        try:
            test = _parse_test(entry)
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise CatalogError(f"lab test {entry.get('key')!r}: {error}") from error
        if test.key in tests or test.loinc in loinc_codes:
            raise CatalogError(f"lab test {test.key!r} ({test.loinc}) is listed twice")
        tests[test.key] = test
        loinc_codes.add(test.loinc)
    return tests


def _parse_test(entry: Mapping[str, Any]) -> LabTest:
    critical = entry.get("critical", {})
    test = LabTest(
        key=entry["key"],
        display=entry["display"],
        loinc=entry["loinc"],
        unit=entry["unit"],
        decimals=int(entry["decimals"]),
        reference=tuple(_parse_interval(raw) for raw in entry["reference"]),
        critical_low=_parse_critical(critical.get("low"), "<"),
        critical_high=_parse_critical(critical.get("high"), ">"),
        critical_from_age_years=_number(critical.get("from_age_years", 0)),
        alternate_units=tuple(_parse_conversion(raw) for raw in entry.get("alternate_units", [])),
        source=entry["source"],
    )
    if not test.source.strip():
        raise CatalogError("every test must name the source of its ranges")
    _check_consistency(test)
    return test


def _parse_interval(raw: Mapping[str, Any]) -> ReferenceInterval:
    age_from, age_below = raw["age"]
    sex = raw["sex"]
    if sex not in ("any", "male", "female"):
        raise CatalogError(f"sex must be any, male or female, got {sex!r}")
    low, high = raw["low"], raw["high"]
    interval = ReferenceInterval(
        sex=sex,
        age_from_years=_number(age_from),
        age_below_years=None if age_below is None else _number(age_below),
        low=None if low is None else _number(low),
        high=None if high is None else _number(high),
    )
    if interval.low is not None and interval.high is not None and interval.low > interval.high:
        raise CatalogError(f"reference low {low} is above high {high}")
    if interval.age_below_years is not None and interval.age_below_years <= age_from:
        raise CatalogError(f"age band {raw['age']} is empty")
    return interval


def _parse_critical(text: str | None, direction: str) -> CriticalLimit | None:
    if text is None:
        return None
    operator = text[:2] if text[1:2] == "=" else text[:1]
    if operator not in (direction, direction + "="):
        raise CatalogError(f"critical limit {text!r} must start with {direction} or {direction}=")
    return CriticalLimit(threshold=_number(text[len(operator) :]), inclusive=operator.endswith("="))


def _parse_conversion(raw: Mapping[str, Any]) -> UnitConversion:
    divide = "divide_by" in raw
    factor = _number(raw["divide_by"] if divide else raw["multiply_by"])
    if factor <= 0:
        raise CatalogError(f"conversion factor for {raw['unit']} must be positive")
    return UnitConversion(unit=raw["unit"], loinc=raw["loinc"], factor=factor, divide=divide)


def _number(value: Any) -> Decimal:
    if isinstance(value, str):
        return Decimal(value.strip())
    return to_decimal(value, "catalog value")


def _check_consistency(test: LabTest) -> None:
    # Intervals for the same sex must not overlap in age, or the choice would be arbitrary.
    for sex in ("any", "male", "female"):
        bands = sorted((i for i in test.reference if i.sex == sex), key=lambda i: i.age_from_years)
        for earlier, later in zip(bands, bands[1:], strict=False):
            if earlier.age_below_years is None or earlier.age_below_years > later.age_from_years:
                raise CatalogError(f"{sex} reference intervals overlap in age")
    # A critical value must also be outside every reference interval.
    lows = [i.low for i in test.reference if i.low is not None]
    highs = [i.high for i in test.reference if i.high is not None]
    if test.critical_low and lows and test.critical_low.below(min(lows)):
        raise CatalogError("critical low limit reaches into a reference interval")
    if test.critical_high and highs and test.critical_high.above(max(highs)):
        raise CatalogError("critical high limit reaches into a reference interval")
