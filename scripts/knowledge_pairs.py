"""Count the drug pairs the shipped knowledge grades contraindicated or major, by the source
of the grade: every pair of single-substance catalog drugs that any interaction rule or the
enzyme data touches, checked as the server checks a new drug against a current one (an
adult with no recorded facts beyond the defaults, doses unknown).

    .venv/bin/python scripts/knowledge_pairs.py                 # this tree
    PYTHONPATH=/tmp/old/src .venv/bin/python scripts/knowledge_pairs.py   # another tree
"""

from __future__ import annotations

import itertools
import json
from collections import Counter

from hms.clinical.interactions import interacting_rules
from hms.clinical.knowledge.loader import get_knowledge
from hms.prescriptions import checks


def _source(kb, a: str, b: str, severity: str) -> str:
    rules = [r for r in interacting_rules(a, b, knowledge=kb) if r.severity.value == severity]
    if not rules:
        return "enzymes"  # graded from the enzyme data (FDA table) or a label cap
    order = {"fda": 0, "onc": 1, "label": 2, "ansm": 3}
    return min(rules, key=lambda r: order.get(r.origin, 4)).origin


def main() -> None:
    kb = get_knowledge()
    singles = sorted(d for d in kb.drugs if len(kb.ingredients(d)) == 1)
    enzymes = getattr(kb, "enzymes", None)  # the enzyme data, where the tree has it
    enzyme_drugs: set[str] = set()
    if enzymes is not None:
        enzyme_drugs = set(enzymes.profiles)
        for rule in enzymes.label_rules:
            enzyme_drugs |= set(rule.objects) | set(rule.drugs)
    counts: Counter[tuple[str, str]] = Counter()
    for a, b in itertools.combinations(singles, 2):
        touched = interacting_rules(a, b, knowledge=kb) or (a in enzyme_drugs and b in enzyme_drugs)
        if not touched:
            continue
        item = checks.DraftItem(drug_id=a, dose=1, unit="tablet", route="oral", frequency="OD")
        other = checks.DraftItem(drug_id=b, dose=1, unit="tablet", route="oral", frequency="OD")
        context = checks.PatientContext(
            age_years=55,
            sex="male",
            active_drug_ids=(b,),
            **(
                {"active_items": (other,)} if hasattr(checks.PatientContext, "active_items") else {}
            ),
        )
        report = checks.evaluate(context, [item], knowledge=kb)
        grades = [
            f.warning.severity.value
            for f in report.findings
            if f.warning.kind.value == "interaction" and set(f.warning.drug_ids) == {a, b}
        ]
        for severity in ("contraindicated", "major"):
            if severity in grades[:1]:
                counts[(severity, _source(kb, a, b, severity))] += 1
    print(json.dumps({f"{s}/{o}": n for (s, o), n in sorted(counts.items())}, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
