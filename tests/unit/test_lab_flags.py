"""Lab catalog integrity and flag boundaries (inclusive reference interval, critical as written)."""

from __future__ import annotations

import copy
import math
import re
from decimal import Decimal
from typing import Any

import pytest

from hms.labs.catalog import (
    CatalogError,
    LabTest,
    UnknownLabTest,
    UnknownUnit,
    get_test,
    load_catalog,
    parse_catalog,
)
from hms.labs.flags import flag

CATALOG = load_catalog()


def loinc_check_digit_ok(code: str) -> bool:
    # LOINC codes end in a mod-10 (Luhn) check digit; a typo in a code fails it.
    body, check = code.split("-")
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit // 10 + digit % 10
    return (10 - total % 10) % 10 == int(check)


# --- catalog integrity -------------------------------------------------------------


def test_catalog_has_the_common_tests_by_loinc() -> None:
    assert len(CATALOG) >= 30
    codes = {test.loinc for test in CATALOG.values()}
    assert {"2160-0", "718-7", "2951-2", "2823-3", "1988-5", "6690-2", "777-3"} <= codes


@pytest.mark.parametrize("test", CATALOG.values(), ids=lambda t: t.key)
def test_every_entry_is_well_formed(test: LabTest) -> None:
    for code in (test.loinc, *(alt.loinc for alt in test.alternate_units)):
        assert re.fullmatch(r"\d{1,6}-\d", code)
        assert loinc_check_digit_ok(code), code
    assert test.source.strip()
    assert test.reference


def test_check_digit_rejects_a_typo() -> None:
    assert loinc_check_digit_ok("2160-0")
    assert not loinc_check_digit_ok("2160-1")


def test_lookup_by_key_loinc_and_alternate_loinc() -> None:
    assert get_test("creatinine") is get_test("2160-0") is get_test("14682-9")
    with pytest.raises(UnknownLabTest, match="no lab test"):
        get_test("9999-9")


