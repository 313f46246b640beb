"""National Early Warning Score 2 (NEWS2) from one set of bedside observations.

NEWS2 is © Royal College of Physicians 2017 (National Early Warning Score (NEWS) 2:
standardising the assessment of acute-illness severity in the NHS); the RCP must be
credited wherever the score is shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, Protocol

Band = Literal["low", "low-medium", "medium", "high"]
Consciousness = Literal["alert", "confusion", "voice", "pain", "unresponsive"]

# Canonical parameter order: the order of the rows on the RCP chart. `missing` and
# `subscores` follow it so that the same input always gives the same output.
PARAMETERS: tuple[str, ...] = (
    "respiration_rate",
    "spo2",
    "on_oxygen",
    "systolic_bp",
    "heart_rate",
    "consciousness",
    "temperature",
)
CONSCIOUSNESS_LEVELS: tuple[str, ...] = ("alert", "confusion", "voice", "pain", "unresponsive")
ALERTING_BANDS: frozenset[str] = frozenset({"low-medium", "medium", "high"})


class News2Inputs(Protocol):
    """Anything carrying the observations by these names (a dataclass, a schema, a row)."""

    @property
    def respiration_rate(self) -> float | None: ...
    @property
    def spo2(self) -> float | None: ...
    @property
    def on_oxygen(self) -> bool | None: ...
    @property
    def systolic_bp(self) -> float | None: ...
    @property
    def heart_rate(self) -> float | None: ...
    @property
    def consciousness(self) -> str | None: ...
    @property
    def temperature(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class News2Observations:
    """One set of observations; None means 'not recorded'. Temperature in °C."""

    respiration_rate: float | None = None
    spo2: float | None = None
    on_oxygen: bool | None = None
    systolic_bp: float | None = None
    heart_rate: float | None = None
    consciousness: str | None = None
    temperature: float | None = None


@dataclass(frozen=True)
class News2Result:
    """A (possibly partial) NEWS2: `total` sums only the parameters in `subscores`."""

    total: int
    band: Band
    subscores: dict[str, int]
    missing: list[str]
    scale: int
    raises_alert: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "raises_alert", self.band in ALERTING_BANDS)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def has_red_score(self) -> bool:
        """RCP 2017: a 3 in any single parameter calls for an urgent ward review."""
        return any(points == 3 for points in self.subscores.values())


def score(obs: News2Inputs, *, scale: int = 1) -> News2Result:
    """Score the observations on SpO2 scale 1 or 2 (scale 2 only for patients with
    confirmed hypercapnic respiratory failure, on a clinician's decision)."""
    if scale not in (1, 2):
        raise ValueError(f"NEWS2 SpO2 scale must be 1 or 2, got {scale!r}")
    subscores: dict[str, int] = {}

    if obs.respiration_rate is not None:
        subscores["respiration_rate"] = respiration_rate_points(obs.respiration_rate)
    if obs.spo2 is not None:
        spo2_points = (
            spo2_scale1_points(obs.spo2)
            if scale == 1
            else spo2_scale2_points(obs.spo2, on_oxygen=obs.on_oxygen)
        )
        if spo2_points is not None:
            subscores["spo2"] = spo2_points
    if obs.on_oxygen is not None:
        subscores["on_oxygen"] = air_or_oxygen_points(obs.on_oxygen)
    if obs.systolic_bp is not None:
        subscores["systolic_bp"] = systolic_bp_points(obs.systolic_bp)
    if obs.heart_rate is not None:
        subscores["heart_rate"] = pulse_points(obs.heart_rate)
    if obs.consciousness is not None:
        subscores["consciousness"] = consciousness_points(obs.consciousness)
    if obs.temperature is not None:
        subscores["temperature"] = temperature_points(obs.temperature)

    total = sum(subscores.values())
    return News2Result(
        total=total,
        band=band_for(subscores),
        subscores=subscores,
        missing=[name for name in PARAMETERS if name not in subscores],
        scale=scale,
    )


def band_for(subscores: Mapping[str, int]) -> Band:
    """Clinical risk band from the subscores (NEWS2, RCP 2017, thresholds and triggers):
    aggregate 0–4 low, or low-medium when any single parameter scores 3; 5–6 medium;
    7 or more high."""
    total = sum(subscores.values())
    if total >= 7:
        return "high"
    if total >= 5:
        return "medium"
    if any(points == 3 for points in subscores.values()):
        return "low-medium"
    return "low"


# NEWS2, RCP 2017, chart 1: one function per row of the scoring chart.
# The chart gives whole numbers (temperature to one decimal). Device readings can be
# fractional, so values are rounded half-up first: 20.5 breaths/min → 21, 36.05 °C → 36.1.


def respiration_rate_points(breaths_per_min: float) -> int:
    rate = _round_half_up(breaths_per_min, "respiration_rate", places=0)
    if rate <= 8:
        return 3
    if rate <= 11:
        return 1
    if rate <= 20:
        return 0
    if rate <= 24:
        return 2
    return 3


def spo2_scale1_points(spo2_percent: float) -> int:
    spo2 = _round_half_up(spo2_percent, "spo2", places=0)
    if spo2 <= 91:
        return 3
    if spo2 <= 93:
        return 2
    if spo2 <= 95:
        return 1
    return 0


def spo2_scale2_points(spo2_percent: float, *, on_oxygen: bool | None) -> int | None:
    """Scale 2 (hypercapnic target 88–92 %). Returns None when SpO2 ≥ 93 % and it is
    not known whether the patient is on air or oxygen: that row cannot be scored."""
    spo2 = _round_half_up(spo2_percent, "spo2", places=0)
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92:
        return 0
    if on_oxygen is None:
        return None
    if not on_oxygen:
        return 0
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def air_or_oxygen_points(on_oxygen: bool) -> int:
    return 2 if on_oxygen else 0


def systolic_bp_points(systolic_mmhg: float) -> int:
    systolic = _round_half_up(systolic_mmhg, "systolic_bp", places=0)
    if systolic <= 90:
        return 3
    if systolic <= 100:
        return 2
    if systolic <= 110:
        return 1
    if systolic <= 219:
        return 0
    return 3


def pulse_points(beats_per_min: float) -> int:
    pulse = _round_half_up(beats_per_min, "heart_rate", places=0)
    if pulse <= 40:
        return 3
    if pulse <= 50:
        return 1
    if pulse <= 90:
        return 0
    if pulse <= 110:
        return 1
    if pulse <= 130:
        return 2
    return 3


def consciousness_points(level: str) -> int:
    """ACVPU: any new confusion, or response only to voice or pain, or none, scores 3."""
    normalised = level.strip().lower()
    if normalised not in CONSCIOUSNESS_LEVELS:
        raise ValueError(
            f"consciousness must be one of {', '.join(CONSCIOUSNESS_LEVELS)}, got {level!r}"
        )
    return 0 if normalised == "alert" else 3


def temperature_points(celsius: float) -> int:
    temperature = _round_half_up(celsius, "temperature", places=1)
    if temperature <= Decimal("35.0"):
        return 3
    if temperature <= Decimal("36.0"):
        return 1
    if temperature <= Decimal("38.0"):
        return 0
    if temperature <= Decimal("39.0"):
        return 1
    return 2


def _round_half_up(value: float, name: str, *, places: int) -> Decimal:
    # Decimal(str(x)) keeps the value as written (36.05, not 36.04999…), so the
    # half-up rule behaves the way a person reading the chart would expect.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
