"""Pharmacokinetic interactions derived from enzyme data (FDA table of substrates, inhibitors
and inducers, in knowledge/enzymes.json) and the label rules beside it.

The grade of a pair comes from the substrate's sensitivity x the precipitant's inhibitor or
inducer strength (a narrow therapeutic index raises it one step); a label rule naming the pair
(contraindication, "avoid", dose cap) replaces that grade. Dose caps read the daily dose from
the draft items and the patient's current items: above the cap the rule's severe grade, at or
below it a lower one, unknown dose the severe grade. :func:`merge_enzyme_warnings` folds the
result into the interaction warning already given for the pair, so one warning per pair
remains (most severe wins, the existing code kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from hms.clinical.conditions import PatientNow
from hms.clinical.interactions import SEVERITY_LABEL, interacting_rules
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.enzyme_data import EnzymeLabelRule, EnzymeProfile
from hms.clinical.knowledge.loader import Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

_FOLD = {
    "inhibitor": {
        "strong": "5-fold or more",
        "moderate": "2- to 5-fold",
        "weak": "1.25- to 2-fold",
        "listed": "",
    },
    "inducer": {
        "strong": "by 80% or more",
        "moderate": "by 50-80%",
        "weak": "by 20-50%",
        "listed": "",
    },
}
_SENSITIVITY = {"sensitive": "a sensitive", "moderate": "a moderate sensitive"}
_STEP_UP = {
    None: Severity.MINOR,
    Severity.MINOR: Severity.MODERATE,
    Severity.MODERATE: Severity.MAJOR,
    Severity.MAJOR: Severity.MAJOR,
}


@dataclass(frozen=True, slots=True)
class _Finding:
    severity: Severity
    object_id: str  # the prescribed drug whose exposure changes
    precipitant_id: str
    reason: str
    mechanism: str
    management: str
    monitoring: str | None
    source: str
    supersedes: tuple[str, ...] = ()


def add_enzyme_warnings(
    warnings: Sequence[ClinicalWarning],
    items: Sequence[DoseItem],
    active_items: Sequence[DoseItem] = (),
    *,
    active_drug_ids: Sequence[str] = (),
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """The warnings with the enzyme-derived ones folded in: one interaction warning per pair.

    Pairs are new x new and new x current (as for check_interactions); doses come from the
    draft and current items. Where an interaction warning exists for the pair it keeps its
    code; the more severe of the two wins and the sources of both are listed. A dose-aware
    label rule may supersede a curated rule stating the same label fact without the dose.
    """
    kb = knowledge or get_knowledge()
    findings = _pair_findings(kb, items, active_items, active_drug_ids)
    return _merge(kb, warnings, findings)


def check_enzyme_interactions(
    items: Sequence[DoseItem],
    active_items: Sequence[DoseItem] = (),
    *,
    active_drug_ids: Sequence[str] = (),
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Enzyme-derived warnings alone, for new x new and new x current drugs."""
    kb = knowledge or get_knowledge()
    return [_warning(kb, f) for f in _pair_findings(kb, items, active_items, active_drug_ids)]


def _pair_findings(
    kb: Knowledge,
    items: Sequence[DoseItem],
    active_items: Sequence[DoseItem],
    active_drug_ids: Sequence[str],
) -> list[_Finding]:
    new = list(dict.fromkeys(i.drug_id for i in items))
    active = [
        d
        for d in dict.fromkeys([*active_drug_ids, *(i.drug_id for i in active_items)])
        if d not in new and d in kb.drugs
    ]
    patient = PatientNow(items=(*items, *active_items))
    pairs = [(new[i], new[j]) for i in range(len(new)) for j in range(i + 1, len(new))]
    pairs += [(n, a) for n in new for a in active]
    found = (pair_finding(kb, first, second, patient) for first, second in pairs)
    return [f for f in found if f is not None]


def pair_finding(
    kb: Knowledge, first: str, second: str, patient: PatientNow | None = None
) -> _Finding | None:
    """The most severe enzyme finding for a pair, either drug as the object."""
    patient = patient or PatientNow()
    candidates = [
        f
        for obj, precipitant in ((first, second), (second, first))
        for f in _directed(kb, obj, precipitant, patient)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda f: f.severity.rank)


def _directed(kb: Knowledge, obj: str, precipitant: str, patient: PatientNow) -> list[_Finding]:
    """Label rules for the object's ingredients, else the sensitivity x strength grade."""
    found: list[_Finding] = []
    derived: list[_Finding] = []
    for o in kb.ingredients(obj):
        for p in kb.ingredients(precipitant):
            if o.id == p.id:
                continue
            ruled = [
                _by_label(kb, r, obj, precipitant, o.id, p.id, patient)
                for r in _rules(kb, o.id, p.id)
            ]
            found += ruled
            if not ruled:
                derived += _by_grade(kb, obj, precipitant, o.id, p.id, patient)
    return found or derived