def _document(**changes: Any) -> dict[str, Any]:
    entry = {
        "key": "k", "display": "K", "loinc": "2823-3", "unit": "mmol/L", "decimals": 1,
        "reference": [{"sex": "any", "age": [18, None], "low": 3.5, "high": 5.0}],
        "critical": {"low": "<2.8", "high": ">6.2"}, "source": "typical",
    }  # fmt: skip
    entry.update(changes)
    return {"tests": [entry]}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reference": [{"sex": "any", "age": [0, None], "low": 5, "high": 3}]}, "above high"),
        ({"reference": [{"sex": "x", "age": [0, None], "low": 3, "high": 5}]}, "sex must be"),
        ({"reference": [{"sex": "any", "age": [5, 5], "low": 3, "high": 5}]}, "is empty"),
        (
            {"reference": [{"sex": "any", "age": [0, 20], "low": 3, "high": 5},
                           {"sex": "any", "age": [18, None], "low": 3, "high": 5}]},
            "overlap",
        ),
        ({"critical": {"low": "<3.6"}}, "reaches into"),
        ({"critical": {"low": "<=3.5"}}, "reaches into"),
        ({"critical": {"high": ">=5.0"}}, "reaches into"),
        ({"critical": {"low": ">2.8"}}, "must start with"),
        ({"source": " "}, "source"),
        ({"alternate_units": [{"unit": "x", "loinc": "1-1", "multiply_by": 0}]}, "positive"),
    ],
)  # fmt: skip
def test_inconsistent_catalog_is_rejected(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(_document(**changes))


def test_duplicate_test_is_rejected() -> None:
    document = _document()
    document["tests"].append(copy.deepcopy(document["tests"][0]))
    with pytest.raises(CatalogError, match="listed twice"):
        parse_catalog(document)


# --- every reference and critical boundary of the packaged catalog ------------------


def _boundary_cases() -> list[Any]:
    cases = []
    for test in CATALOG.values():
        step = Decimal(1).scaleb(-test.decimals)
        for interval in test.reference:
            sex = None if interval.sex == "any" else interval.sex
            age = float(interval.age_from_years)
            applies = interval.age_from_years >= test.critical_from_age_years
            for edge, outside, side in (
                (interval.low, -step, "low"),
                (interval.high, step, "high"),
            ):
                if edge is None:
                    continue
                beyond = edge + outside
                limit = test.critical_low if side == "low" else test.critical_high
                hit = (
                    limit is not None
                    and applies
                    and (limit.below(beyond) if side == "low" else limit.above(beyond))
                )
                label = f"{test.key}-{interval.sex}-{age:g}y-{side}"
                cases.append(pytest.param(test, sex, age, edge, "normal", id=f"{label}-at"))
                expected = f"critical-{side}" if hit else side
                cases.append(pytest.param(test, sex, age, beyond, expected, id=f"{label}-out"))
    return cases


@pytest.mark.parametrize(("test", "sex", "age", "value", "expected"), _boundary_cases())
def test_reference_interval_is_inclusive(
    test: LabTest, sex: str | None, age: float, value: Decimal, expected: str
) -> None:
    assert flag(test, float(value), sex=sex, age_years=age).status == expected


def _critical_cases() -> list[Any]:
    cases = []
    for test in CATALOG.values():
        step = Decimal(1).scaleb(-test.decimals)
        for limit, side in ((test.critical_low, "low"), (test.critical_high, "high")):
            if limit is None:
                continue
            farther = -step if side == "low" else step  # one step further from normal
            critical = f"critical-{side}"
            at_threshold = critical if limit.inclusive else side  # '<=' vs '<'
            for value, expected in (
                (limit.threshold - farther, side),
                (limit.threshold, at_threshold),
                (limit.threshold + farther, critical),
            ):
                cases.append(pytest.param(test, value, expected, id=f"{test.key}-{value}"))
    return cases


@pytest.mark.parametrize(("test", "value", "expected"), _critical_cases())
def test_critical_limits_follow_their_written_operator(
    test: LabTest, value: Decimal, expected: str
) -> None:
    status = flag(test, float(value), sex="female", age_years=40).status
    assert status == expected


# --- named examples a clinician would check by hand ----------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [(2.7, "critical-low"), (2.8, "low"), (3.4, "low"), (3.5, "normal"), (5.0, "normal"),
     (5.04, "normal"), (5.05, "high"), (6.2, "high"), (6.3, "critical-high")],
)  # fmt: skip
def test_potassium(value: float, status: str) -> None:
    result = flag("2823-3", value, sex="male", age_years=60)
    assert result.status == status
    assert (result.reference_low, result.reference_high, result.unit) == (3.5, 5.0, "mmol/L")


def test_categories() -> None:
    assert flag("sodium", 140, sex="f", age_years=30).category == "normal"
    assert flag("sodium", 130, sex="f", age_years=30).category == "abnormal"
    critical = flag("sodium", 118, sex="f", age_years=30)
    assert (critical.category, critical.is_critical) == ("critical", True)


@pytest.mark.parametrize(
    ("unit", "value", "sex", "status"),
    [("umol/L", 119, "male", "normal"), ("µmol/L", 120, "male", "high"),
     ("umol/L", 92, "female", "normal"), ("umol/L", 93, "female", "high"),
     ("umol/L", 51, "female", "low"), ("mg/dL", 1.35, "male", "normal")],
)  # fmt: skip
def test_creatinine_by_sex_in_either_unit(unit: str, value: float, sex: str, status: str) -> None:
    assert flag("creatinine", value, sex=sex, age_years=50, unit=unit).status == status


def test_creatinine_molar_loinc_implies_umol_per_litre() -> None:
    assert flag("14682-9", 80, sex="male", age_years=50).value == 0.90
    assert flag("2160-0", 80, sex="male", age_years=50).status == "high"


