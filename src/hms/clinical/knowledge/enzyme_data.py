"""Typed view of enzymes.json: per-drug CYP/P-gp roles (FDA table) and label-specific rules.

Parsed by the knowledge loader, which fails on any drug id the catalog does not know, so a
typo cannot silently drop a pharmacokinetic check.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from hms.clinical.knowledge.severity import Severity

ENZYMES = ("CYP3A4", "CYP2D6", "CYP2C9", "CYP2C19", "CYP1A2", "CYP2C8", "P-gp")
SENSITIVITIES = ("sensitive", "moderate")
STRENGTHS = ("strong", "moderate", "weak", "listed")


class EnzymeDataError(ValueError):
    """enzymes.json names an unknown drug, enzyme or level."""


@dataclass(frozen=True, slots=True)
class EnzymeProfile:
    """One drug's roles in the FDA table of substrates, inhibitors and inducers."""

    drug_id: str
    substrate_of: Mapping[str, str]  # enzyme -> "sensitive" | "moderate"
    inhibits: Mapping[str, str]  # enzyme -> "strong" | "moderate" | "weak" | "listed"
    induces: Mapping[str, str]
    source: str
    nti: bool = False  # narrow therapeutic index: the derived grade goes one step up
    routes: tuple[str, ...] = ()  # substrate roles hold for these routes only (empty: any)
    max_severity: Severity | None = None  # the substrate's label asks no dose change
    monitoring: str | None = None


@dataclass(frozen=True, slots=True)
class EnzymeLabelRule:
    """A substrate label's own word on named precipitants or enzyme-strength groups.

    With `max_daily_mg` it is a dose cap: `severity` above the cap (or when the dose is
    unknown), `at_or_below_cap` within it.
    """

    id: str
    objects: frozenset[str]
    drugs: frozenset[str]
    inhibitors_of: Mapping[str, frozenset[str]]
    inducers_of: Mapping[str, frozenset[str]]
    except_drugs: frozenset[str]
    severity: Severity
    mechanism: str
    management: str
    monitoring: str
    source: str
    max_daily_mg: float | None = None
    at_or_below_cap: Severity | None = None
    supersedes: tuple[str, ...] = ()  # curated rule ids this dose-aware rule replaces


@dataclass(frozen=True, slots=True)
class EnzymeKnowledge:
    profiles: Mapping[str, EnzymeProfile] = field(default_factory=dict)
    label_rules: tuple[EnzymeLabelRule, ...] = ()
    # role ("inhibitor" | "inducer") -> sensitivity -> strength -> severity (None: no warning)
    grading: Mapping[str, Mapping[str, Mapping[str, Severity | None]]] = field(default_factory=dict)
    nti_raises: frozenset[str] = frozenset()
    source: str = ""


def parse_enzymes(
    raw: Mapping[str, Any] | None, known_drugs: Collection[str], known_rules: Collection[str]
) -> EnzymeKnowledge:
    if not raw:
        return EnzymeKnowledge()
    drugs = set(known_drugs)
    problems: list[str] = []

    def drug_ids(ids: Any, where: str) -> frozenset[str]:
        unknown = [d for d in ids if d not in drugs]
        problems.extend(f"{where}: unknown drug id {d!r}" for d in unknown)
        return frozenset(ids)

    def levels(roles: Mapping[str, str], allowed: tuple[str, ...], where: str) -> dict[str, str]:
        for enzyme, level in roles.items():
            if enzyme not in ENZYMES or level not in allowed:
                problems.append(f"{where}: {enzyme} {level!r} is not a known enzyme and level")
        return dict(roles)

    def groups(entry: Mapping[str, Any] | None, where: str) -> dict[str, frozenset[str]]:
        out = {}
        for enzyme, strengths in (entry or {}).items():
            if enzyme not in ENZYMES:
                problems.append(f"{where}: unknown enzyme {enzyme!r}")
            out[enzyme] = frozenset(strengths)
            problems.extend(
                f"{where}: {enzyme} strength {s!r} unknown" for s in strengths if s not in STRENGTHS
            )
        return out

    profiles: dict[str, EnzymeProfile] = {}
    for e in raw["drugs"]:
        where = f"enzymes.json drug {e['drug']}"
        drug_ids([e["drug"]], where)
        if e["drug"] in profiles:
            problems.append(f"{where}: listed twice")
        if not str(e.get("source", "")).strip():
            problems.append(f"{where}: no source")
        profiles[e["drug"]] = EnzymeProfile(
            drug_id=e["drug"],
            substrate_of=levels(e.get("substrateOf", {}), SENSITIVITIES, where),
            inhibits=levels(e.get("inhibits", {}), STRENGTHS, where),
            induces=levels(e.get("induces", {}), STRENGTHS, where),
            source=e.get("source", ""),
            nti=bool(e.get("nti")),
            routes=tuple(r.lower() for r in e.get("routes", ())),
            max_severity=Severity(e["maxSeverity"]) if e.get("maxSeverity") else None,
            monitoring=e.get("monitoring"),
        )
    rules = []
    for r in raw.get("labelRules", ()):
        where = f"enzymes.json label rule {r['id']}"
        p = r["precipitants"]
        capped = "maxDailyMg" in r
        problems.extend(
            f"{where}: supersedes unknown rule {s!r}"
            for s in r.get("supersedes", ())
            if s not in known_rules
        )
        rules.append(
            EnzymeLabelRule(
                id=r["id"],
                objects=drug_ids(r["object"], where),
                drugs=drug_ids(p.get("drugs", ()), where),
                inhibitors_of=groups(p.get("inhibitorsOf"), where),
                inducers_of=groups(p.get("inducersOf"), where),
                except_drugs=drug_ids(p.get("exceptDrugs", ()), where),
                severity=Severity(r["aboveCap"] if capped else r["severity"]),
                mechanism=r["mechanism"],
                management=r["management"],
                monitoring=r["monitoring"],
                source=r["source"],
                max_daily_mg=r.get("maxDailyMg"),
                at_or_below_cap=Severity(r["atOrBelowCap"]) if capped else None,
                supersedes=tuple(r.get("supersedes", ())),
            )
        )
    if problems:
        raise EnzymeDataError("; ".join(problems))
    grading = raw["grading"]
    return EnzymeKnowledge(
        profiles=profiles,
        label_rules=tuple(rules),
        grading={
            role: {
                sensitivity: {s: Severity(v) if v else None for s, v in row.items()}
                for sensitivity, row in grading[role].items()
            }
            for role in ("inhibitor", "inducer")
        },
        nti_raises=frozenset(grading.get("ntiRaises", ())),
        source=raw["definitions"]["source"],
    )
