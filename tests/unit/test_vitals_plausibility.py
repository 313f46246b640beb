"""Plausibility limits for vitals: each edge accepted, just outside rejected, clear messages."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from hms.vitals.plausibility import LIMITS, LIMITS_BY_FIELD, Problem, VitalSigns, validate

TYPICAL = VitalSigns(
    heart_rate=72, systolic_bp=120, diastolic_bp=80, temperature=36.8,
    spo2=98, respiration_rate=16, weight_kg=70.5, height_cm=172,
)  # fmt: skip

# (snake_case attribute, camelCase field, lowest accepted, highest accepted, just below, just above)
EDGES = [
    ("heart_rate", "heartRate", 0, 350, -1, 351),
    ("systolic_bp", "systolicBp", 20, 300, 19, 301),
    ("diastolic_bp", "diastolicBp", 10, 250, 9, 251),
    ("temperature", "temperature", 10.0, 47.0, 9.9, 47.1),
    ("spo2", "spo2", 0, 100, -1, 101),
    ("respiration_rate", "respirationRate", 0, 150, -1, 151),
    ("weight_kg", "weightKg", 0.2, 500, 0.19, 500.1),
    ("height_cm", "heightCm", 20, 280, 19.9, 280.5),
]


def with_value(attribute: str, value: Any) -> VitalSigns:
    obs = replace(TYPICAL, **{attribute: value})
    if attribute in ("systolic_bp", "diastolic_bp"):
        # keep the other pressure out of the way so only the range rule is tested
        other = "diastolic_bp" if attribute == "systolic_bp" else "systolic_bp"
        obs = replace(obs, **{other: None})
    return obs


def test_typical_adult_is_accepted() -> None:
    assert validate(TYPICAL) == []


def test_nothing_recorded_is_accepted() -> None:
    assert validate(VitalSigns()) == []


@pytest.mark.parametrize(("attribute", "field", "low", "high", "below", "above"), EDGES)
def test_edges_are_inclusive(
    attribute: str, field: str, low: float, high: float, below: float, above: float
) -> None:
    assert validate(with_value(attribute, low)) == []
    assert validate(with_value(attribute, high)) == []


@pytest.mark.parametrize(("attribute", "field", "low", "high", "below", "above"), EDGES)
def test_just_outside_is_rejected_naming_field_value_and_range(
    attribute: str, field: str, low: float, high: float, below: float, above: float
) -> None:
    for value in (below, above):
        problems = validate(with_value(attribute, value))
        assert len(problems) == 1
        problem = problems[0]
        assert problem.field == field
        unit = LIMITS_BY_FIELD[field].unit
        expected_range = f"{low:g}–{high:g} {unit}"
        assert problem.message == (
            f"{field} {value:g} {unit} is outside the accepted range {expected_range}"
        )


def test_message_examples_read_naturally() -> None:
    assert validate(VitalSigns(temperature=98.6)) == [
        Problem("temperature", "temperature 98.6 °C is outside the accepted range 10–47 °C")
    ]
    assert validate(VitalSigns(spo2=980)) == [
        Problem("spo2", "spo2 980 % is outside the accepted range 0–100 %")
    ]
    assert validate(VitalSigns(weight_kg=0.1)) == [
        Problem("weightKg", "weightKg 0.1 kg is outside the accepted range 0.2–500 kg")
    ]


def test_every_limit_is_covered_by_the_edge_table() -> None:
    assert {limit.field for limit in LIMITS} == {edge[1] for edge in EDGES}


@pytest.mark.parametrize(("systolic", "diastolic"), [(120, 120), (120, 121), (20, 200)])
def test_diastolic_must_be_lower_than_systolic(systolic: int, diastolic: int) -> None:
    problems = validate(VitalSigns(systolic_bp=systolic, diastolic_bp=diastolic))
    assert problems == [
        Problem(
            "diastolicBp",
            f"diastolicBp {diastolic} mmHg must be lower than systolicBp {systolic} mmHg",
        )
    ]


def test_diastolic_one_below_systolic_is_accepted() -> None:
    assert validate(VitalSigns(systolic_bp=120, diastolic_bp=119)) == []


@pytest.mark.parametrize(("systolic", "diastolic"), [(120, None), (None, 80)])
def test_pressure_order_needs_both(systolic: int | None, diastolic: int | None) -> None:
    assert validate(VitalSigns(systolic_bp=systolic, diastolic_bp=diastolic)) == []


def test_order_not_compared_when_a_pressure_is_itself_implausible() -> None:
    problems = validate(VitalSigns(systolic_bp=12, diastolic_bp=80))
    assert [p.field for p in problems] == ["systolicBp"]


def test_all_problems_are_reported_in_a_stable_order() -> None:
    obs = VitalSigns(heart_rate=999, spo2=101, height_cm=1.72, temperature=370)
    assert [p.field for p in validate(obs)] == ["heartRate", "temperature", "spo2", "heightCm"]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_rejected(bad: float) -> None:
    problems = validate(VitalSigns(heart_rate=bad))
    assert [p.field for p in problems] == ["heartRate"]
    assert "must be a finite number" in problems[0].message


@pytest.mark.parametrize("bad", ["72", True])
def test_non_numbers_are_rejected(bad: Any) -> None:
    problems = validate(VitalSigns(spo2=bad))
    assert [p.field for p in problems] == ["spo2"]
    assert problems[0].message.startswith("spo2 must be a number")


def test_any_object_with_the_fields_can_be_validated() -> None:
    class Row:
        heart_rate = 400.0
        systolic_bp = None
        diastolic_bp = None
        temperature = None
        spo2 = None
        respiration_rate = None
        weight_kg = None
        height_cm = None

    assert [p.field for p in validate(Row())] == ["heartRate"]
