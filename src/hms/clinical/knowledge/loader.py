"""Load the shipped drug knowledge JSON once into typed, indexed structures.

The files are global (shared by every hospital) and read-only at run time; scripts/
build_drug_knowledge.py regenerates the ANSM-derived ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from hms.clinical.knowledge.enzyme_data import EnzymeKnowledge, parse_enzymes
from hms.clinical.knowledge.severity import Severity

KNOWLEDGE_PACKAGE = "hms.clinical.knowledge"


class UnknownDrugError(KeyError):
    """A drug id the catalog does not know: the caller's data and the catalog disagree."""

    def __init__(self, drug_id: str) -> None:
        super().__init__(drug_id)
        self.drug_id = drug_id

    def __str__(self) -> str:
        return f"unknown drug id {self.drug_id!r}: ids come from the drug catalog (drugs.json)"


@dataclass(frozen=True, slots=True)
class DrugClass:
    id: str
    name: str
    parents: tuple[str, ...]
    kind: str  # "hms" (pharmacological/ATC-style) or "ansm" (ANSM thesaurus group)
    atc: str | None = None
    duplicate_severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class DosageForm:
    form: str
    route: str
    strengths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Drug:
    id: str
    name: str
    rxcui: str | None
    synonyms: tuple[str, ...]
    classes: tuple[str, ...]
    all_classes: frozenset[str]  # direct classes plus every ancestor
    components: tuple[str, ...]
    eml: bool
    forms: tuple[DosageForm, ...]
    sources: tuple[str, ...]
    rxcui_alternates: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True, slots=True)
class RuleSide:
    drugs: frozenset[str]
    classes: frozenset[str]
    except_drugs: frozenset[str]

    def keys(self) -> list[str]:
        return [f"d:{d}" for d in self.drugs] + [f"c:{c}" for c in self.classes]


@dataclass(frozen=True, slots=True)
class InteractionRule:
    id: str
    a: RuleSide
    b: RuleSide
    severity: Severity
    mechanism: str
    management: str
    summary: str
    source: str
    origin: str  # fda | onc | label | ansm
    lang: str = "en"
    # Set when the level depends on what a drug pair does not show (dose, route, renal
    # function...): the rule keeps its most severe level and this says when each applies.
    condition: str | None = None
    monitoring: str | None = None  # what to watch if the prescriber goes ahead


@dataclass(frozen=True, slots=True)
class RenalBand:
    crcl_below: float
    action: str  # "avoid" | "reduce"
    note: str
    max_daily_mg: float | None = None
    max_mg_per_kg_daily: float | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class DoseLimits:
    max_single_mg: float | None = None
    max_daily_mg: float | None = None
    mg_per_kg_single: float | None = None
    mg_per_kg_daily: float | None = None


@dataclass(frozen=True, slots=True)
class PaediatricLimits(DoseLimits):
    avoid_under_age_years: float | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class OlderAdultLimit:
    from_age_years: float
    max_daily_mg: float
    note: str


@dataclass(frozen=True, slots=True)
class LowBodyWeightLimit:
    below_kg: float
    mg_per_kg_single: float
    mg_per_kg_daily: float
    note: str


@dataclass(frozen=True, slots=True)
class SexLimits(DoseLimits):
    """An adult limit for one sex (e.g. zolpidem for women, FDA 2013), graded `severity`."""

    severity: Severity | None = None
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class DoseRule:
    drug_id: str
    route: str
    source: str
    adult: DoseLimits = field(default_factory=DoseLimits)
    paediatric: PaediatricLimits | None = None
    older_adult: OlderAdultLimit | None = None
    low_body_weight: LowBodyWeightLimit | None = None
    renal: tuple[RenalBand, ...] = ()
    max_doses_per_week: float | None = None
    note: str | None = None
    # "female" / "male" -> adult limits for that sex, checked besides `adult`.
    by_sex: Mapping[str, SexLimits] = field(default_factory=dict)
    monitoring: str | None = None  # what to watch when a dose above a limit goes ahead


@dataclass(frozen=True, slots=True)
class ConditionRule:
    drugs: frozenset[str]
    classes: frozenset[str]
    condition: str
    icd10_prefixes: tuple[str, ...]
    severity: Severity
    note: str
    source: str


_PAIR_CACHE_LIMIT = 200_000

# (rule, True when the first drug of the looked-up pair matched side "a")
RuleHit = tuple[InteractionRule, bool]


