"""Condition-aware interaction grading (hms.clinical.conditions) through the checks service,
and the single "renal function not checked" notice."""

from __future__ import annotations

import datetime as dt

from hms.clinical.conditions import adjusted_rule_ids
from hms.clinical.dosing import Measurement
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.loader import get_knowledge
from hms.clinical.warnings import Severity, WarningKind
from hms.prescriptions.checks import Finding, PatientContext, evaluate

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def patient(
    *,
    potassium: float | None = 4.2,
    potassium_days: float = 1,
    scr_umol: float | None = 80,
    conditions: tuple[str, ...] = (),
    active: tuple[DoseItem, ...] = (),
) -> PatientContext:
    def measured(value: float | None, unit: str, days: float = 1) -> Measurement | None:
        return None if value is None else Measurement(value, unit, NOW - dt.timedelta(days=days))

    return PatientContext(
        age_years=66,
        sex="male",
        weight=measured(78, "kg"),
        serum_creatinine=measured(scr_umol, "umol/L"),
        potassium=measured(potassium, "mmol/L", potassium_days),
        active_drug_ids=tuple(sorted({i.drug_id for i in active})),
        active_items=active,
        conditions=conditions,
        as_of=NOW,
    )


def oral(drug_id: str, dose: float, frequency: str = "OD", route: str = "oral") -> DoseItem:
    return DoseItem(drug_id, dose, "mg", route, frequency)


def interaction(findings: list[Finding], *drugs: str) -> Finding:
    [found] = [
        f
        for f in findings
        if f.warning.kind is WarningKind.INTERACTION and set(f.warning.drug_ids) == set(drugs)
    ]
    return found


def test_every_adjusted_rule_exists_in_the_shipped_knowledge() -> None:
    # A rebuild that renames an ANSM rule would silently switch its grading off.
    shipped = {r.id for r in get_knowledge().interaction_rules}
    assert adjusted_rule_ids() <= shipped, sorted(adjusted_rule_ids() - shipped)


def test_dual_antiplatelet_therapy_is_moderate_with_bleeding_monitoring() -> None:
    report = evaluate(
        patient(conditions=("I21.4",)), [oral("aspirin", 75), oral("clopidogrel", 75)]
    )
    dapt = interaction(report.findings, "aspirin", "clopidogrel").warning
    assert dapt.severity is Severity.MODERATE
    assert "dual antiplatelet therapy" in dapt.message and "I21.4" in dapt.message
    assert "bleeding" in (dapt.monitoring or "")
    assert "ESC 2023" in dapt.source and "ANSM" in dapt.source


def test_anti_inflammatory_aspirin_with_clopidogrel_keeps_the_ansm_level() -> None:
    report = evaluate(patient(), [oral("aspirin", 1000, "QID"), oral("clopidogrel", 75)])
    assert interaction(report.findings, "aspirin", "clopidogrel").warning.severity is (
        Severity.MAJOR
    )


def test_mra_with_ace_inhibitor_depends_on_potassium_and_renal_function() -> None:
    on_ramipril = (oral("ramipril", 5),)
    spironolactone = [oral("spironolactone", 25)]

    def graded(ctx: PatientContext) -> Severity:
        found = interaction(evaluate(ctx, spironolactone).findings, "spironolactone", "ramipril")
        assert "Potassium and creatinine" in (found.warning.monitoring or "")
        return found.warning.severity

    assert graded(patient(active=on_ramipril)) is Severity.MODERATE
    assert graded(patient(active=on_ramipril, potassium=5.3)) is Severity.MAJOR
    assert graded(patient(active=on_ramipril, potassium=None)) is Severity.MAJOR
    assert graded(patient(active=on_ramipril, potassium_days=60)) is Severity.MAJOR
    assert graded(patient(active=on_ramipril, scr_umol=300)) is Severity.MAJOR  # CrCl ~ 21
    assert graded(patient(active=on_ramipril, scr_umol=None)) is Severity.MAJOR


def test_a_route_that_the_rule_does_not_concern_lowers_it() -> None:
    on_amiodarone = patient(active=(oral("amiodarone", 200),))
    by_mouth = evaluate(on_amiodarone, [oral("diltiazem", 60, "TID")]).findings
    assert interaction(by_mouth, "amiodarone", "diltiazem").warning.severity is Severity.MODERATE
    iv = evaluate(on_amiodarone, [oral("diltiazem", 20, "STAT", "iv")]).findings
    assert interaction(iv, "amiodarone", "diltiazem").warning.severity is Severity.MAJOR


def test_unknown_dose_keeps_the_most_severe_level() -> None:
    # A dose in tablets cannot be classed as antiplatelet or anti-inflammatory.
    report = evaluate(
        patient(active=(oral("warfarin", 5),)),
        [DoseItem("aspirin", 1, "tablet", "oral", "OD")],
    )
    assert interaction(report.findings, "aspirin", "warfarin").warning.severity is (
        Severity.CONTRAINDICATED
    )


def test_one_renal_notice_names_every_drug_that_needs_a_renal_check() -> None:
    report = evaluate(
        patient(scr_umol=None), [oral("metformin", 500, "BID"), oral("gabapentin", 300, "TID")]
    )
    renal = [f for f in report.findings if f.warning.kind is WarningKind.RENAL]
    [notice] = renal
    assert set(notice.warning.drug_ids) == {"metformin", "gabapentin"}
    assert notice.warning.severity is Severity.MINOR and not notice.needs_override
    assert "Metformin and Gabapentin need a renal dose check" in notice.warning.message
    assert "serum creatinine missing" in notice.warning.message
