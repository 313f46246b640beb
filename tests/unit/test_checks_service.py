"""The prescribing check service (hms.prescriptions.checks.evaluate) over patient contexts:
what the prescriber sees for each rule family, once the pure checks are put together."""

from __future__ import annotations

import datetime as dt

import pytest

from hms.clinical.allergy import AllergyRecord
from hms.clinical.dosing import Measurement
from hms.clinical.items import DoseItem
from hms.clinical.warnings import Severity, WarningKind
from hms.prescriptions.checks import Finding, PatientContext, evaluate, report_wire

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)

# One concrete pair per ONC high-priority rule (Phansalkar et al., JAMIA 2012;19:735):
# (new item, patient's active medication).
ONC_PAIRS = [
    ("methylphenidate", "phenelzine"),
    ("atazanavir", "omeprazole"),
    ("azathioprine", "febuxostat"),
    ("sertraline", "tranylcypromine"),
    ("irinotecan", "ketoconazole"),
    ("tramadol", "phenelzine"),
    ("amitriptyline", "isocarboxazid"),
    ("amiodarone", "sotalol"),
    ("ramelteon", "fluvoxamine"),
    ("rifampicin", "darunavir"),
    ("simvastatin", "clarithromycin"),
    ("ergotamine", "ritonavir"),
    ("tizanidine", "ciprofloxacin"),
    ("tranylcypromine", "procarbazine"),
    ("sumatriptan", "selegiline"),
]


def adult(
    *,
    age: float = 45,
    sex: str = "male",
    kg: float | None = 75,
    scr: float | None = 0.9,
    days: float = 1,
    active: tuple[str, ...] = (),
    allergies: tuple[AllergyRecord, ...] = (),
) -> PatientContext:
    return PatientContext(
        age_years=age,
        sex=sex,  # type: ignore[arg-type]
        weight=Measurement(kg, "kg", NOW - dt.timedelta(days=days)) if kg else None,
        serum_creatinine=(
            Measurement(scr, "mg/dL", NOW - dt.timedelta(days=days)) if scr else None
        ),
        active_drug_ids=active,
        allergies=allergies,
        as_of=NOW,
    )


def oral(drug_id: str, dose: float = 500, frequency: str = "TID", unit: str = "mg") -> DoseItem:
    return DoseItem(drug_id, dose, unit, "oral", frequency, 5)


def by_code(findings: list[Finding]) -> dict[str, Finding]:
    return {f.warning.code: f for f in findings}


@pytest.mark.parametrize(("new", "active"), ONC_PAIRS)
def test_every_onc_pair_needs_an_override_against_active_medication(new: str, active: str) -> None:
    report = evaluate(adult(active=(active,)), [oral(new, 1, frequency="OD")])
    interactions = [f for f in report.findings if f.warning.kind is WarningKind.INTERACTION]
    assert len(interactions) == 1
    [finding] = interactions
    assert finding.warning.severity is Severity.CONTRAINDICATED
    assert set(finding.warning.drug_ids) == {new, active}
    assert "Phansalkar" in finding.warning.source
    assert finding.needs_override and finding in report.requiring_override


@pytest.mark.parametrize(("new", "other"), ONC_PAIRS[:5])
def test_onc_pairs_within_one_prescription(new: str, other: str) -> None:
    report = evaluate(adult(), [oral(new, 1, frequency="OD"), oral(other, 1, frequency="OD")])
    assert any(
        f.warning.kind is WarningKind.INTERACTION and f.needs_override for f in report.findings
    )


def test_amoxicillin_and_paracetamol_are_quiet() -> None:
    report = evaluate(adult(), [oral("amoxicillin", 500), oral("paracetamol", 1, "QID", "g")])
    assert report.findings == []
    assert report.crcl_ml_min == pytest.approx(110.0, abs=0.1)  # (140-45) x 75 / (72 x 0.9)


def test_penicillin_allergy_flags_shared_side_chain_cephalosporin_only() -> None:
    amoxicillin_rash = AllergyRecord("amoxicillin", None, "urticaria", "moderate")
    context = adult(allergies=(amoxicillin_rash,))
    [finding] = evaluate(context, [oral("cefalexin", 500, "QID")]).findings
    assert finding.warning.code == "allergy:cefalexin:amoxicillin"
    assert finding.warning.severity is Severity.MAJOR and finding.needs_override
    assert "R1 side chain" in finding.warning.message
    # Ceftriaxone's side chain differs: no allergy warning.
    assert evaluate(context, [DoseItem("ceftriaxone", 1000, "mg", "iv", "OD", 5)]).findings == []


def test_patient_allergy_entry_with_class_and_severe_reaction() -> None:
    record = AllergyRecord("penicillin", "penicillin", "anaphylaxis", "severe")
    report = evaluate(adult(allergies=(record,)), [oral("piperacillin-and-tazobactam", 4500)])
    allergy = [f for f in report.findings if f.warning.kind is WarningKind.ALLERGY]
    assert [f.warning.severity for f in allergy] == [Severity.CONTRAINDICATED]


