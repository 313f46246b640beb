"""Which conditional rule each grader re-grades, and the re-grading of a warning: the pair
takes the most severe of its rules' grades for this patient."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from hms.clinical.conditions.antithrombotic import (
    aspirin_anticoagulant,
    aspirin_heparin,
    aspirin_methotrexate,
    aspirin_nsaid,
    aspirin_steroid,
    by_mtx_dose,
    dapt,
)
from hms.clinical.conditions.facts import (
    by_route,
    eszopiclone,
    pemetrexed,
    potassium_sparing,
    rosuvastatin_fibrate,
)
from hms.clinical.conditions.patient import Adjuster, Grade, Pair, PatientNow
from hms.clinical.interactions import ORIGIN_RANK, SEVERITY_LABEL, interacting_rules
from hms.clinical.knowledge.loader import InteractionRule, Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

ADJUSTERS: dict[str, Adjuster] = {
    "ansm:acide-acetylsalicylique:clopidogrel": dapt,
    "ansm:acide-acetylsalicylique:ticagrelor": dapt,
    "ansm:acide-acetylsalicylique:anticoagulants-oraux": aspirin_anticoagulant,
    "ansm:acide-acetylsalicylique:anti-inflammatoires-non-steroidiens": aspirin_nsaid,
    "ansm:acide-acetylsalicylique:glucocorticoides-sauf-hydrocortisone": aspirin_steroid,
    "ansm:acide-acetylsalicylique:heparines-doses-curatives-et-ou-sujet-age": aspirin_heparin,
    "ansm:acide-acetylsalicylique:methotrexate": aspirin_methotrexate,
    "ansm:anti-inflammatoires-non-steroidiens:methotrexate": by_mtx_dose(
        Severity.MODERATE, "a precaution for use"
    ),
    "ansm:antisecretoires-inhibiteurs-de-la-pompe-a-protons:methotrexate": by_mtx_dose(
        Severity.MINOR, "'take into account'"
    ),
    "ansm:acide-acetylsalicylique:pemetrexed": pemetrexed,
    "ansm:anti-inflammatoires-non-steroidiens:pemetrexed": pemetrexed,
    "ansm:amiodarone:diltiazem": by_route(
        ("diltiazem",),
        frozenset({"oral"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Heart rate, blood pressure and ECG (bradycardia, AV block).",
    ),
    "ansm:amiodarone:verapamil": by_route(
        ("verapamil",),
        frozenset({"oral"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Heart rate, blood pressure and ECG (bradycardia, AV block).",
    ),
    "ansm:calcium:digoxine": by_route(
        ("calcium-carbonate",),
        frozenset({"oral"}),
        Severity.CONTRAINDICATED,
        Severity.MODERATE,
        "Signs of digoxin toxicity; ECG and serum calcium if needed.",
    ),
    "ansm:inhibiteurs-puissants-du-cyp3a4:midazolam": by_route(
        ("midazolam",),
        frozenset({"iv", "sublingual"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Sedation depth, respiratory rate and oxygen saturation; reduce the midazolam dose.",
    ),
    "ansm:substances-susceptibles-de-donner-des-torsades-de-pointes:torsadogenes-sauf-"
    "arsenieux-antiparasitaires-neuroleptiques-methadone/contraindicated-iv": by_route(
        ("erythromycin", "vincamine"),
        frozenset({"oral"}),
        Severity.CONTRAINDICATED,
        None,
        "ECG (QTc) before and during treatment; potassium and magnesium.",
    ),
    "ansm:fibrates:inhibiteurs-de-lhmg-coa-reductase-statines/contraindicated-rosuvastatin-40mg": (
        rosuvastatin_fibrate
    ),
    "ansm:eszopiclone:inhibiteurs-puissants-du-cyp3a4": eszopiclone,
    "ansm:antagonistes-des-recepteurs-de-langiotensine-ii:diuretiques-epargneurs-de-potassium-"
    "seuls-ou-associes": potassium_sparing,
    "ansm:diuretiques-epargneurs-de-potassium-seuls-ou-associes:inhibiteurs-de-lenzyme-de-"
    "conversion": potassium_sparing,
}


def adjusted_rule_ids() -> frozenset[str]:
    """The rule ids this module can re-grade (for tests and the knowledge documentation)."""
    return frozenset(ADJUSTERS)


def grade_for_patient(
    warnings: Sequence[ClinicalWarning],
    patient: PatientNow,
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Interaction warnings re-graded for this patient; other warnings pass through unchanged.

    Each matching rule is graded (a conditional one from the patient's data when known); the
    pair takes the most severe result, so an unconditional rule from another source is never
    lowered. A pair left with no rule that concerns the patient loses its warning.
    """
    kb = knowledge or get_knowledge()
    out = []
    for warning in warnings:
        if warning.kind is not WarningKind.INTERACTION or len(warning.drug_ids) != 2:
            out.append(warning)
            continue
        graded = _regrade(kb, warning, patient)
        if graded is not None:
            out.append(graded)
    return out


def _regrade(
    kb: Knowledge, warning: ClinicalWarning, patient: PatientNow
) -> ClinicalWarning | None:
    first, second = warning.drug_ids
    rules = interacting_rules(first, second, knowledge=kb)
    pair = Pair(kb, patient, first, second)
    graded: list[tuple[InteractionRule, Severity, Grade | None]] = []
    any_grade = False
    for rule in rules:
        adjuster = ADJUSTERS.get(rule.id)
        grade = adjuster(pair) if adjuster is not None else None
        if grade is None:
            graded.append((rule, rule.severity, None))
            continue
        any_grade = True
        if grade.severity is not None:
            graded.append((rule, grade.severity, grade))
    if not any_grade:
        return warning
    if not graded:
        return None
    origin_rank = ORIGIN_RANK
    graded.sort(
        key=lambda g: (
            -g[1].rank,
            g[2] is None and g[0].condition is not None,  # an ungraded conditional rule last
            origin_rank.get(g[0].origin, len(ORIGIN_RANK)),
            g[0].id,
        )
    )
    rule, severity, grade = graded[0]
    details = rule.summary if rule.lang == "fr" else rule.mechanism
    parts = [f"{pair.name(first)} + {pair.name(second)}: {SEVERITY_LABEL[severity]}."]
    if grade is not None:
        parts.append(grade.reason)
    parts.append(details)
    if rule.condition:
        parts.append(f"(ANSM levels: {rule.condition})")
    grades = [g for _, _, g in graded if g is not None]
    sources = [warning.source, *(g.source for g in grades)]
    monitoring = grade.monitoring if grade is not None else None
    monitoring = monitoring or next((g.monitoring for g in grades if g.monitoring), None)
    return replace(
        warning,
        severity=severity,
        message=" ".join(p.strip() for p in parts if p.strip()),
        source="; ".join(_unique_sources(sources)),
        management=(grade.management if grade is not None and grade.management else None)
        or rule.management,
        monitoring=monitoring or warning.monitoring,
    )


def _unique_sources(sources: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for s in sources:
        for part in s.split("; "):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)
