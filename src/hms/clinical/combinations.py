"""Fixed-dose combinations checked per ingredient, and each ingredient's daily amount summed
over the prescription's items and the patient's current medication: paracetamol in co-codamol
plus plain paracetamol (BNF 2024 paracetamol; FDA 2011, 325 mg per unit in prescription
combinations). A dose in tablets is worked out from the catalog's strength per tablet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hms.clinical.dosing import (
    DoseCheckResult,
    DoseContext,
    PatientFacts,
    note_missing,
    run_rule,
)
from hms.clinical.frequency import Frequency
from hms.clinical.items import MG_PER_MASS_UNIT, DoseItem, doses_per_day
from hms.clinical.knowledge.loader import DoseRule, Drug, Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

_FORM_WORDS = {
    "tablet": ("tablet",),
    "capsule": ("capsule",),
    "sachet": ("sachet", "granules", "powder"),
    "suppository": ("suppository",),
}
_STRENGTH_PART = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mg|g|mcg|microgram|µg)\s*$")


def unit_contents(drug: Drug, unit: str, route: str = "oral") -> dict[str, float] | None:
    """mg of each ingredient in one dispensing unit (tablet, capsule...) of a combination.

    Read from the catalog strength written in component order ("30 mg/500 mg"); None when
    the drug is a single substance, the unit is not a counted one, or the combination has
    more than one strength in that form (the product would be ambiguous).
    """
    words = _FORM_WORDS.get(unit.strip().lower())
    if not drug.components or words is None:
        return None
    route = route.lower()
    strengths = {
        s
        for f in drug.forms
        if any(w in f.form.lower() for w in words) and route in {f.route.lower(), "any"}
        for s in f.strengths
    }
    if len(strengths) != 1:
        return None
    parts = [_STRENGTH_PART.match(p) for p in next(iter(strengths)).split("/")]
    if len(parts) != len(drug.components) or not all(parts):
        return None
    return {
        component: float(m.group(1)) * MG_PER_MASS_UNIT[m.group(2)]
        for component, m in zip(drug.components, parts, strict=True)
        if m is not None
    }


@dataclass(slots=True)
class _Part:
    """One item's share of one ingredient."""

    item: DoseItem
    drug_name: str
    per_dose_mg: float | None  # None: the item's dose cannot be turned into mg
    per_day: float | None  # None: PRN without an interval
    why_unknown: str = ""

    @property
    def daily_mg(self) -> float | None:
        if self.per_dose_mg is None or self.per_day is None:
            return None
        return self.per_dose_mg * self.per_day

    def describe(self, ingredient: str) -> str:
        it = self.item
        where = "current medication" if it.current else "this prescription"
        amount = (
            f" = {self.daily_mg:g} mg {ingredient}/day"
            if self.daily_mg is not None
            else f" (not counted: {self.why_unknown})"
        )
        return f"{self.drug_name} {it.dose:g} {it.unit} {it.frequency} ({where}){amount}"


def check_combined_doses(
    new: Sequence[DoseItem],
    current: Sequence[DoseItem] = (),
    *,
    patient: PatientFacts,
    knowledge: Knowledge | None = None,
) -> list[DoseCheckResult]:
    """Dose checks that need more than one item or one ingredient.

    - each new combination item, per ingredient that has a dose rule (single, daily,
      weight, renal, sex limits), its dose in tablets x the ingredient's mg per tablet;
    - for each ingredient with a dose rule in two or more items (this prescription's and
      the patient's current medication, at least one new), the summed daily amount
      against the daily limits. The warning names every contributing item.

    Single-substance items on their own are checked by `check_dose`.
    """
    kb = knowledge or get_knowledge()
    results: list[DoseCheckResult] = []
    groups: dict[tuple[str, int], list[_Part]] = {}
    rules: dict[tuple[str, int], DoseRule] = {}
    for item in [*new, *(replace(i, current=True) for i in current)]:
        if item.drug_id not in kb.drugs:
            continue
        drug = kb.drug(item.drug_id)
        freq = item.frequency_parsed()
        per_day = doses_per_day(freq) if freq is not None else None
        if drug.components:
            contents = unit_contents(drug, item.unit, item.route)
            amounts: dict[str, float | None] = {
                c: (contents[c] * item.dose if contents is not None else None)
                for c in drug.components
            }
            why = _combination_unknown(drug, item.unit)
        else:
            amounts = {drug.id: item.mg()}
            why = f"a dose in '{item.unit}' has no mg amount"
        ruled = {c: kb.dose_rule(c, item.route) for c in amounts}
        if drug.components and not item.current:
            results += _check_combination_item(kb, item, drug, amounts, ruled, patient, freq, why)
        for ingredient, rule in ruled.items():
            if rule is None:
                continue
            key = (ingredient, id(rule))
            rules[key] = rule
            groups.setdefault(key, []).append(
                _Part(
                    item,
                    drug.display_name,
                    amounts[ingredient],
                    per_day,
                    why
                    if amounts[ingredient] is None
                    else "as needed without an interval"
                    if per_day is None
                    else "",
                )
            )
    for key, parts in groups.items():
        if len(parts) < 2 or all(p.item.current for p in parts):
            continue
        results.append(_check_total(kb, key[0], rules[key], parts, patient))
    return results


