import datetime as dt

import pytest

from hms.clinical.dosing import (
    DoseCheckResult,
    Measurement,
    PatientFacts,
    check_dose,
    cockcroft_gault,
    creatinine_to_mg_dl,
    estimate_crcl,
    select_renal_band,
)
from hms.clinical.knowledge import get_knowledge
from hms.clinical.warnings import Severity, WarningKind

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def adult(
    *,
    age: float = 45,
    sex: str = "male",
    kg: float = 75,
    scr_mg_dl: float = 0.9,
    scr_days_ago: float = 1,
) -> PatientFacts:
    return PatientFacts(
        age_years=age,
        sex=sex,  # type: ignore[arg-type]
        weight=Measurement(kg, "kg", NOW - dt.timedelta(days=3)),
        serum_creatinine=Measurement(scr_mg_dl, "mg/dL", NOW - dt.timedelta(days=scr_days_ago)),
        as_of=NOW,
    )


def codes(result: DoseCheckResult) -> set[str]:
    return {w.code for w in result.warnings}


def test_cockcroft_gault_reference_value() -> None:
    crcl = cockcroft_gault(age_years=70, weight_kg=72, serum_creatinine_mg_dl=1.2, female=False)
    assert crcl == pytest.approx(58.3, abs=0.05)


def test_cockcroft_gault_female_factor_and_si_units() -> None:
    male = cockcroft_gault(age_years=70, weight_kg=72, serum_creatinine_mg_dl=1.2, female=False)
    female = cockcroft_gault(age_years=70, weight_kg=72, serum_creatinine_mg_dl=1.2, female=True)
    assert female == pytest.approx(male * 0.85)
    assert creatinine_to_mg_dl(106.08, "µmol/L") == pytest.approx(1.2)
    assert creatinine_to_mg_dl(1.2, "mg/dL") == 1.2
    with pytest.raises(ValueError, match="unsupported creatinine unit"):
        creatinine_to_mg_dl(1.0, "mmol/L")


def test_estimate_crcl_reports_inputs_and_their_age() -> None:
    patient = PatientFacts(
        age_years=70,
        sex="male",
        weight=Measurement(72, "kg", NOW - dt.timedelta(days=2)),
        serum_creatinine=Measurement(106.08, "umol/L", NOW - dt.timedelta(days=10)),
        as_of=NOW,
    )
    crcl, used, missing = estimate_crcl(patient)
    assert crcl == pytest.approx(58.3, abs=0.05)
    assert missing == []
    by_name = {u.name: u for u in used}
    assert by_name["weight"].age_days == pytest.approx(2)
    assert by_name["serum creatinine"].age_days == pytest.approx(10)
    assert by_name["serum creatinine"].stale is True
    assert by_name["weight"].stale is False


def test_estimate_crcl_names_missing_inputs() -> None:
    crcl, _, missing = estimate_crcl(PatientFacts(age_years=50, sex="female"))
    assert crcl is None
    assert set(missing) == {"weight", "serum creatinine"}


def test_usual_adult_paracetamol_dose_is_quiet() -> None:
    result = check_dose(drug_id="paracetamol", dose_mg=1000, frequency="QID", patient=adult())
    assert result.rule_found
    assert result.warnings == []
    assert result.daily_dose_mg == 4000


def test_daily_total_above_maximum_is_flagged() -> None:
    result = check_dose(drug_id="paracetamol", dose_mg=1000, frequency="Q4H", patient=adult())
    assert "dose:paracetamol:daily-max" in codes(result)
    warning = next(w for w in result.warnings if w.code == "dose:paracetamol:daily-max")
    assert warning.kind is WarningKind.DOSE
    assert warning.severity is Severity.MAJOR
    assert "6000" in warning.message and "4000" in warning.message


def test_tenfold_single_dose_is_treated_as_an_error() -> None:
    result = check_dose(drug_id="morphine", dose_mg=100, frequency="OD", patient=adult())
    assert result.warnings == []  # morphine has no ceiling dose: only renal limits
    result = check_dose(
        drug_id="ondansetron", dose_mg=80, frequency="OD", patient=adult(), route="iv"
    )
    single = next(w for w in result.warnings if w.code == "dose:ondansetron:single-max")
    assert single.severity is Severity.CONTRAINDICATED


def test_prn_with_interval_is_checked_at_its_ceiling() -> None:
    result = check_dose(drug_id="paracetamol", dose_mg=1000, frequency="Q4H PRN", patient=adult())
    assert "dose:paracetamol:daily-max" in codes(result)
    plain = check_dose(drug_id="paracetamol", dose_mg=1000, frequency="PRN", patient=adult())
    assert plain.daily_dose_mg is None
    assert any("PRN" in m for m in plain.missing)


def test_child_mg_per_kg_limit() -> None:
    child = PatientFacts(age_years=6, sex="female", weight=Measurement(20, "kg", NOW), as_of=NOW)
    ok = check_dose(drug_id="paracetamol", dose_mg=300, frequency="QID", patient=child)
    assert ok.warnings == []
    assert [u.name for u in ok.inputs_used if u.name == "weight"] == ["weight"]
    over = check_dose(drug_id="paracetamol", dose_mg=500, frequency="QID", patient=child)
    assert {
        "dose:paracetamol:paediatric-single-max",
        "dose:paracetamol:paediatric-daily-max",
    } <= codes(over)