@pytest.mark.parametrize(
    ("test", "value", "unit", "status"),
    [("glucose", 5.5, "mmol/L", "normal"), ("glucose", 5.6, "mmol/L", "high"),
     ("glucose", 2.5, "mmol/L", "critical-low"), ("hemoglobin", 130, "g/L", "normal"),
     ("hemoglobin", 129, "g/L", "low"), ("bilirubin_total", 21, "umol/L", "normal"),
     ("bilirubin_total", 22, "umol/L", "high"), ("urea_nitrogen", 7.3, "mmol/L", "normal"),
     ("urea_nitrogen", 7.5, "mmol/L", "high"), ("troponin_i_hs", 0.035, "ng/mL", "high"),
     ("wbc", 3.9, "10^3/uL", "low")],
)  # fmt: skip
def test_alternate_units_are_converted(test: str, value: float, unit: str, status: str) -> None:
    assert flag(test, value, sex="male", age_years=40, unit=unit).status == status


def test_unknown_unit_names_the_accepted_ones() -> None:
    with pytest.raises(UnknownUnit, match="accepted units: mg/dL, umol/L"):
        flag("creatinine", 1.0, sex="male", age_years=40, unit="mmol/L")


@pytest.mark.parametrize(
    ("age", "sex", "value", "status"),
    [(0.49, "male", 9.0, "no-reference-interval"), (0.5, "male", 10.9, "low"),
     (4.99, None, 11.2, "normal"), (5, None, 11.2, "low"), (14.99, "male", 12.5, "normal"),
     (15, "male", 12.5, "low"), (15, "female", 12.5, "normal"),
     (40, "female", 6.9, "critical-low")],
)  # fmt: skip
def test_hemoglobin_age_bands(age: float, sex: str | None, value: float, status: str) -> None:
    assert flag("718-7", value, sex=sex, age_years=age).status == status


def test_adult_only_interval_does_not_call_a_child_normal() -> None:
    child = flag("creatinine", 0.3, sex="female", age_years=17.99)
    assert (child.status, child.category, child.reference_low) == (
        "no-reference-interval",
        "unknown",
        None,
    )
    assert flag("creatinine", 0.3, sex="female", age_years=18).status == "low"
    # critical limits without an age floor still apply to children
    assert flag("potassium", 7.0, sex="male", age_years=4).status == "critical-high"
    # the white cell critical limits are adult-only (children run higher counts)
    assert flag("wbc", 35, sex="male", age_years=1).status == "no-reference-interval"


@pytest.mark.parametrize(
    ("sex", "alt_status", "troponin_status"),
    [("male", "normal", "normal"), ("female", "high", "high"),
     (None, "normal", "high"), ("unknown", "normal", "high")],
)  # fmt: skip
def test_sex_specific_and_unknown_sex(
    sex: str | None, alt_status: str, troponin_status: str
) -> None:
    # ALT 50 U/L: above the female limit (45), within the male (55) and so the union.
    assert flag("alt", 50, sex=sex, age_years=40).status == alt_status
    # hs-troponin I 30 ng/L: unknown sex uses the assay's overall 99th percentile (26.2).
    assert flag("troponin_i_hs", 30, sex=sex, age_years=40).status == troponin_status


def test_upper_limit_only_tests_have_no_low_flag() -> None:
    result = flag("crp", 0, sex="male", age_years=40)
    assert (result.status, result.reference_low, result.reference_high) == ("normal", None, 5.0)


@pytest.mark.parametrize(("value", "status"), [(2.0, "normal"), (2.1, "high"), (3.9, "high"),
                                               (4.0, "critical-high")])  # fmt: skip
def test_lactate_inclusive_critical(value: float, status: str) -> None:
    assert flag("lactate", value, sex=None, age_years=70).status == status


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_values_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        flag("sodium", bad, sex="male", age_years=40)


def test_negative_age_is_rejected() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        flag("sodium", 140, sex="male", age_years=-1)