def _rules(kb: Knowledge, obj: str, precipitant: str) -> list[EnzymeLabelRule]:
    profile = kb.enzymes.profiles.get(precipitant)
    out = []
    for rule in kb.enzymes.label_rules:
        if obj not in rule.objects or precipitant in rule.except_drugs:
            continue
        named = precipitant in rule.drugs
        grouped = profile is not None and (
            any(profile.inhibits.get(e) in s for e, s in rule.inhibitors_of.items())
            or any(profile.induces.get(e) in s for e, s in rule.inducers_of.items())
        )
        if named or grouped:
            out.append(rule)
    return out


def _by_label(
    kb: Knowledge,
    rule: EnzymeLabelRule,
    obj: str,
    precipitant: str,
    obj_part: str,
    precipitant_part: str,
    patient: PatientNow,
) -> _Finding:
    severity, reason = rule.severity, ""
    name = kb.drug(obj_part).display_name
    if rule.max_daily_mg is not None and rule.at_or_below_cap is not None:
        daily = patient.daily_mg(obj) if obj == obj_part else None
        cap = f"{rule.max_daily_mg:g} mg a day"
        if daily is None:
            reason = f"{name} dose not known: the label cap with this drug is {cap}."
        elif daily > rule.max_daily_mg:
            reason = f"{name} {daily:g} mg a day is above the label cap of {cap} with this drug."
        else:
            severity = rule.at_or_below_cap
            reason = f"{name} {daily:g} mg a day is within the label cap of {cap} with this drug."
    return _Finding(
        severity=severity,
        object_id=obj,
        precipitant_id=precipitant,
        reason=reason,
        mechanism=rule.mechanism,
        management=rule.management,
        monitoring=rule.monitoring,
        source=rule.source,
        supersedes=rule.supersedes,
    )


def _by_grade(
    kb: Knowledge,
    obj: str,
    precipitant: str,
    obj_part: str,
    precipitant_part: str,
    patient: PatientNow,
) -> list[_Finding]:
    substrate = kb.enzymes.profiles.get(obj_part)
    other = kb.enzymes.profiles.get(precipitant_part)
    if substrate is None or other is None or not substrate.substrate_of:
        return []
    if substrate.routes and obj == obj_part:
        routes = patient.routes(obj)
        if routes and not routes & set(substrate.routes):
            return []
    out = []
    for role, roles in (("inhibitor", other.inhibits), ("inducer", other.induces)):
        for enzyme, strength in roles.items():
            sensitivity = substrate.substrate_of.get(enzyme)
            if sensitivity is None:
                continue
            severity = kb.enzymes.grading[role][sensitivity].get(strength)
            if substrate.nti and strength in kb.enzymes.nti_raises:
                severity = _STEP_UP[severity]
            if severity is None:
                continue
            capped = (
                substrate.max_severity is not None and severity.rank > substrate.max_severity.rank
            )
            finding = _graded(
                kb,
                substrate,
                other,
                role,
                enzyme,
                strength,
                sensitivity,
                substrate.max_severity if capped and substrate.max_severity else severity,
                obj,
                precipitant,
            )
            if capped:
                name = kb.drug(substrate.drug_id).display_name
                finding = replace(
                    finding,
                    mechanism=f"{finding.mechanism} {name}'s label asks no dose change for it.",
                    management="No dose change needed; be aware of the interaction.",
                )
            out.append(finding)
    return out


def _graded(
    kb: Knowledge,
    substrate: EnzymeProfile,
    other: EnzymeProfile,
    role: str,
    enzyme: str,
    strength: str,
    sensitivity: str,
    severity: Severity,
    obj: str,
    precipitant: str,
) -> _Finding:
    s_name = kb.drug(substrate.drug_id).name
    p_name = kb.drug(other.drug_id).name
    kind = f"{strength} {enzyme} {role}" if strength != "listed" else f"{enzyme} {role}"
    nti = ", with a narrow therapeutic index" if substrate.nti else ""
    fold = _FOLD[role][strength]
    if role == "inhibitor":
        change = f"{s_name} exposure can rise {fold}" if fold else f"{s_name} exposure rises"
        effect = "dose-related adverse effects"
    else:
        change = f"{s_name} exposure can fall {fold}" if fold else f"{s_name} exposure falls"
        effect = "loss of effect"
    mechanism = (
        f"{p_name[:1].upper()}{p_name[1:]} is a {kind} and {s_name} "
        f"{_SENSITIVITY[sensitivity]} {enzyme} substrate{nti}: "
        f"{change}; {effect}."
    )
    return _Finding(
        severity=severity,
        object_id=obj,
        precipitant_id=precipitant,
        reason="",
        mechanism=mechanism,
        management=_management(role, severity, s_name, p_name),
        monitoring=substrate.monitoring
        or f"Clinical response and dose-related adverse effects of {s_name}.",
        source=_grade_source(kb, substrate, role, enzyme, strength, sensitivity, p_name, s_name),
    )


