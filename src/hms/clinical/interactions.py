"""Drug-drug interaction and drug-condition contraindication checks over the knowledge base.

Pure functions: the prescription service passes in the drug ids (and ICD-10 codes) it
read from the database and gets ClinicalWarning objects back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hms.clinical.knowledge.loader import InteractionRule, Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

# Among equally severe rules, whose text is shown first: FDA boxed warnings and safety
# communications, then the ONC list, product labels, and the ANSM thesaurus.
ORIGIN_RANK = {"fda": 0, "onc": 1, "label": 2, "ansm": 3}

SEVERITY_LABEL = {
    Severity.CONTRAINDICATED: "contraindicated combination",
    Severity.MAJOR: "major interaction",
    Severity.MODERATE: "moderate interaction",
    Severity.MINOR: "minor interaction",
}


@dataclass(frozen=True, slots=True)
class _Match:
    rule: InteractionRule
    object_id: str  # prescribed drug on the rule's "a" side (object drug in ONC terms)
    precipitant_id: str


def check_interactions(
    new_drug_ids: Sequence[str],
    active_drug_ids: Sequence[str],
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Warnings for every interacting pair among new items, and new items x active drugs.

    Pairs of two active drugs are never reported: they were checked when prescribed.
    A pair matched by several rules (substance and class level, several sources) gives
    one warning carrying the most severe rule, with every source listed.
    """
    kb = knowledge or get_knowledge()
    new = list(dict.fromkeys(new_drug_ids))
    active = [d for d in dict.fromkeys(active_drug_ids) if d not in new]
    for drug_id in (*new, *active):
        kb.drug(drug_id)  # unknown ids fail loudly rather than skipping a safety check
    pairs = [(new[i], new[j]) for i in range(len(new)) for j in range(i + 1, len(new))]
    pairs += [(n, a) for n in new for a in active]
    warnings = []
    for first, second in pairs:
        warning = _pair_warning(kb, first, second)
        if warning is not None:
            warnings.append(warning)
    return warnings


def interacting_rules(
    first_drug_id: str, second_drug_id: str, *, knowledge: Knowledge | None = None
) -> list[InteractionRule]:
    """All rules that match a pair (components of combinations included), most severe first."""
    kb = knowledge or get_knowledge()
    matches = _matches(kb, first_drug_id, second_drug_id)
    return [m.rule for m in sorted(matches, key=lambda m: -m.rule.severity.rank)]


def _matches(kb: Knowledge, first: str, second: str) -> list[_Match]:
    found: dict[str, _Match] = {}
    for a in kb.ingredients(first):
        for b in kb.ingredients(second):
            if a.id == b.id:
                continue  # same substance twice is duplicate therapy, not an interaction
            for rule, a_is_rule_a in kb.rules_between(a.id, b.id):
                if rule.id not in found:
                    obj, precipitant = (first, second) if a_is_rule_a else (second, first)
                    found[rule.id] = _Match(rule, obj, precipitant)
    return list(found.values())


def _pair_warning(kb: Knowledge, first: str, second: str) -> ClinicalWarning | None:
    matches = _matches(kb, first, second)
    if not matches:
        return None
    # Most severe wins; among equals a rule that holds whatever the dose or route beats a
    # conditional one, and curated English rules (FDA boxed warnings and safety
    # communications, ONC, labels) beat ANSM.
    origin_rank = ORIGIN_RANK
    matches.sort(
        key=lambda m: (
            -m.rule.severity.rank,
            m.rule.condition is not None,
            origin_rank.get(m.rule.origin, len(ORIGIN_RANK)),
            m.rule.id,
        )
    )
    top = matches[0]
    obj, precipitant = kb.drug(top.object_id), kb.drug(top.precipitant_id)
    sources = list(dict.fromkeys(m.rule.source for m in matches))
    details = top.rule.summary if top.rule.lang == "fr" else top.rule.mechanism
    if top.rule.condition:
        details = f"{top.rule.condition} {details}"
    message = (
        f"{obj.display_name} + {precipitant.display_name}: "
        f"{SEVERITY_LABEL[top.rule.severity]}. {details}"
    )
    return ClinicalWarning(
        code=f"interaction:{obj.id}:{precipitant.id}",
        kind=WarningKind.INTERACTION,
        severity=top.rule.severity,
        drug_ids=(obj.id, precipitant.id),
        message=message,
        source="; ".join(sources),
        management=top.rule.management,
        monitoring=next((m.rule.monitoring for m in matches if m.rule.monitoring), None),
    )


def check_condition_contraindications(
    drug_ids: Sequence[str],
    icd10_codes: Sequence[str],
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Drug-disease contraindications: the patient's active diagnoses (ICD-10) vs the drugs."""
    kb = knowledge or get_knowledge()
    codes = [c.replace(".", "").upper() for c in icd10_codes]
    warnings: dict[str, ClinicalWarning] = {}
    for drug_id in dict.fromkeys(drug_ids):
        parts = kb.ingredients(drug_id)
        for rule in kb.condition_rules:
            applies = any(p.id in rule.drugs or p.all_classes & rule.classes for p in parts)
            if not applies:
                continue
            prefixes = [p.replace(".", "") for p in rule.icd10_prefixes]
            matched = [c for c in codes if any(c.startswith(p) for p in prefixes)]
            if not matched:
                continue
            code = f"contraindication:{drug_id}:{rule.condition.lower().replace(' ', '-')}"
            warning = ClinicalWarning(
                code=code,
                kind=WarningKind.CONTRAINDICATION,
                severity=rule.severity,
                drug_ids=(drug_id,),
                message=(
                    f"{kb.drug(drug_id).display_name} with {rule.condition} "
                    f"({matched[0]}): {rule.note}"
                ),
                source=rule.source,
            )
            previous = warnings.get(code)
            if previous is None or previous.severity.rank < warning.severity.rank:
                warnings[code] = warning
    return list(warnings.values())