def _combination_unknown(drug: Drug, unit: str) -> str:
    if unit.strip().lower() not in _FORM_WORDS:
        return (
            f"a combination's dose in '{unit}' does not say how much of each ingredient; "
            "give it as a number of tablets or capsules"
        )
    strengths = sorted({s for f in drug.forms for s in f.strengths})
    if len(strengths) > 1:
        return f"it comes in several strengths ({', '.join(strengths)})"
    return f"no strength per {unit} is recorded for it"


def _check_combination_item(
    kb: Knowledge,
    item: DoseItem,
    drug: Drug,
    amounts: dict[str, float | None],
    ruled: dict[str, DoseRule | None],
    patient: PatientFacts,
    freq: Frequency | None,
    why: str,
) -> list[DoseCheckResult]:
    out = []
    if any(rule is not None and amounts[c] is None for c, rule in ruled.items()):
        result = DoseCheckResult(drug_id=drug.id, rule_found=True, source="HMS dose check")
        names = ", ".join(kb.drug(c).name for c, r in ruled.items() if r is not None)
        result.warnings.append(
            ClinicalWarning(
                code=f"dose:{drug.id}:unit-unchecked",
                kind=WarningKind.DOSE,
                severity=Severity.MINOR,
                drug_ids=(drug.id,),
                message=f"{drug.display_name}: the amount of {names} per dose could not be "
                f"worked out ({why}), so the dose limits were not checked.",
                source="HMS dose check",
            )
        )
        out.append(result)
    per_day = doses_per_day(freq) if freq is not None else None
    for ingredient, rule in ruled.items():
        dose_mg = amounts[ingredient]
        if rule is None or dose_mg is None:
            continue
        name = kb.drug(ingredient).name
        result = DoseCheckResult(drug_id=drug.id, rule_found=True)
        if per_day is None:
            note_missing(
                result, "regular frequency (PRN without an interval: daily total not checked)"
            )
        per_unit = dose_mg / item.dose if item.dose else 0.0
        ctx = DoseContext(
            f"{name[:1].upper()}{name[1:]} in {drug.display_name}",
            f"{drug.id}:{ingredient}",
            (drug.id,),
            dose_mg,
            dose_mg * per_day if per_day is not None else None,
            rule,
            result,
            detail=f"Dose: {item.dose:g} {item.unit} x {per_unit:g} mg {name}, {item.frequency}.",
        )
        run_rule(ctx, kb, patient, freq, per_day)
        out.append(result)
    _one_renal_notice_per_item(drug, out)
    return out


def _one_renal_notice_per_item(drug: Drug, results: list[DoseCheckResult]) -> None:
    """One "renal function not checked" per combination item, not one per ingredient."""
    unchecked = [(r, w) for r in results for w in r.warnings if w.code.endswith(":renal-unchecked")]
    if not unchecked:
        return
    # codes read renal:<combination>:<ingredient>:renal-unchecked
    ingredients = ", ".join(w.code.split(":")[2] for _, w in unchecked)
    first = unchecked[0][1]
    for result, warning in unchecked:
        result.warnings.remove(warning)
    unchecked[0][0].warnings.append(
        replace(
            first,
            code=f"renal:{drug.id}:renal-unchecked",
            message=f"{drug.display_name} ({ingredients}) needs a renal dose check, but "
            + first.message.split(", but ", 1)[1].split(" Dose: ", 1)[0],
            source="; ".join(dict.fromkeys(w.source for _, w in unchecked)),
        )
    )


def _check_total(
    kb: Knowledge, ingredient: str, rule: DoseRule, parts: list[_Part], patient: PatientFacts
) -> DoseCheckResult:
    name = kb.drug(ingredient).name
    drug_ids = tuple(dict.fromkeys(p.item.drug_id for p in parts))
    result = DoseCheckResult(drug_id=ingredient, rule_found=True)
    known = [p for p in parts if p.daily_mg is not None]
    unknown = [p for p in parts if p.daily_mg is None]
    total = sum(p.daily_mg or 0.0 for p in known)
    detail = f"{name[:1].upper()}{name[1:]} from: " + "; ".join(p.describe(name) for p in parts)
    ctx = DoseContext(
        f"{name[:1].upper()}{name[1:]} in total ({len(parts)} items)",
        ingredient,
        drug_ids,
        None,
        total,
        rule,
        result,
        detail=detail + ".",
        total=True,
    )
    run_rule(ctx, kb, patient, None, None)
    result.daily_dose_mg = total
    if unknown and not result.warnings:
        limit = rule.adult.max_daily_mg
        result.warnings.append(
            ClinicalWarning(
                code=f"dose:{ingredient}:total-unchecked",
                kind=WarningKind.DOSE,
                severity=Severity.MINOR,
                drug_ids=drug_ids,
                message=f"{name[:1].upper()}{name[1:]} is in {len(parts)} items; the total "
                f"daily amount could not be checked"
                + (f" against {limit:g} mg/day" if limit is not None else "")
                + f" (counted: {total:g} mg/day). {detail}.",
                source=rule.source,
            )
        )
    return result
