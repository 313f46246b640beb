"""Every shipped ANSM interaction rule reads in English.

The build (scripts/build_drug_knowledge.py) takes each rule's English mechanism and
management from build/ansm_text_en.json (frequent sentences), build/ansm_mechanism_en.json
and build/ansm_management_en.json (whole French texts), keeps the French originals in
``mechanismFr``/``managementFr`` and marks the rule ``lang: "en"`` only when both are English.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

KNOWLEDGE = Path(__file__).parents[2] / "src" / "hms" / "clinical" / "knowledge"
BUILD = KNOWLEDGE / "build"

# Rules still carrying a French mechanism or management: none since build/ansm_mechanism_en.json
# and build/ansm_management_en.json cover every ANSM text.
MAX_UNTRANSLATED_RULES = 0
# French mechanism texts not in build/ansm_mechanism_en.json (nor in ansm_text_en.json).
MAX_UNTRANSLATED_MECHANISMS = 0

FRENCH_MARKERS = re.compile(
    r"\b(avec|risque|diminution|augmentation|des|du|les|par|concentrations plasmatiques)\b"
)


def _rules() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = json.loads(
        (KNOWLEDGE / "interactions_ansm.json").read_text(encoding="utf-8")
    )["rules"]
    return rules


def _table(name: str) -> dict[str, str]:
    path = BUILD / name
    if not path.exists():
        return {}
    table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["translations"]
    return table


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_ansm_rule_reads_in_english() -> None:
    french = [r["id"] for r in _rules() if r.get("lang") != "en"]
    assert len(french) <= MAX_UNTRANSLATED_RULES, french[:20]
    for rule in _rules():
        if rule.get("lang") == "en":
            for field in ("mechanism", "management", "summary"):
                assert not FRENCH_MARKERS.search(rule[field]), (rule["id"], field)
                assert "(French)" not in rule[field], (rule["id"], field)


def test_untranslated_ansm_mechanisms_do_not_grow() -> None:
    french = {r["mechanism"] for r in _rules() if r["mechanism"] == r.get("mechanismFr")}
    assert len(french) <= MAX_UNTRANSLATED_MECHANISMS, sorted(french)[:5]


def test_english_rules_are_english_and_keep_the_french() -> None:
    for rule in _rules():
        if rule.get("lang") != "en":
            assert rule["management"].startswith("ANSM (French)") or "mechanismFr" in rule
            continue
        assert rule["mechanism"].strip() and rule["management"].strip(), rule["id"]
        assert not rule["management"].startswith("ANSM (French)"), rule["id"]
        assert rule["source"].startswith("ANSM"), rule["id"]
        if "mechanismFr" in rule:
            assert rule["mechanism"] != rule["mechanismFr"], rule["id"]


def test_translations_are_used_and_english() -> None:
    used = {_squash(r.get("mechanismFr", "")) for r in _rules()}
    for french, english in _table("ansm_mechanism_en.json").items():
        assert french == french.strip() and english.strip(), french
        assert _squash(french) in used, f"no shipped rule has this mechanism: {french[:80]}"
        assert not FRENCH_MARKERS.search(english), english
