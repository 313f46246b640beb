"""Allergy checks: recorded allergies (substance, class, reaction, severity) vs prescribed drugs.

Matches the same substance, the same class, and cross-sensitivity: every penicillin for a
penicillin allergy; cephalosporins by shared R1 side chain rather than a flat 10 %;
carbapenems as low risk; sulfonamide antibiotics, NSAIDs and opioids by their groups.
Rules and sources live in knowledge/allergy_rules.json (Khan DA et al., JACI 2022
drug allergy practice parameter; Macy E).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hms.clinical.knowledge.loader import Drug, Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

RISK_ORDER = {"same": 4, "high": 3, "moderate": 2, "low": 1}


@dataclass(frozen=True, slots=True)
class AllergyRecord:
    """An allergy as recorded: a substance (name or catalog id) and/or a class, with reaction."""

    substance: str | None = None
    drug_class: str | None = None
    reaction: str | None = None
    severity: str | None = None  # free text: mild / moderate / severe / life-threatening

    @property
    def label(self) -> str:
        return self.substance or self.drug_class or "unspecified allergen"


@dataclass(frozen=True, slots=True)
class ResolvedAllergen:
    drug_ids: frozenset[str]  # substances named (components of a combination included)
    class_ids: frozenset[str]  # classes the allergy applies to, ancestors included
    class_level: bool  # recorded as a class ("penicillins") rather than a substance
    recorded_classes: frozenset[str] = frozenset()  # the class(es) as written, before ancestors


def resolve_allergen(
    record: AllergyRecord, *, knowledge: Knowledge | None = None
) -> ResolvedAllergen | None:
    """Map a recorded allergy to catalog substances and classes; None when nothing matches."""
    kb = knowledge or get_knowledge()
    aliases: Mapping[str, str] = kb.allergy["classAliases"]
    drug_ids: set[str] = set()
    class_ids: set[str] = set()
    class_level = False
    recorded: set[str] = set()
    for text in (record.substance, record.drug_class):
        if not text:
            continue
        key = text.strip().lower()
        drug = kb.find_drug(key)
        if drug is not None:
            for part in kb.ingredients(drug.id):
                drug_ids.add(part.id)
                class_ids |= part.all_classes
            continue
        klass = kb.find_class(aliases.get(key, key))
        if klass is not None:
            class_level = True
            recorded.add(klass.id)
            class_ids |= kb.with_ancestors([klass.id])
    if not drug_ids and not class_ids:
        return None
    return ResolvedAllergen(
        frozenset(drug_ids), frozenset(class_ids), class_level and not drug_ids, frozenset(recorded)
    )


def check_allergies(
    drug_ids: Sequence[str],
    allergies: Sequence[AllergyRecord],
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """One warning per (drug, allergy) at the highest cross-reactivity risk found.

    An allergy that matches nothing in the catalog gives a minor warning so the
    prescriber knows it was not checked automatically.
    """
    kb = knowledge or get_knowledge()
    warnings: list[ClinicalWarning] = []
    for record in allergies:
        allergen = resolve_allergen(record, knowledge=kb)
        if allergen is None:
            warnings.append(_unresolved_warning(record))
            continue
        severe = _is_severe(kb, record)
        for drug_id in dict.fromkeys(drug_ids):
            finding = _assess(kb, allergen, kb.ingredients(drug_id))
            if finding is not None:
                warnings.append(_warning(kb, drug_id, record, severe, *finding))
    return warnings


def _assess(
    kb: Knowledge, allergen: ResolvedAllergen, parts: Sequence[Drug]
) -> tuple[str, str, str] | None:
    """(risk, note, source) of the strongest match between the allergen and any component."""
    best: tuple[str, str, str] | None = None

    def consider(risk: str, note: str, source: str) -> None:
        nonlocal best
        if best is None or RISK_ORDER[risk] > RISK_ORDER[best[0]]:
            best = (risk, note, source)

    rules: Mapping[str, Any] = kb.allergy
    for part in parts:
        if part.id in allergen.drug_ids:
            consider("same", f"{part.display_name} is the recorded allergen.", "Recorded allergy")
            continue
        for group in rules["sideChainGroups"]:
            members = set(group["drugs"])
            if part.id in members and allergen.drug_ids & (members - {part.id}):
                consider(group["risk"], group["note"], group["source"])
        for rule in rules["classRules"]:
            if _class_rule_applies(rule, allergen, part):
                consider(rule["risk"], rule["note"], rule["source"])
    return best


def _class_rule_applies(rule: Mapping[str, Any], allergen: ResolvedAllergen, part: Drug) -> bool:
    if rule["allergenClass"] not in allergen.class_ids:
        return False
    # Rules for unspecific labels ("beta-lactam allergy") need that exact class as written.
    if rule.get("onlyClassAllergen") and rule["allergenClass"] not in allergen.recorded_classes:
        return False
    if allergen.class_ids & set(rule.get("exceptAllergenClasses", ())):
        return False
    if part.all_classes & set(rule.get("exceptTargetClasses", ())):
        return False
    if "targetDrugs" in rule:
        return part.id in rule["targetDrugs"]
    return rule["targetClass"] in part.all_classes


def _is_severe(kb: Knowledge, record: AllergyRecord) -> bool:
    text = " ".join(filter(None, (record.severity, record.reaction))).lower()
    if re.search(r"\b(severe|life[- ]threatening|serious)\b", text):
        return True
    terms: Sequence[str] = kb.allergy["severeReactionTerms"]
    return any(re.search(rf"\b{re.escape(term)}\b", text) for term in terms)


def _warning(
    kb: Knowledge,
    drug_id: str,
    record: AllergyRecord,
    severe: bool,
    risk: str,
    note: str,
    source: str,
) -> ClinicalWarning:
    mapping: Mapping[str, str] = kb.allergy["riskToSeverity"][risk]
    severity = Severity(mapping["severe" if severe else "default"])
    reaction = f" (reaction: {record.reaction})" if record.reaction else ""
    relation = (
        "recorded allergy to" if risk == "same" else f"{risk} cross-reactivity risk with allergy to"
    )
    return ClinicalWarning(
        code=f"allergy:{drug_id}:{_slug(record.label)}",
        kind=WarningKind.ALLERGY,
        severity=severity,
        drug_ids=(drug_id,),
        message=f"{kb.drug(drug_id).display_name}: {relation} {record.label}{reaction}. {note}",
        source=source,
    )


def _unresolved_warning(record: AllergyRecord) -> ClinicalWarning:
    return ClinicalWarning(
        code=f"allergy:unmatched:{_slug(record.label)}",
        kind=WarningKind.ALLERGY,
        severity=Severity.MINOR,
        drug_ids=(),
        message=(
            f"Allergy to '{record.label}' matches no catalog substance or class "
            "and was not checked automatically."
        ),
        source="HMS allergy check",
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
