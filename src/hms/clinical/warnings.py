"""The one warning shape every prescribing safety check returns, and duplicate-therapy checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hms.clinical.knowledge.loader import Knowledge, get_knowledge
from hms.clinical.knowledge.severity import Severity

# Severity lives beside the rule files that declare it, so the knowledge loader needs
# nothing from here; it is re-exported because every check builds warnings with it.
__all__ = [
    "ClinicalWarning",
    "Severity",
    "Warning",
    "WarningKind",
    "check_duplicate_therapy",
    "most_severe_first",
]


class WarningKind(StrEnum):
    INTERACTION = "interaction"
    ALLERGY = "allergy"
    DOSE = "dose"
    RENAL = "renal"
    DUPLICATE = "duplicate"
    CONTRAINDICATION = "contraindication"


@dataclass(frozen=True, slots=True)
class ClinicalWarning:
    """A safety finding shown to the prescriber.

    `code` is stable across runs (e.g. "interaction:simvastatin:clarithromycin") so an
    override recorded against it still applies when the same prescription is re-checked.
    """

    code: str
    kind: WarningKind
    severity: Severity
    drug_ids: tuple[str, ...]
    message: str
    source: str
    management: str | None = None
    monitoring: str | None = None  # what to watch when the prescriber goes ahead


# The design calls the type "Warning"; the alias keeps that name available to callers
# without shadowing Python's built-in Warning inside this package.
Warning = ClinicalWarning


def most_severe_first(warnings: Iterable[ClinicalWarning]) -> list[ClinicalWarning]:
    return sorted(warnings, key=lambda w: (-w.severity.rank, w.kind, w.code))


def check_duplicate_therapy(
    new_drug_ids: Sequence[str],
    active_drug_ids: Sequence[str],
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Same ingredient, or two drugs of one therapeutic class, among new x new and new x active.

    Only classes marked with a duplicate-therapy severity count (statins, SSRIs, PPIs,
    anticoagulants...), so pharmacological groupings such as "QT-prolonging" or
    "strong CYP3A4 inhibitor" never raise a duplicate warning.
    """
    kb = knowledge or get_knowledge()
    new = list(dict.fromkeys(new_drug_ids))
    active = [d for d in dict.fromkeys(active_drug_ids) if d not in new]
    warnings: list[ClinicalWarning] = []
    pairs = [(new[i], new[j]) for i in range(len(new)) for j in range(i + 1, len(new))]
    pairs += [(n, a) for n in new for a in active]
    # A drug both prescribed new and already active is a duplicate of itself.
    warnings += [
        _same_drug_warning(kb, d) for d in dict.fromkeys(new_drug_ids) if d in set(active_drug_ids)
    ]
    for first, second in pairs:
        found = _duplicate_between(kb, first, second)
        if found is not None:
            warnings.append(found)
    return warnings


def _same_drug_warning(kb: Knowledge, drug_id: str) -> ClinicalWarning:
    drug = kb.drug(drug_id)
    return ClinicalWarning(
        code=f"duplicate:{drug_id}",
        kind=WarningKind.DUPLICATE,
        severity=Severity.MAJOR,
        drug_ids=(drug_id,),
        message=f"{drug.display_name} is already an active medication for this patient.",
        source="HMS duplicate-therapy check",
    )


def _duplicate_between(kb: Knowledge, first: str, second: str) -> ClinicalWarning | None:
    a_parts = {d.id for d in kb.ingredients(first)}
    b_parts = {d.id for d in kb.ingredients(second)}
    a_name, b_name = kb.drug(first).display_name, kb.drug(second).display_name
    shared = sorted(a_parts & b_parts)
    if shared:
        names = ", ".join(kb.drug(s).display_name for s in shared)
        return ClinicalWarning(
            code=f"duplicate:{first}:{second}",
            kind=WarningKind.DUPLICATE,
            severity=Severity.MAJOR,
            drug_ids=(first, second),
            message=f"{a_name} and {b_name} both contain {names}.",
            source="HMS duplicate-therapy check",
        )
    best: tuple[int, str, Severity] | None = None
    for a in a_parts:
        for b in b_parts:
            for class_id in kb.drug(a).all_classes & kb.drug(b).all_classes:
                severity = kb.classes[class_id].duplicate_severity
                if severity is None:
                    continue
                candidate = (severity.rank, class_id, severity)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
    if best is None:
        return None
    _, class_id, severity = best
    klass = kb.classes[class_id]
    return ClinicalWarning(
        code=f"duplicate:{first}:{second}",
        kind=WarningKind.DUPLICATE,
        severity=severity,
        drug_ids=(first, second),
        message=f"{a_name} and {b_name} are both {klass.name.lower()}: duplicate therapy.",
        source=f"HMS therapeutic classes (ATC {klass.atc})"
        if klass.atc
        else "HMS therapeutic classes",
    )
