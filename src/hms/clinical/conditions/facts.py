"""Grades that turn on renal function, the route, age, potassium and the statin dose, each
cited where it is used."""

from __future__ import annotations

from hms.clinical.conditions.patient import ANSM, Adjuster, Grade, Pair
from hms.clinical.warnings import Severity

# --- renal function -----------------------------------------------------------------------


def pemetrexed(p: Pair) -> Grade | None:
    crcl = p.patient.crcl()
    if crcl is None:
        return None
    source = f"{ANSM}; Alimta (pemetrexed) US prescribing information 2022, section 7"
    if crcl >= 80:
        return Grade(
            Severity.MODERATE,
            f"Creatinine clearance {crcl:.0f} mL/min (normal renal function): the ANSM grades "
            "it a precaution for use.",
            source,
            monitoring="Renal function and full blood count during each cycle.",
        )
    return Grade(
        Severity.MAJOR,
        f"Creatinine clearance {crcl:.0f} mL/min: with reduced renal function NSAIDs and aspirin "
        "slow pemetrexed clearance (avoid short half-life NSAIDs from 2 days before to 2 days "
        "after each dose).",
        source,
        monitoring="Renal function and full blood count during each cycle.",
    )


_LEVEL_WORDS = {
    Severity.CONTRAINDICATED: "contraindicated",
    Severity.MAJOR: "not recommended",
    Severity.MODERATE: "a precaution for use",
    Severity.MINOR: "'take into account'",
}


# --- route --------------------------------------------------------------------------------


def by_route(
    drug_ids: tuple[str, ...],
    low_routes: frozenset[str],
    high: Severity,
    low: Severity | None,
    monitoring: str,
) -> Adjuster:
    """Level by the route of one drug of the pair (every item of it must be a low route)."""

    def adjust(p: Pair) -> Grade | None:
        drug = next((d for d in drug_ids if p.member(drug=d)), None)
        if drug is None:
            return None
        routes = p.patient.routes(drug)
        if not routes:
            return None
        name = p.name(drug)
        said = ", ".join(sorted(routes))
        if routes <= low_routes:
            return Grade(
                low,
                f"{name} by the {said} route: "
                + (
                    f"the ANSM grades it {_LEVEL_WORDS[low]} for this route."
                    if low
                    else "the ANSM entry concerns other routes only."
                ),
                ANSM,
                monitoring=monitoring if low else None,
            )
        return Grade(high, f"{name} by the {said} route.", ANSM, monitoring=monitoring)

    return adjust


# --- other facts --------------------------------------------------------------------------


def rosuvastatin_fibrate(p: Pair) -> Grade | None:
    if p.member(drug="rosuvastatin") is None:
        return None
    daily = p.patient.daily_mg("rosuvastatin")
    if daily is None:
        return None
    monitoring = "Muscle pain, tenderness or weakness; creatine kinase if symptoms appear."
    if daily >= 40:
        return Grade(
            Severity.CONTRAINDICATED,
            f"Rosuvastatin {daily:g} mg/day: contraindicated with a fibrate at 40 mg.",
            f"{ANSM}; Crestor (rosuvastatin) SmPC",
            monitoring=monitoring,
        )
    return Grade(
        Severity.MAJOR,
        f"Rosuvastatin {daily:g} mg/day (below 40 mg): the ANSM advises against it.",
        ANSM,
        monitoring=monitoring,
    )


def eszopiclone(p: Pair) -> Grade | None:
    age = p.patient.facts.age_years
    if age is None:
        return None
    if age >= 65:
        return Grade(
            Severity.CONTRAINDICATED,
            f"Age {age:.0f}: the ANSM contraindicates it in older patients.",
            ANSM,
        )
    return Grade(
        Severity.MODERATE,
        f"Age {age:.0f}: below 65 the ANSM grades it a precaution for use; do not exceed "
        "eszopiclone 2 mg.",
        f"{ANSM}; Lunesta (eszopiclone) US prescribing information 2019, section 2.4",
        monitoring="Next-day drowsiness and impaired alertness.",
    )


_MRA_HF_MAX_DAILY = {"spironolactone": 50.0, "eplerenone": 50.0}
_HF_SOURCE = (
    "RALES (Pitt B et al., N Engl J Med 1999;341:709); EMPHASIS-HF (Zannad F et al., N Engl J "
    "Med 2011;364:11); ESC 2021 Guidelines for heart failure (McDonagh TA et al., Eur Heart J "
    "2021;42:3599)"
)
_POTASSIUM_MONITORING = (
    "Potassium and creatinine before starting, at 1 and 4 weeks, at 8 and 12 weeks, then every "
    "4 months; halve the dose if potassium rises above 5.5 mmol/L, stop it above 6.0 mmol/L or "
    "if creatinine rises above 310 µmol/L (3.5 mg/dL). Avoid potassium supplements and NSAIDs."
)


def potassium_sparing(p: Pair) -> Grade | None:
    """ACE inhibitor or ARB + spironolactone/eplerenone at heart-failure doses."""
    diuretic = p.member(klass="ansm:diuretiques-epargneurs-de-potassium-seuls-ou-associes")
    if diuretic is None:
        return None
    k = p.patient.recent(p.patient.potassium)
    crcl = p.patient.crcl()
    source = f"{ANSM}; {_HF_SOURCE}"
    problems = []
    if k is None:
        problems.append("no potassium result in the last 30 days")
    elif k.value > 5.0:
        problems.append(f"potassium {k.value:g} mmol/L is above 5.0")
    if crcl is None:
        problems.append("creatinine clearance unknown")
    elif crcl <= 30:
        problems.append(f"creatinine clearance {crcl:.0f} mL/min is 30 or less")
    raas = {
        c
        for d in (i.drug_id for i in p.patient.items)
        for c in ("ace-inhibitor", "arb")
        if d in p.kb.drugs and c in p.kb.drug(d).all_classes
    }
    if raas == {"ace-inhibitor", "arb"}:
        problems.append("an ACE inhibitor and an ARB together (not recommended with an MRA)")
    if problems:
        return Grade(
            Severity.MAJOR,
            "Kept major: " + "; ".join(problems) + ".",
            source,
            monitoring=_POTASSIUM_MONITORING,
        )
    assert k is not None
    assert crcl is not None
    cap = _MRA_HF_MAX_DAILY.get(diuretic)
    daily = p.patient.daily_mg(diuretic)
    labs = f"potassium {k.value:g} mmol/L, creatinine clearance {crcl:.0f} mL/min"
    if cap is not None and daily is not None and daily <= cap:
        hf = p.patient.has_diagnosis(("I50", "I110", "I130", "I132"))
        return Grade(
            Severity.MODERATE,
            f"{p.name(diuretic)} {daily:g} mg/day is a heart-failure dose and {labs}: the "
            "ANSM grades it a precaution for use"
            + (f" (heart failure on record, {hf})." if hf else "."),
            source,
            monitoring=_POTASSIUM_MONITORING,
        )
    if k.value < 3.5:
        return Grade(
            Severity.MODERATE,
            f"Hypokalaemia ({labs}): the ANSM grades it a precaution for use.",
            ANSM,
            monitoring=_POTASSIUM_MONITORING,
        )
    if daily is None:
        return None
    return Grade(
        Severity.MAJOR,
        f"{p.name(diuretic)} {daily:g} mg/day is not a heart-failure dose "
        "(spironolactone or eplerenone up to 50 mg/day): the ANSM advises against it.",
        source,
        monitoring=_POTASSIUM_MONITORING,
    )
