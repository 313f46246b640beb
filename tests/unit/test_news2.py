"""NEWS2 (RCP 2017, chart 1): every band edge from both sides, bands, partial sets."""

from __future__ import annotations

import math
from dataclasses import asdict, replace
from typing import Any

import pytest

from hms.clinical.news2 import News2Observations, News2Result, band_for, score

# A set scoring 0 on every row; tests change one field at a time.
NORMAL = News2Observations(
    respiration_rate=16, spo2=97, on_oxygen=False, systolic_bp=120,
    heart_rate=70, consciousness="alert", temperature=37.0,
)  # fmt: skip


def one_row(name: str, value: Any, *, scale: int = 1, **others: Any) -> int:
    obs = replace(NORMAL, **others, **{name: value})
    return score(obs, scale=scale).subscores[name]


@pytest.mark.parametrize(
    ("rate", "points"),
    [(0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3)],
)
def test_respiration_rate_band_edges(rate: int, points: int) -> None:
    assert one_row("respiration_rate", rate) == points


@pytest.mark.parametrize(
    ("spo2", "points"),
    [(70, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)],
)
@pytest.mark.parametrize("on_oxygen", [False, True])
def test_spo2_scale1_band_edges_ignore_oxygen(spo2: int, points: int, on_oxygen: bool) -> None:
    assert one_row("spo2", spo2, on_oxygen=on_oxygen) == points


@pytest.mark.parametrize(
    ("spo2", "on_oxygen", "points"),
    [
        (70, False, 3), (83, True, 3), (83, False, 3), (84, False, 2), (85, True, 2),
        (86, False, 1), (87, True, 1), (88, False, 0), (88, True, 0), (92, True, 0),
        (92, False, 0),
        # 93 or more: 0 on air; on oxygen 93–94 → 1, 95–96 → 2, 97+ → 3
        (93, False, 0), (100, False, 0),
        (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3), (100, True, 3),
    ],
)  # fmt: skip
def test_spo2_scale2_band_edges(spo2: int, on_oxygen: bool, points: int) -> None:
    assert one_row("spo2", spo2, scale=2, on_oxygen=on_oxygen) == points


@pytest.mark.parametrize(("on_oxygen", "points"), [(False, 0), (True, 2)])
@pytest.mark.parametrize("scale", [1, 2])
def test_air_or_oxygen_scores_on_both_scales(on_oxygen: bool, points: int, scale: int) -> None:
    assert one_row("on_oxygen", on_oxygen, scale=scale, spo2=90) == points


@pytest.mark.parametrize(
    ("systolic", "points"),
    [(50, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3)],
)
def test_systolic_bp_band_edges(systolic: int, points: int) -> None:
    assert one_row("systolic_bp", systolic) == points


@pytest.mark.parametrize(
    ("pulse", "points"),
    [
        (30, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0),
        (91, 1), (110, 1), (111, 2), (130, 2), (131, 3), (200, 3),
    ],
)  # fmt: skip
def test_pulse_band_edges(pulse: int, points: int) -> None:
    assert one_row("heart_rate", pulse) == points


@pytest.mark.parametrize(
    ("temperature", "points"),
    [
        (33.0, 3), (35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0),
        (38.1, 1), (39.0, 1), (39.1, 2), (41.5, 2),
    ],
)  # fmt: skip
def test_temperature_band_edges(temperature: float, points: int) -> None:
    assert one_row("temperature", temperature) == points


@pytest.mark.parametrize(
    ("level", "points"),
    [("alert", 0), ("confusion", 3), ("voice", 3), ("pain", 3), ("unresponsive", 3),
     (" Alert ", 0), ("VOICE", 3)],
)  # fmt: skip
def test_consciousness_acvpu(level: str, points: int) -> None:
    assert one_row("consciousness", level) == points


def test_unknown_consciousness_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="consciousness must be one of"):
        score(News2Observations(consciousness="drowsy"))


# Fractional inputs are rounded half-up before scoring: temperature to one decimal,
# everything else to a whole number, as the chart is written.
@pytest.mark.parametrize(
    ("name", "value", "points"),
    [
        ("temperature", 35.04, 3),  # → 35.0
        ("temperature", 35.05, 1),  # → 35.1
        ("temperature", 36.04, 1),  # → 36.0
        ("temperature", 36.05, 0),  # → 36.1
        ("temperature", 38.05, 1),  # → 38.1
        ("temperature", 39.04, 1),  # → 39.0
        ("temperature", 39.05, 2),  # → 39.1
        ("respiration_rate", 8.4, 3),  # → 8
        ("respiration_rate", 8.5, 1),  # → 9
        ("respiration_rate", 20.49, 0),  # → 20
        ("respiration_rate", 20.5, 2),  # → 21
        ("spo2", 95.5, 0),  # → 96
        ("spo2", 91.49, 3),  # → 91
        ("systolic_bp", 90.5, 2),  # → 91
        ("systolic_bp", 219.5, 3),  # → 220
        ("heart_rate", 90.4, 0),  # → 90
        ("heart_rate", 130.5, 3),  # → 131
    ],
)
def test_fractional_values_round_half_up(name: str, value: float, points: int) -> None:
    assert one_row(name, value) == points


def test_scale2_fractional_spo2_rounds_before_oxygen_rule() -> None:
    assert one_row("spo2", 92.5, scale=2, on_oxygen=True) == 1  # → 93 on oxygen
    assert one_row("spo2", 92.4, scale=2, on_oxygen=True) == 0  # → 92


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="heart_rate must be a finite number"):
        score(News2Observations(heart_rate=bad))