def _grade_source(
    kb: Knowledge,
    substrate: EnzymeProfile,
    role: str,
    enzyme: str,
    strength: str,
    sensitivity: str,
    precipitant: str,
    name: str,
) -> str:
    """The FDA table entries the grade rests on, and the substrate's own label or NTI source."""
    substrate_table, precipitant_table = (
        ("5-1", "5-2") if enzyme == "P-gp" else ("3-1", "3-3" if role == "inducer" else "3-2")
    )
    listed = "" if strength == "listed" else f"{strength} "
    fda = (
        f"{kb.enzymes.source}, Table {substrate_table} ({name}: {sensitivity} {enzyme} "
        f"substrate) and Table {precipitant_table} ({precipitant}: {listed}{enzyme} {role})"
    )
    own = [
        part.strip()
        for part in substrate.source.split("; ")
        if part.strip() and not part.startswith(kb.enzymes.source)
    ]
    return "; ".join([fda, *own])


def _management(role: str, severity: Severity, substrate: str, precipitant: str) -> str:
    if role == "inducer":
        if severity.rank >= Severity.MAJOR.rank:
            return (
                f"Avoid: {substrate} may lose its effect. Choose an alternative to one of them; "
                f"induction takes up to 2 weeks to wear off after {precipitant} stops."
            )
        return (
            f"Monitor the effect of {substrate} and raise its dose if needed; lower it again "
            f"when {precipitant} stops."
        )
    if severity.rank >= Severity.MAJOR.rank:
        return (
            f"Avoid if an alternative exists; otherwise lower the {substrate} dose as its label "
            "advises and monitor closely."
        )
    if severity is Severity.MODERATE:
        return f"Consider a lower {substrate} dose and monitor for its adverse effects."
    return "Usually no dose change; be aware of the interaction."


def _warning(kb: Knowledge, f: _Finding) -> ClinicalWarning:
    obj, precipitant = kb.drug(f.object_id), kb.drug(f.precipitant_id)
    details = " ".join(p for p in (f.reason, f.mechanism) if p)
    return ClinicalWarning(
        code=f"interaction:{obj.id}:{precipitant.id}",
        kind=WarningKind.INTERACTION,
        severity=f.severity,
        drug_ids=(obj.id, precipitant.id),
        message=f"{obj.display_name} + {precipitant.display_name}: "
        f"{SEVERITY_LABEL[f.severity]}. {details}",
        source=f.source,
        management=f.management,
        monitoring=f.monitoring,
    )


def _merge(
    kb: Knowledge, warnings: Sequence[ClinicalWarning], findings: Iterable[_Finding]
) -> list[ClinicalWarning]:
    out = list(warnings)
    index = {
        frozenset(w.drug_ids): i
        for i, w in enumerate(out)
        if w.kind is WarningKind.INTERACTION and len(w.drug_ids) == 2
    }
    for finding in findings:
        new = _warning(kb, finding)
        key = frozenset(new.drug_ids)
        at = index.get(key)
        if at is None:
            index[key] = len(out)
            out.append(new)
            continue
        old = out[at]
        old_severity = _without_superseded(kb, old, finding)
        sources = "; ".join(dict.fromkeys(_parts(old.source, new.source)))
        lowered = old_severity is None or old_severity is not old.severity
        if (
            old_severity is None
            or new.severity.rank > old_severity.rank
            or (lowered and new.severity.rank >= old_severity.rank)
        ):
            out[at] = replace(new, code=old.code, source=sources)
        else:
            out[at] = replace(
                old,
                severity=old_severity,
                source=sources,
                monitoring=old.monitoring or new.monitoring,
            )
    return out


def _without_superseded(kb: Knowledge, old: ClinicalWarning, finding: _Finding) -> Severity | None:
    """The existing warning's grade once the rules the finding supersedes are set aside
    (None: nothing else grades the pair)."""
    if not finding.supersedes:
        return old.severity
    first, second = old.drug_ids
    rest = [
        r for r in interacting_rules(first, second, knowledge=kb) if r.id not in finding.supersedes
    ]
    if not rest:
        return None
    ceiling = max(rest, key=lambda r: r.severity.rank).severity
    return ceiling if ceiling.rank < old.severity.rank else old.severity


def _parts(*sources: str) -> list[str]:
    return [p.strip() for s in sources for p in s.split("; ") if p.strip()]
