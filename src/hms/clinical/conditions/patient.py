"""What the condition-aware grading knows of the patient (doses, labs, diagnoses), the grade
a rule gets, and the pair being graded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from hms.clinical.dosing import Measurement, PatientFacts, estimate_crcl
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.loader import Knowledge
from hms.clinical.warnings import Severity

ANSM = "ANSM Thesaurus des interactions médicamenteuses, October 2020"
# A potassium or creatinine older than this no longer tells today's value (HMS choice: the
# ESC 2021 heart failure guideline rechecks both within 1 and 4 weeks of a change).
RECENT = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class PatientNow:
    """What the grading may use: every item (draft and current), labs, age, diagnoses."""

    items: tuple[DoseItem, ...] = ()
    facts: PatientFacts = field(default_factory=PatientFacts)
    potassium: Measurement | None = None
    conditions: tuple[str, ...] = ()

    def daily_mg(self, drug_id: str) -> float | None:
        """Total daily dose across items; None when absent or any item cannot be counted."""
        total = 0.0
        found = False
        for item in self._items(drug_id):
            mg, per_day = item.mg(), item.per_day()
            if mg is None or per_day is None:
                return None
            total += mg * per_day
            found = True
        return total if found else None

    def single_mg(self, drug_id: str) -> float | None:
        doses = [i.mg() for i in self._items(drug_id)]
        if not doses or any(d is None for d in doses):
            return None
        return max(d for d in doses if d is not None)

    def routes(self, drug_id: str) -> set[str]:
        return {i.route.lower() for i in self._items(drug_id)}

    def has_diagnosis(self, prefixes: Iterable[str]) -> str | None:
        wanted = tuple(prefixes)
        for code in self.conditions:
            if code.replace(".", "").upper().startswith(wanted):
                return code
        return None

    def recent(self, m: Measurement | None) -> Measurement | None:
        if m is None:
            return None
        as_of = self.facts.as_of
        if m.measured_at is not None and as_of is not None and as_of - m.measured_at > RECENT:
            return None
        return m

    def crcl(self) -> float | None:
        facts = replace(self.facts, serum_creatinine=self.recent(self.facts.serum_creatinine))
        value, _, _ = estimate_crcl(facts)
        return value

    def _items(self, drug_id: str) -> list[DoseItem]:
        return [i for i in self.items if i.drug_id == drug_id]


@dataclass(frozen=True, slots=True)
class Grade:
    """One rule's level for this patient; severity None: the rule does not concern them."""

    severity: Severity | None
    reason: str
    source: str
    monitoring: str | None = None
    management: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    kb: Knowledge
    patient: PatientNow
    first: str
    second: str

    def member(self, *, drug: str | None = None, klass: str | None = None) -> str | None:
        for d in (self.first, self.second):
            if drug is not None and d == drug:
                return d
            if klass is not None and klass in self.kb.drug(d).all_classes:
                return d
        return None

    def other(self, drug_id: str) -> str:
        return self.second if drug_id == self.first else self.first

    def name(self, drug_id: str) -> str:
        return self.kb.drug(drug_id).display_name


Adjuster = Callable[[Pair], Grade | None]
