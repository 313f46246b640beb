"""Pharmacokinetic interactions derived from enzyme data (knowledge/enzymes.json)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from hms.clinical.enzymes import add_enzyme_warnings, check_enzyme_interactions
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.enzyme_data import EnzymeDataError, parse_enzymes
from hms.clinical.knowledge.loader import get_knowledge
from hms.clinical.warnings import Severity, WarningKind
from hms.prescriptions.checks import PatientContext, evaluate


def item(drug: str, dose: float, frequency: str = "OD", unit: str = "mg", route: str = "oral"):
    return DoseItem(drug, dose, unit, route, frequency)


def derived(new: list[DoseItem], active: list[DoseItem]) -> dict[frozenset[str], Severity]:
    warnings = check_enzyme_interactions(new, active, active_drug_ids=[i.drug_id for i in active])
    return {frozenset(w.drug_ids): w.severity for w in warnings}


def interaction(new: list[DoseItem], active: list[DoseItem]):
    ctx = PatientContext(
        age_years=60,
        sex="male",
        active_drug_ids=tuple(i.drug_id for i in active),
        active_items=tuple(active),
    )
    report = evaluate(ctx, new)
    return [f.warning for f in report.findings if f.warning.kind is WarningKind.INTERACTION]


def test_every_entry_names_a_catalog_drug_and_a_source() -> None:
    raw = json.loads(
        (resources.files("hms.clinical.knowledge") / "enzymes.json").read_text(encoding="utf-8")
    )
    kb = get_knowledge()
    assert len(kb.enzymes.profiles) == len(raw["drugs"])
    assert all(e["source"].strip() for e in raw["drugs"])
    assert all(r["source"].strip() for r in raw["labelRules"])
    raw["drugs"].append({"drug": "not-a-drug", "inhibits": {"CYP3A4": "strong"}, "source": "x"})
    with pytest.raises(EnzymeDataError, match="not-a-drug"):
        parse_enzymes(raw, kb.drugs, {r.id for r in kb.interaction_rules})


def test_sensitivity_times_strength() -> None:
    # Sensitive CYP3A substrate (oral midazolam) + strong inhibitor: major; IV: not derived.
    assert derived([item("clarithromycin", 500, "BID")], [item("midazolam", 7.5)]) == {
        frozenset({"midazolam", "clarithromycin"}): Severity.MAJOR
    }
    assert derived([item("clarithromycin", 500, "BID")], [item("midazolam", 2, route="iv")]) == {}
    # Moderate sensitive CYP2D6 substrate + strong inhibitor: moderate.
    assert derived([item("fluoxetine", 20)], [item("metoprolol", 50, "BID")]) == {
        frozenset({"metoprolol", "fluoxetine"}): Severity.MODERATE
    }
    # Narrow therapeutic index one step up: theophylline + ciprofloxacin.
    assert derived([item("ciprofloxacin", 500, "BID")], [item("theophylline", 200, "BID")]) == {
        frozenset({"theophylline", "ciprofloxacin"}): Severity.MAJOR
    }
    # The omeprazole label asks no dose change: capped at minor.
    assert derived([item("fluconazole", 150)], [item("omeprazole", 20)]) == {
        frozenset({"omeprazole", "fluconazole"}): Severity.MINOR
    }


def test_label_contraindication_for_a_strong_cyp2d6_inhibitor() -> None:
    warnings = interaction([item("bupropion", 150)], [item("thioridazine", 50, "BID")])
    assert [(w.code, w.severity) for w in warnings] == [
        ("interaction:thioridazine:bupropion", Severity.CONTRAINDICATED)
    ]
    assert warnings[0].monitoring and "Thioridazine" in warnings[0].source


@pytest.mark.parametrize(
    ("statin", "dose", "other", "expected"),
    [
        ("simvastatin", 40, "amlodipine", Severity.MAJOR),
        ("simvastatin", 20, "amlodipine", Severity.MODERATE),
        ("pravastatin", 80, "clarithromycin", Severity.MAJOR),
        ("pravastatin", 40, "clarithromycin", Severity.MODERATE),
        ("pitavastatin", 2, "erythromycin", Severity.MAJOR),
        ("pitavastatin", 1, "erythromycin", Severity.MODERATE),
        ("fluvastatin", 80, "fluconazole", Severity.MAJOR),
        ("lovastatin", 40, "danazol", Severity.MAJOR),
        # The curated lovastatin rule (major whatever the dose) gives way to the dose cap.
        ("lovastatin", 20, "danazol", Severity.MODERATE),
    ],
)
def test_statin_caps_read_the_dose(
    statin: str, dose: float, other: str, expected: Severity
) -> None:
    warnings = interaction([item(statin, dose)], [item(other, 200)])
    pair = [w for w in warnings if set(w.drug_ids) == {statin, other}]
    assert len(pair) == 1, "one warning per pair"
    assert pair[0].severity is expected
    assert pair[0].monitoring


def test_unknown_dose_keeps_the_capped_grade() -> None:
    warnings = interaction([item("simvastatin", 1, unit="tablet")], [item("amlodipine", 5)])
    assert [w.severity for w in warnings] == [Severity.MAJOR]


def test_the_existing_code_is_kept_when_the_derived_grade_wins() -> None:
    kb = get_knowledge()
    new, active = [item("clarithromycin", 500, "BID")], [item("atorvastatin", 40)]
    merged = interaction(new, active)
    assert [(w.code, w.severity) for w in merged] == [
        ("interaction:atorvastatin:clarithromycin", Severity.MAJOR)
    ]
    alone = add_enzyme_warnings([], new, active, knowledge=kb)
    assert [w.code for w in alone] == ["interaction:atorvastatin:clarithromycin"]