class Knowledge:
    """Indexes over the catalog, rules and dose limits; build once with get_knowledge()."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.version: str = raw["drugs"]["version"]
        self.classes: dict[str, DrugClass] = {
            c.id: c for c in map(_drug_class, raw["classes"]["classes"])
        }
        self.drugs: dict[str, Drug] = {}
        self._by_name: dict[str, str] = {}
        for entry in raw["drugs"]["drugs"]:
            drug = _drug(entry, self.with_ancestors)
            self.drugs[drug.id] = drug
        for drug in self.drugs.values():  # names first, so a synonym never hides a name
            self._by_name.setdefault(drug.name.lower(), drug.id)
            self._by_name.setdefault(drug.id, drug.id)
        for drug in self.drugs.values():
            for synonym in drug.synonyms:
                self._by_name.setdefault(synonym.lower(), drug.id)
        self._class_by_name = {c.name.lower(): c.id for c in self.classes.values()} | {
            c: c for c in self.classes
        }
        self.interaction_rules: tuple[InteractionRule, ...] = tuple(
            _rule(r)
            for key in ("interactions_curated", "interactions_ansm")
            for r in raw[key]["rules"]
        )
        self._pair_index: dict[str, dict[str, list[RuleHit]]] = {}
        for rule in self.interaction_rules:
            for ka in rule.a.keys():
                for kb in rule.b.keys():
                    self._pair_index.setdefault(ka, {}).setdefault(kb, []).append((rule, True))
                    self._pair_index.setdefault(kb, {}).setdefault(ka, []).append((rule, False))
        self.dose_rules: dict[tuple[str, str], DoseRule] = {
            (r.drug_id, r.route): r for r in map(_dose_rule, raw["dose_rules"]["rules"])
        }
        self.adult_from_age_years: float = raw["dose_rules"].get("adultFromAgeYears", 18)
        self.allergy: Mapping[str, Any] = raw["allergy_rules"]
        self.condition_rules: tuple[ConditionRule, ...] = tuple(
            map(_condition_rule, raw["contraindications"]["rules"])
        )
        # CYP/P-gp roles (FDA DDI table) and label rules; fails on a drug id not in the catalog.
        self.enzymes: EnzymeKnowledge = parse_enzymes(
            raw.get("enzymes"), self.drugs, {r.id for r in self.interaction_rules}
        )
        self._pair_cache: dict[tuple[str, str], tuple[RuleHit, ...]] = {}
        self._drug_keys = {
            # Sorted, so which side of a symmetric rule matches first never depends on hashing.
            d.id: [f"d:{d.id}", *(f"c:{c}" for c in sorted(d.all_classes))]
            for d in self.drugs.values()
        }

    def drug(self, drug_id: str) -> Drug:
        try:
            return self.drugs[drug_id]
        except KeyError:
            raise UnknownDrugError(drug_id) from None

    def find_drug(self, name_or_id: str) -> Drug | None:
        """Look a drug up by id, INN, or US/UK synonym, case-insensitively."""
        drug_id = self._by_name.get(name_or_id.strip().lower())
        return self.drugs[drug_id] if drug_id else None

    def find_class(self, name_or_id: str) -> DrugClass | None:
        class_id = self._class_by_name.get(name_or_id.strip().lower())
        return self.classes[class_id] if class_id else None

    def drugs_in_class(self, class_id: str) -> list[Drug]:
        return [d for d in self.drugs.values() if class_id in d.all_classes]

    def ingredients(self, drug_id: str) -> tuple[Drug, ...]:
        """A fixed-dose combination checks as its components; a single substance as itself."""
        drug = self.drug(drug_id)
        if not drug.components:
            return (drug,)
        return tuple(self.drug(c) for c in drug.components)

    def rules_between(self, first: str, second: str) -> tuple[RuleHit, ...]:
        """Interaction rules matching the ordered pair of single-substance drug ids."""
        key = (first, second)
        hits = self._pair_cache.get(key)
        if hits is None:
            self.drug(first), self.drug(second)
            hits = self._lookup_pair(first, second)
            # Pair lookups repeat across prescriptions; the cap bounds memory.
            if len(self._pair_cache) > _PAIR_CACHE_LIMIT:
                self._pair_cache.clear()
            self._pair_cache[key] = hits
        return hits

    def dose_rule(self, drug_id: str, route: str) -> DoseRule | None:
        return self.dose_rules.get((drug_id, route.lower())) or self.dose_rules.get(
            (drug_id, "any")
        )

    def with_ancestors(self, class_ids: Iterable[str]) -> frozenset[str]:
        seen: set[str] = set()
        stack = list(class_ids)
        while stack:
            class_id = stack.pop()
            if class_id in seen or class_id not in self.classes:
                continue
            seen.add(class_id)
            stack.extend(self.classes[class_id].parents)
        return frozenset(seen)

    def _lookup_pair(self, first: str, second: str) -> tuple[RuleHit, ...]:
        hits: dict[str, RuleHit] = {}
        second_keys = self._drug_keys[second]
        for key in self._drug_keys[first]:
            partners = self._pair_index.get(key)
            if not partners:
                continue
            for other in second_keys:
                for rule, first_is_a in partners.get(other, ()):
                    if rule.id in hits:
                        continue
                    first_side, second_side = (rule.a, rule.b) if first_is_a else (rule.b, rule.a)
                    if first in first_side.except_drugs or second in second_side.except_drugs:
                        continue
                    hits[rule.id] = (rule, first_is_a)
        return tuple(hits.values())


FILES = (
    "classes",
    "drugs",
    "interactions_curated",
    "interactions_ansm",
    "dose_rules",
    "allergy_rules",
    "contraindications",
    "enzymes",
)


def read_knowledge_files() -> dict[str, Any]:
    root = resources.files(KNOWLEDGE_PACKAGE)
    return {name: json.loads((root / f"{name}.json").read_text(encoding="utf-8")) for name in FILES}


@cache
def get_knowledge() -> Knowledge:
    """The process-wide knowledge base, read from the package data on first use."""
    return Knowledge(read_knowledge_files())


def _drug_class(entry: Mapping[str, Any]) -> DrugClass:
    dup = entry.get("duplicateSeverity")
    return DrugClass(
        id=entry["id"],
        name=entry["name"],
        parents=tuple(entry.get("parents", ())),
        kind=entry.get("kind", "hms"),
        atc=entry.get("atc"),
        duplicate_severity=Severity(dup) if dup else None,
    )


def _drug(entry: Mapping[str, Any], ancestors: Any) -> Drug:
    return Drug(
        id=entry["id"],
        name=entry["name"],
        rxcui=entry.get("rxcui"),
        synonyms=tuple(entry.get("synonyms", ())),
        classes=tuple(entry.get("classes", ())),
        all_classes=ancestors(entry.get("classes", ())),
        components=tuple(entry.get("components", ())),
        eml=bool(entry.get("eml")),
        forms=tuple(
            DosageForm(f["form"], f["route"], tuple(f["strengths"])) for f in entry.get("forms", ())
        ),
        sources=tuple(entry.get("sources", ())),
        rxcui_alternates=tuple(entry.get("rxcuiAlternates", ())),
    )


def _side(entry: Mapping[str, Any]) -> RuleSide:
    return RuleSide(
        drugs=frozenset(entry.get("drugs", ())),
        classes=frozenset(entry.get("classes", ())),
        except_drugs=frozenset(entry.get("exceptDrugs", ())),
    )


def _rule(entry: Mapping[str, Any]) -> InteractionRule:
    return InteractionRule(
        id=entry["id"],
        a=_side(entry["a"]),
        b=_side(entry["b"]),
        severity=Severity(entry["severity"]),
        mechanism=entry["mechanism"],
        management=entry["management"],
        summary=entry.get("summary") or entry["mechanism"],
        source=entry["source"],
        origin=entry["origin"],
        lang=entry.get("lang", "en"),
        condition=entry.get("condition"),
        monitoring=entry.get("monitoring"),
    )


def _limits(entry: Mapping[str, Any] | None) -> dict[str, float | None]:
    entry = entry or {}
    return {
        "max_single_mg": entry.get("maxSingleMg"),
        "max_daily_mg": entry.get("maxDailyMg"),
        "mg_per_kg_single": entry.get("mgPerKgSingle"),
        "mg_per_kg_daily": entry.get("mgPerKgDaily"),
    }


def _dose_rule(entry: Mapping[str, Any]) -> DoseRule:
    paed = entry.get("paediatric")
    older = entry.get("olderAdult")
    low = entry.get("lowBodyWeight")
    return DoseRule(
        drug_id=entry["drug"],
        route=entry.get("route", "any"),
        source=entry["source"],
        adult=DoseLimits(**_limits(entry.get("adult"))),
        paediatric=PaediatricLimits(
            **_limits(paed),
            avoid_under_age_years=paed.get("avoidUnderAgeYears"),
            note=paed.get("note"),
        )
        if paed
        else None,
        older_adult=OlderAdultLimit(older["fromAgeYears"], older["maxDailyMg"], older["note"])
        if older
        else None,
        low_body_weight=LowBodyWeightLimit(
            low["belowKg"], low["mgPerKgSingle"], low["mgPerKgDaily"], low["note"]
        )
        if low
        else None,
        renal=tuple(
            RenalBand(
                crcl_below=b["crclBelow"],
                action=b["action"],
                note=b["note"],
                max_daily_mg=b.get("maxDailyMg"),
                max_mg_per_kg_daily=b.get("maxMgPerKgDaily"),
                severity=Severity(b["severity"]) if b.get("severity") else None,
            )
            for b in entry.get("renal", ())
        ),
        max_doses_per_week=entry.get("maxDosesPerWeek"),
        note=entry.get("note"),
        by_sex={
            sex: SexLimits(
                **_limits(limits),
                severity=Severity(limits["severity"]) if limits.get("severity") else None,
                note=limits.get("note"),
                source=limits.get("source"),
            )
            for sex, limits in entry.get("bySex", {}).items()
        },
        monitoring=entry.get("monitoring"),
    )


def _condition_rule(entry: Mapping[str, Any]) -> ConditionRule:
    return ConditionRule(
        drugs=frozenset(entry.get("drugs", ())),
        classes=frozenset(entry.get("classes", ())),
        condition=entry["condition"],
        icd10_prefixes=tuple(p.upper() for p in entry["icd10Prefixes"]),
        severity=Severity(entry["severity"]),
        note=entry["note"],
        source=entry["source"],
    )