def test_cockcroft_gault_reference_value_drives_the_renal_band() -> None:
    # CLINICAL.md check value: 70-year-old man, 72 kg, SCr 1.2 mg/dL -> 58.3 mL/min.
    report = evaluate(adult(age=70, kg=72, scr=1.2), [oral("gabapentin", 300, "TID")])
    assert report.crcl_ml_min == pytest.approx(58.3, abs=0.05)
    assert report.findings == []


def test_renal_band_names_the_values_used_and_their_age() -> None:
    frail = adult(age=80, sex="female", kg=55, scr=2.0, days=10)
    report = evaluate(frail, [oral("gabapentin", 600, "TID")])
    renal = by_code(report.findings)["renal:gabapentin:reduce"]
    assert renal.warning.kind is WarningKind.RENAL and renal.needs_override
    message = renal.warning.message
    assert "CrCl 19" in message or "CrCl 20" in message
    assert "serum creatinine 2 mg/dL (measured 2026-11-14, 10 days ago, out of date)" in message
    assert "weight 55 kg" in message and "age 80 years" in message
    assert {i.name for i in renal.inputs} == {"age", "sex", "weight", "serum creatinine"}


def test_missing_creatinine_is_said_not_guessed() -> None:
    report = evaluate(adult(scr=None), [oral("metformin", 500, "BID")])
    [finding] = report.findings
    assert finding.warning.code == "renal:metformin:renal-unchecked"
    assert finding.warning.severity is Severity.MINOR and not finding.needs_override
    assert "serum creatinine" in report.missing
    assert report_wire(report)["facts"]["serumCreatinine"] is None


def test_child_mg_per_kg_with_adult_cap() -> None:
    teenager = adult(age=15, kg=80)
    over = evaluate(teenager, [oral("paracetamol", 1200, "QID")])
    single = by_code(over.findings)["dose:paracetamol:paediatric-single-max"]
    assert "15 mg/kg x 80 kg, capped at 1000 mg" in single.warning.message
    assert "weight 80 kg" in single.warning.message  # the weight it used, with its age
    assert evaluate(teenager, [oral("paracetamol", 1000, "QID")]).findings == []
    small = adult(age=6, kg=20)
    assert evaluate(small, [oral("paracetamol", 300, "QID")]).findings == []
    assert "dose:paracetamol:paediatric-single-max" in by_code(
        evaluate(small, [oral("paracetamol", 500, "QID")]).findings
    )


def test_grams_are_checked_as_milligrams_and_other_units_are_flagged() -> None:
    report = evaluate(adult(), [oral("paracetamol", 2, "QID", "g")])
    assert by_code(report.findings)["dose:paracetamol:single-max"].warning.severity is (
        Severity.CONTRAINDICATED  # 2 g is twice the 1 g maximum: likely a unit error
    )
    tablets = evaluate(adult(), [oral("paracetamol", 2, "QID", "tablet")])
    [finding] = tablets.findings
    assert finding.warning.code == "dose:paracetamol:unit-unchecked"
    assert finding.warning.severity is Severity.MINOR


def test_duplicates_active_and_within_the_prescription() -> None:
    report = evaluate(
        adult(active=("atorvastatin",)),
        [
            oral("simvastatin", 20, "OD"),
            oral("paracetamol", 500, "QID"),
            oral("paracetamol", 500, "PRN"),
        ],
    )
    codes = by_code(report.findings)
    assert codes["duplicate:simvastatin:atorvastatin"].warning.kind is WarningKind.DUPLICATE
    assert codes["duplicate:paracetamol:paracetamol"].needs_override


def test_one_finding_per_code_most_severe_first() -> None:
    report = evaluate(
        adult(active=("simvastatin",), allergies=(AllergyRecord("aspirin", None, "rash", "mild"),)),
        [oral("clarithromycin", 250, "BID"), oral("ibuprofen", 400, "TID")],
    )
    codes = [f.warning.code for f in report.findings]
    assert len(codes) == len(set(codes))
    ranks = [f.warning.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)
    wire = report_wire(report)
    assert {w["kind"] for w in wire["warnings"]} <= {
        "interaction",
        "allergy",
        "dose",
        "renal",
        "duplicate",
        "contraindication",
    }
    assert all(w["message"] and w["source"] and w["severity"] for w in wire["warnings"])


def test_condition_contraindication_from_recorded_diagnoses() -> None:
    context = PatientContext(age_years=60, sex="male", conditions=("K25.4",), as_of=NOW)
    report = evaluate(context, [oral("ibuprofen", 400, "TID")])
    kinds = {f.warning.kind: f for f in report.findings}
    assert kinds[WarningKind.CONTRAINDICATION].warning.severity is Severity.CONTRAINDICATED