def test_child_mg_per_kg_is_capped_at_the_adult_dose() -> None:
    teenager = PatientFacts(age_years=15, sex="male", weight=Measurement(80, "kg", NOW), as_of=NOW)
    # 15 mg/kg x 80 kg = 1200 mg, but no single dose may exceed the 1 g adult dose.
    result = check_dose(drug_id="paracetamol", dose_mg=1200, frequency="QID", patient=teenager)
    single = next(w for w in result.warnings if w.code == "dose:paracetamol:paediatric-single-max")
    assert "capped at 1000 mg" in single.message
    assert (
        check_dose(drug_id="paracetamol", dose_mg=1000, frequency="QID", patient=teenager).warnings
        == []
    )


def test_child_without_weight_is_reported_missing() -> None:
    child = PatientFacts(age_years=4, sex="male", as_of=NOW)
    result = check_dose(drug_id="amoxicillin", dose_mg=250, frequency="TID", patient=child)
    assert "weight" in result.missing
    assert "dose:amoxicillin:weight-missing" in codes(result)


def test_age_limited_drug_in_a_young_child() -> None:
    child = PatientFacts(age_years=8, sex="male", weight=Measurement(25, "kg", NOW), as_of=NOW)
    result = check_dose(drug_id="codeine", dose_mg=15, frequency="QID", patient=child)
    assert any(
        w.code == "dose:codeine:age" and w.severity is Severity.CONTRAINDICATED
        for w in result.warnings
    )


def test_renal_band_selection_is_most_restrictive() -> None:
    rule = get_knowledge().dose_rule("gabapentin", "oral")
    assert rule is not None
    band = select_renal_band(rule.renal, 20)
    assert band is not None and band.crcl_below == 30 and band.max_daily_mg == 700
    low = select_renal_band(rule.renal, 10)
    assert low is not None and low.crcl_below == 15
    assert select_renal_band(rule.renal, 90) is None


def test_renal_maximum_exceeded_reports_crcl_and_inputs() -> None:
    frail = adult(age=80, sex="female", kg=55, scr_mg_dl=2.0)
    result = check_dose(drug_id="gabapentin", dose_mg=600, frequency="TID", patient=frail)
    assert result.crcl_ml_min == pytest.approx(19.5, abs=0.1)
    renal = next(w for w in result.warnings if w.kind is WarningKind.RENAL)
    assert renal.code == "renal:gabapentin:reduce"
    assert "700" in renal.message
    assert {"age", "sex", "weight", "serum creatinine"} <= {u.name for u in result.inputs_used}
    assert (
        check_dose(drug_id="gabapentin", dose_mg=200, frequency="TID", patient=frail).warnings == []
    )


def test_metformin_is_contraindicated_at_low_clearance() -> None:
    result = check_dose(
        drug_id="metformin",
        dose_mg=500,
        frequency="BID",
        patient=adult(age=75, kg=60, scr_mg_dl=2.5),
    )
    avoid = next(w for w in result.warnings if w.code == "renal:metformin:avoid")
    assert avoid.severity is Severity.CONTRAINDICATED


def test_renal_check_without_creatinine_says_so() -> None:
    patient = PatientFacts(age_years=60, sex="male", weight=Measurement(80, "kg", NOW), as_of=NOW)
    result = check_dose(drug_id="gabapentin", dose_mg=300, frequency="TID", patient=patient)
    assert "serum creatinine" in result.missing
    assert "renal:gabapentin:renal-unchecked" in codes(result)
    assert result.crcl_ml_min is None


def test_stale_creatinine_is_named_in_the_renal_warning() -> None:
    patient = adult(age=80, sex="female", kg=55, scr_mg_dl=2.0, scr_days_ago=30)
    result = check_dose(drug_id="gabapentin", dose_mg=600, frequency="TID", patient=patient)
    renal = next(w for w in result.warnings if w.kind is WarningKind.RENAL)
    assert "stale serum creatinine" in renal.message


def test_weekly_only_drug_prescribed_daily() -> None:
    result = check_dose(drug_id="methotrexate", dose_mg=10, frequency="OD", patient=adult())
    assert any(
        w.code == "dose:methotrexate:frequency" and w.severity is Severity.CONTRAINDICATED
        for w in result.warnings
    )
    assert (
        check_dose(drug_id="methotrexate", dose_mg=10, frequency="weekly", patient=adult()).warnings
        == []
    )


def test_older_adult_limit() -> None:
    result = check_dose(drug_id="citalopram", dose_mg=40, frequency="OD", patient=adult(age=72))
    assert "dose:citalopram:older-adult-daily-max" in codes(result)
    assert (
        check_dose(drug_id="citalopram", dose_mg=40, frequency="OD", patient=adult(age=40)).warnings
        == []
    )


def test_drug_without_rule_reports_no_rule() -> None:
    result = check_dose(drug_id="loperamide", dose_mg=2, frequency="QID", patient=adult())
    assert result.rule_found is False
    assert result.warnings == []


def test_dose_rules_name_known_drugs_and_sources() -> None:
    kb = get_knowledge()
    assert len({drug for drug, _ in kb.dose_rules}) >= 80
    for (drug_id, _), rule in kb.dose_rules.items():
        assert drug_id in kb.drugs
        assert rule.source