@pytest.mark.parametrize("scale", [0, 3, -1])
def test_only_scales_one_and_two_exist(scale: int) -> None:
    with pytest.raises(ValueError, match="scale must be 1 or 2"):
        score(News2Observations(), scale=scale)


# --- totals and bands -------------------------------------------------------------


def test_all_normal_scores_zero_low_and_complete() -> None:
    result = score(NORMAL)
    assert (result.total, result.band, result.raises_alert) == (0, "low", False)
    assert result.complete
    assert result.missing == []
    assert result.scale == 1
    assert len(result.subscores) == 7


def test_total_four_without_a_three_is_low() -> None:
    # pulse 111–130 → 2, temperature 38.1–39.0 → 1, respiration 9–11 → 1
    result = score(replace(NORMAL, heart_rate=120, temperature=38.5, respiration_rate=10))
    assert (result.total, result.band, result.raises_alert) == (4, "low", False)


def test_single_three_with_total_three_is_low_medium() -> None:
    result = score(replace(NORMAL, consciousness="voice"))
    assert (result.total, result.band, result.raises_alert) == (3, "low-medium", True)
    assert result.has_red_score


def test_single_three_with_total_four_is_low_medium() -> None:
    result = score(replace(NORMAL, systolic_bp=85, temperature=38.5))  # 3 + 1
    assert (result.total, result.band) == (4, "low-medium")


def test_single_three_with_total_five_is_medium() -> None:
    result = score(replace(NORMAL, systolic_bp=85, heart_rate=120))  # 3 + 2
    assert (result.total, result.band, result.raises_alert) == (5, "medium", True)


def test_total_six_is_medium_and_seven_is_high() -> None:
    six = replace(NORMAL, respiration_rate=22, heart_rate=120, on_oxygen=True)  # 2 + 2 + 2
    result = score(six)
    assert (result.total, result.band) == (6, "medium")
    result = score(replace(six, temperature=38.5))
    assert (result.total, result.band, result.raises_alert) == (7, "high", True)


def test_worst_possible_set_scores_twenty() -> None:
    worst = News2Observations(
        respiration_rate=30, spo2=80, on_oxygen=True, systolic_bp=80,
        heart_rate=140, consciousness="unresponsive", temperature=40.0,
    )  # fmt: skip
    result = score(worst)
    assert result.total == 3 + 3 + 2 + 3 + 3 + 3 + 2
    assert result.band == "high"


@pytest.mark.parametrize(
    ("subscores", "band"),
    [
        ({}, "low"),
        ({"a": 1, "b": 1, "c": 2}, "low"),
        ({"a": 3}, "low-medium"),
        ({"a": 3, "b": 1}, "low-medium"),
        ({"a": 2, "b": 3}, "medium"),
        ({"a": 2, "b": 2, "c": 2}, "medium"),
        ({"a": 3, "b": 3}, "medium"),
        ({"a": 3, "b": 3, "c": 1}, "high"),
    ],
)
def test_band_for(subscores: dict[str, int], band: str) -> None:
    assert band_for(subscores) == band


# --- missing parameters -----------------------------------------------------------


def test_empty_observations_are_all_missing() -> None:
    result = score(News2Observations())
    assert result.total == 0
    assert result.band == "low"
    assert result.subscores == {}
    assert result.missing == [
        "respiration_rate", "spo2", "on_oxygen", "systolic_bp",
        "heart_rate", "consciousness", "temperature",
    ]  # fmt: skip
    assert not result.complete


def test_design_vitals_alone_give_partial_score_naming_what_is_missing() -> None:
    obs = News2Observations(spo2=93, systolic_bp=100, heart_rate=115, temperature=38.4)
    result = score(obs)
    assert result.subscores == {"spo2": 2, "systolic_bp": 2, "heart_rate": 2, "temperature": 1}
    assert result.total == 7
    assert result.band == "high"
    assert result.missing == ["respiration_rate", "on_oxygen", "consciousness"]


def test_scale1_unknown_oxygen_still_scores_spo2() -> None:
    result = score(replace(NORMAL, on_oxygen=None, spo2=95))
    assert result.subscores["spo2"] == 1
    assert result.missing == ["on_oxygen"]


@pytest.mark.parametrize("spo2", [93, 97, 100])
def test_scale2_unknown_oxygen_at_93_or_more_leaves_spo2_unscored(spo2: int) -> None:
    result = score(replace(NORMAL, on_oxygen=None, spo2=spo2), scale=2)
    assert "spo2" not in result.subscores
    assert result.missing == ["spo2", "on_oxygen"]
    assert result.total == 0


@pytest.mark.parametrize(("spo2", "points"), [(80, 3), (85, 2), (87, 1), (88, 0), (92, 0)])
def test_scale2_unknown_oxygen_below_93_is_scored(spo2: int, points: int) -> None:
    result = score(replace(NORMAL, on_oxygen=None, spo2=spo2), scale=2)
    assert result.subscores["spo2"] == points
    assert result.missing == ["on_oxygen"]


def test_result_is_frozen_and_serialisable() -> None:
    result = score(NORMAL, scale=2)
    assert isinstance(result, News2Result)
    with pytest.raises(AttributeError):
        result.total = 5  # type: ignore[misc]
    as_dict = asdict(result)
    assert as_dict["raises_alert"] is False
    assert as_dict["scale"] == 2


def test_any_object_with_the_fields_can_be_scored() -> None:
    class Row:
        respiration_rate = 26.0
        spo2 = None
        on_oxygen = None
        systolic_bp = None
        heart_rate = None
        consciousness = None
        temperature = None

    result = score(Row())
    assert result.subscores == {"respiration_rate": 3}
    assert result.band == "low-medium"
