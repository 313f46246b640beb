"""Rejects vital signs that cannot belong to a living patient (typos, wrong units).

These are limits of plausibility, not of normality: a value inside them may still be
alarming. Each limit's rationale is in docs/clinical-rules.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Limit:
    attribute: str  # snake_case name on the observation object
    field: str  # camelCase name on the wire, as the client sent it
    low: float  # inclusive
    high: float  # inclusive
    unit: str


# Inclusive ranges. Wider than textbook normals on purpose: they must accept every
# value met in care (neonates, deep hypothermia, heat stroke) and still catch a
# misplaced decimal point or a value entered in the wrong unit (°F, lb, g, inches).
LIMITS: tuple[Limit, ...] = (
    Limit("heart_rate", "heartRate", 0, 350, "/min"),
    Limit("systolic_bp", "systolicBp", 20, 300, "mmHg"),
    Limit("diastolic_bp", "diastolicBp", 10, 250, "mmHg"),
    Limit("temperature", "temperature", 10, 47, "°C"),
    Limit("spo2", "spo2", 0, 100, "%"),
    Limit("respiration_rate", "respirationRate", 0, 150, "/min"),
    Limit("weight_kg", "weightKg", 0.2, 500, "kg"),
    Limit("height_cm", "heightCm", 20, 280, "cm"),
)
LIMITS_BY_FIELD: dict[str, Limit] = {limit.field: limit for limit in LIMITS}


class VitalSignsInput(Protocol):
    """Anything carrying the vitals by these names; None means 'not recorded'."""

    @property
    def heart_rate(self) -> float | None: ...
    @property
    def systolic_bp(self) -> float | None: ...
    @property
    def diastolic_bp(self) -> float | None: ...
    @property
    def temperature(self) -> float | None: ...
    @property
    def spo2(self) -> float | None: ...
    @property
    def respiration_rate(self) -> float | None: ...
    @property
    def weight_kg(self) -> float | None: ...
    @property
    def height_cm(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class VitalSigns:
    heart_rate: float | None = None
    systolic_bp: float | None = None
    diastolic_bp: float | None = None
    temperature: float | None = None
    spo2: float | None = None
    respiration_rate: float | None = None
    weight_kg: float | None = None
    height_cm: float | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # camelCase API field name
    message: str


def validate(obs: VitalSignsInput) -> list[Problem]:
    """Every implausible value in `obs`, in LIMITS order; an empty list means accept."""
    problems: list[Problem] = []
    in_range: dict[str, float] = {}
    for limit in LIMITS:
        value = getattr(obs, limit.attribute)
        if value is None:
            continue
        problem = _check(limit, value)
        if problem is None:
            in_range[limit.field] = float(value)
        else:
            problems.append(problem)

    # Compared only when both are individually plausible, so one typo gives one message.
    systolic, diastolic = in_range.get("systolicBp"), in_range.get("diastolicBp")
    if systolic is not None and diastolic is not None and diastolic >= systolic:
        problems.append(
            Problem(
                "diastolicBp",
                f"diastolicBp {_number(diastolic)} mmHg must be lower than "
                f"systolicBp {_number(systolic)} mmHg",
            )
        )
    return problems


def _check(limit: Limit, value: object) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Problem(limit.field, f"{limit.field} must be a number, got {value!r}")
    if not math.isfinite(value):
        return Problem(limit.field, f"{limit.field} must be a finite number, got {value!r}")
    if limit.low <= value <= limit.high:
        return None
    return Problem(
        limit.field,
        f"{limit.field} {_number(value)} {limit.unit} is outside the accepted range "
        f"{_number(limit.low)}–{_number(limit.high)} {limit.unit}",
    )


def _number(value: float) -> str:
    # 37.0 → "37", 0.2 → "0.2": messages read like the number the user typed.
    text = str(value)
    return text.removesuffix(".0")
