"""Vitals rows as the API shows them, with their NEWS2 breakdown."""

from __future__ import annotations

from typing import Any

from hms.clinical.news2 import PARAMETERS, News2Observations, News2Result, score
from hms.vitals.schemas import ACVPU_WORD, NUMBERS

# NEWS2 parameter names on the wire (fixed, so no per-row case conversion on long series).
CAMEL = {
    "respiration_rate": "respirationRate",
    "spo2": "spo2",
    "on_oxygen": "onOxygen",
    "systolic_bp": "systolicBp",
    "heart_rate": "heartRate",
    "consciousness": "consciousness",
    "temperature": "temperature",
}
assert set(CAMEL) == set(PARAMETERS)


def number(value: float | None) -> float | int | None:
    """A REAL column read back: 37.2 rather than 37.20000076293945, 72 rather than 72.0."""
    if value is None:
        return None
    shortest = float(format(value, ".7g"))
    return int(shortest) if shortest.is_integer() else shortest


def observations(values: Any) -> News2Observations:
    return News2Observations(
        respiration_rate=values["respiration_rate"],
        spo2=values["spo2"],
        on_oxygen=values["on_oxygen"],
        systolic_bp=values["systolic_bp"],
        heart_rate=values["heart_rate"],
        consciousness=values["consciousness"],
        temperature=values["temperature"],
    )


def news2_wire(result: News2Result) -> dict[str, Any] | None:
    if not result.subscores:
        return None
    return {
        "total": result.total,
        "band": result.band,
        "subscores": {CAMEL[k]: v for k, v in result.subscores.items()},
        "missing": [CAMEL[k] for k in result.missing],
        "scale": result.scale,
    }


def row_wire(row: Any) -> dict[str, Any]:
    """A stored row (mapping with the vitals columns) as the API dict, snake_case keys."""
    out: dict[str, Any] = {
        "id": row["id"],
        "patient_id": row["patient_id"],
        "recorded_at": row["recorded_at"],
        "recorded_by": row["recorded_by"],
        "on_oxygen": row["on_oxygen"],
        "consciousness": ACVPU_WORD.get(row["consciousness"]) if row["consciousness"] else None,
    }
    for name in NUMBERS:
        out[name] = number(row[name])
    result = score(observations(out), scale=row["news2_scale"])
    out["news2"] = news2_wire(result)
    return out
