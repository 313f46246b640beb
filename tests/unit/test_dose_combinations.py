"""Combination products checked per ingredient, daily totals over items, sex-specific limits."""

from __future__ import annotations

import datetime as dt

from hms.clinical.combinations import check_combined_doses, unit_contents
from hms.clinical.dosing import Measurement, PatientFacts, check_dose
from hms.clinical.items import DoseItem
from hms.clinical.knowledge import get_knowledge
from hms.clinical.warnings import Severity

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def patient(sex: str | None = "male", age: float = 50) -> PatientFacts:
    return PatientFacts(
        age_years=age,
        sex=sex,  # type: ignore[arg-type]
        weight=Measurement(75, "kg", NOW),
        serum_creatinine=Measurement(80, "umol/L", NOW),
        as_of=NOW,
    )


def test_unit_contents_read_from_the_catalog_strength_in_component_order() -> None:
    kb = get_knowledge()
    assert unit_contents(kb.drug("co-codamol-30-500"), "tablet") == {
        "codeine": 30.0,
        "paracetamol": 500.0,
    }
    assert unit_contents(kb.drug("tramadol-and-paracetamol-37-5-325"), "tablet") == {
        "tramadol": 37.5,
        "paracetamol": 325.0,
    }
    assert unit_contents(kb.drug("co-codamol-30-500"), "mg") is None
    assert unit_contents(kb.drug("paracetamol"), "tablet") is None  # a single substance
    # Two tablet strengths: the product is ambiguous.
    assert unit_contents(kb.drug("amoxicillin-and-clavulanic-acid"), "tablet") is None


def test_daily_total_names_every_item_and_ignores_current_medication_alone() -> None:
    new = [DoseItem("co-codamol-30-500", 2, "tablet", "oral", "QID")]
    current = [DoseItem("paracetamol", 1000, "mg", "oral", "QID")]
    results = check_combined_doses(new, current, patient=patient())
    total = next(w for r in results for w in r.warnings if w.code.endswith("total-daily-max"))
    assert total.code == "dose:paracetamol:total-daily-max"
    assert set(total.drug_ids) == {"paracetamol", "co-codamol-30-500"}
    assert "8000 mg" in total.message and "Co-codamol 30/500" in total.message
    assert total.severity is Severity.CONTRAINDICATED  # twice the 4 g maximum
    assert total.monitoring
    # Nothing new contains paracetamol: the current items alone are not re-checked.
    assert check_combined_doses([], [*current, *current], patient=patient()) == []


def test_combination_at_label_dose_is_quiet_and_above_it_names_the_ingredient() -> None:
    label = [DoseItem("co-codamol-30-500", 2, "tablet", "oral", "QID")]
    assert [w for r in check_combined_doses(label, patient=patient()) for w in r.warnings] == []
    over = [DoseItem("co-codamol-30-500", 3, "tablet", "oral", "QID")]
    codes = {w.code for r in check_combined_doses(over, patient=patient()) for w in r.warnings}
    assert "dose:co-codamol-30-500:paracetamol:single-max" in codes
    assert "dose:co-codamol-30-500:codeine:daily-max" in codes


def test_zolpidem_limit_for_women_and_unknown_sex() -> None:
    woman = check_dose(drug_id="zolpidem", dose_mg=10, frequency="OD", patient=patient("female"))
    [warning] = woman.warnings
    assert warning.code == "dose:zolpidem:female-single-max"
    assert warning.severity is Severity.MODERATE and "2013" in warning.source
    assert (
        check_dose(drug_id="zolpidem", dose_mg=10, frequency="OD", patient=patient()).warnings == []
    )
    unknown = check_dose(drug_id="zolpidem", dose_mg=10, frequency="OD", patient=patient(None))
    [warning] = unknown.warnings
    assert "sex is not recorded" in warning.message and "sex" in unknown.missing
    assert (
        check_dose(drug_id="zolpidem", dose_mg=5, frequency="OD", patient=patient(None)).warnings
        == []
    )
