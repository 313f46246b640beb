"""The prescribing safety case set (tests/unit/clinical_cases/*.json, format in its README):
every case run through the checks the server runs, scored as hit, miss or false alarm.

``python -m tests.unit.test_clinical_cases`` prints the score per class
(docs/clinical-knowledge.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hms.clinical.allergy import AllergyRecord
from hms.clinical.dosing import Measurement
from hms.clinical.items import DoseItem
from hms.clinical.warnings import Severity
from hms.prescriptions.checks import CheckReport, PatientContext, evaluate

CASES_DIR = Path(__file__).parent / "clinical_cases"
AS_OF = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
YESTERDAY = AS_OF - dt.timedelta(days=1)
MAJOR = Severity("major")


def load() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(CASES_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        for case in data["cases"]:
            found.append((data["class"], case))
    return found


def _item(raw: dict[str, Any]) -> DoseItem:
    return DoseItem(
        drug_id=raw["drug"],
        dose=float(raw["dose"]),
        unit=raw.get("unit", "mg"),
        route=raw.get("route", "oral"),
        frequency=raw.get("frequency", "OD"),
        duration_days=raw.get("durationDays"),
    )


def _measured(raw: dict[str, Any], key: str, default: Any, unit: str) -> Measurement | None:
    value = raw.get(key, default)
    if value is None:
        return None
    if isinstance(value, list):
        value, unit = value
    return Measurement(float(value), unit, YESTERDAY)


def context(case: dict[str, Any]) -> PatientContext:
    patient = case.get("patient", {})
    active = tuple(_item(i) for i in case.get("active", []))
    return PatientContext(
        age_years=float(patient.get("age", 55)),
        sex=patient.get("sex", "male"),
        allergies=tuple(
            AllergyRecord(
                substance=a.get("substance"),
                drug_class=a.get("class"),
                reaction=a.get("reaction"),
                severity=a.get("severity"),
            )
            for a in patient.get("allergies", [])
        ),
        active_drug_ids=tuple(sorted({i.drug_id for i in active})),
        active_items=active,
        weight=_measured(patient, "weightKg", 75, "kg"),
        serum_creatinine=_measured(patient, "creatinine", 80, "umol/L"),
        potassium=_measured(patient, "potassium", 4.2, "mmol/L"),
        conditions=tuple(patient.get("diagnoses", [])),
        as_of=AS_OF,
    )


def run(case: dict[str, Any]) -> CheckReport:
    return evaluate(context(case), [_item(i) for i in case["new"]])


def score(case: dict[str, Any], report: CheckReport) -> tuple[str, str]:
    """("hit" | "miss" | "false alarm", why)."""
    expect = case["expect"]
    warnings = [f.warning for f in report.findings]
    if expect.get("quiet"):
        loud = [w for w in warnings if w.severity.rank >= MAJOR.rank]
        if loud:
            return "false alarm", "; ".join(f"{w.severity.value}: {w.message}" for w in loud)
        return "hit", ""
    drugs = set(expect["drugs"])
    matching = [w for w in warnings if w.kind.value == expect["kind"] and set(w.drug_ids) == drugs]
    if not matching:
        seen = "; ".join(f"{w.severity.value} {w.code}" for w in warnings) or "no warnings"
        return "miss", f"no {expect['kind']} warning on {sorted(drugs)} ({seen})"
    top = max(matching, key=lambda w: w.severity.rank)
    if expect.get("monitoring") and not (top.monitoring or "").strip():
        return "miss", f"{top.code} says nothing to monitor"
    if "atLeast" in expect:
        wanted = Severity(expect["atLeast"])
        if top.severity.rank < wanted.rank:
            return "miss", f"{top.code} graded {top.severity.value}, wanted at least {wanted.value}"
        return "hit", ""
    wanted = Severity(expect["severity"])
    if top.severity.rank < wanted.rank:
        return "miss", f"{top.code} graded {top.severity.value}, wanted {wanted.value}"
    if top.severity.rank > wanted.rank:
        return "false alarm", f"{top.code} graded {top.severity.value}, wanted {wanted.value}"
    return "hit", ""


CASES = load()


def test_the_case_set_is_large_enough_and_sourced() -> None:
    assert len(CASES) >= 150, f"{len(CASES)} cases; the set needs at least 150"
    quiet = [c for _, c in CASES if c["expect"].get("quiet")]
    assert len(quiet) >= 40, f"{len(quiet)} quiet cases; the set needs at least 40"
    ids = [c["id"] for _, c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert all(str(c.get("source", "")).strip() for _, c in CASES), "every case names a source"


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[c["id"] for _, c in CASES])
def test_case(kind: str, case: dict[str, Any]) -> None:
    verdict, why = score(case, run(case))
    assert verdict == "hit", f"{kind}/{case['id']}: {verdict}: {why} (source: {case['source']})"


def main() -> None:
    table: dict[str, Counter[str]] = {}
    for kind, case in CASES:
        try:
            verdict, why = score(case, run(case))
        except Exception as exc:  # an older checker that lacks a drug of the case
            verdict, why = "miss", f"{type(exc).__name__}: {exc}"
        table.setdefault(kind, Counter())[verdict] += 1
        if verdict != "hit":
            print(f"{kind}/{case['id']}: {verdict}: {why}")
    print("| class | cases | hits | misses | false alarms |")
    print("|---|---:|---:|---:|---:|")
    for kind, counts in table.items():
        total = sum(counts.values())
        print(
            f"| {kind} | {total} | {counts['hit']} | {counts['miss']} | {counts['false alarm']} |"
        )


if __name__ == "__main__":
    main()
