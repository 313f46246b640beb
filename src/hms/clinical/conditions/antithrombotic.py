"""Grades that turn on the aspirin and methotrexate doses (ANSM 2020 dose bands, DAPT and
anticoagulant guidelines, each cited where it is used)."""

from __future__ import annotations

from hms.clinical.conditions.patient import ANSM, Adjuster, Grade, Pair
from hms.clinical.warnings import Severity

# ICD-10 codes that make dual antiplatelet therapy the guideline treatment: ischaemic heart
# disease (I20-I25), coronary stent or graft (Z95.1, Z95.5), ischaemic stroke or TIA (I63,
# G45), peripheral arterial disease after revascularisation (I70.2).
_DAPT_INDICATIONS = ("I20", "I21", "I22", "I23", "I24", "I25", "Z951", "Z955", "I63", "G45", "I702")
_PEPTIC_ULCER = ("K25", "K26", "K27", "K28", "Z8711")  # ulcer, or a history of one


# --- aspirin dose bands -------------------------------------------------------------------

# ANSM 2020 (aspirin entries): anti-inflammatory ≥1 g per dose or ≥3 g/day; analgesic or
# antipyretic ≥500 mg per dose and <3 g/day; antiplatelet 50-375 mg/day.
_ANTIPLATELET_MAX_DAILY = 375.0


def _aspirin_band(p: Pair) -> tuple[str, str] | None:
    """("antiplatelet" | "analgesic" | "anti-inflammatory", description) or None if unknown."""
    if p.member(drug="aspirin") is None:
        return None  # aspirin inside a combination product: its dose is not known here
    daily, single = p.patient.daily_mg("aspirin"), p.patient.single_mg("aspirin")
    if daily is None or single is None:
        return None
    said = f"aspirin {daily:g} mg/day"
    if single >= 1000 or daily >= 3000:
        return "anti-inflammatory", f"{said} (an anti-inflammatory dose)"
    if single >= 500 or daily > _ANTIPLATELET_MAX_DAILY:
        return "analgesic", f"{said} (an analgesic or antipyretic dose)"
    return "antiplatelet", f"{said} (an antiplatelet dose)"


_BLEEDING = (
    "Signs of bleeding (melaena, haematemesis, haematuria, bruising) and haemoglobin; "
    "dyspepsia or epigastric pain."
)


def dapt(p: Pair) -> Grade | None:
    """Aspirin + a P2Y12 inhibitor: dual antiplatelet therapy at antiplatelet aspirin doses."""
    if p.member(drug="aspirin") is None:
        return None
    p2y12 = p.other("aspirin")
    daily = p.patient.daily_mg("aspirin")
    if daily is None:
        return None
    guideline = (
        "ESC 2023 Guidelines for the management of acute coronary syndromes (Byrne RA et al., "
        "Eur Heart J 2023;44:3720); ACC/AHA 2016 focused update on duration of dual "
        "antiplatelet therapy (Levine GN et al., J Am Coll Cardiol 2016;68:1082)"
    )
    loading = all(
        i.frequency.strip().lower() in {"stat", "once"}
        for i in p.patient.items
        if i.drug_id == "aspirin"
    )
    if p2y12 == "ticagrelor" and daily > 100 and not (loading and daily <= 325):
        return Grade(
            Severity.MAJOR,
            f"Aspirin {daily:g} mg/day with ticagrelor: maintenance aspirin doses above 100 mg "
            "reduce the effectiveness of ticagrelor and should be avoided.",
            "Brilinta (ticagrelor) US prescribing information, boxed warning (2011, revised 2015)",
            monitoring=_BLEEDING,
            management="Use aspirin 75-100 mg/day with ticagrelor.",
        )
    if daily > 325:
        return None  # above the DAPT range: the ANSM level (not recommended) stays
    anticoagulant = next(
        (
            i.drug_id
            for i in p.patient.items
            if i.drug_id in p.kb.drugs and "oral-anticoagulant" in p.kb.drug(i.drug_id).all_classes
        ),
        None,
    )
    if anticoagulant is not None:
        return Grade(
            Severity.MAJOR,
            f"Aspirin {daily:g} mg/day and {p.name(p2y12).lower()} with "
            f"{p.name(anticoagulant).lower()} is triple antithrombotic therapy: keep it to the "
            "shortest time (up to 1 week, 30 days at most), then an anticoagulant with "
            "clopidogrel alone.",
            guideline,
            monitoring=_BLEEDING,
            management="Give a proton pump inhibitor; stop aspirin after the peri-PCI period.",
        )
    indication = p.patient.has_diagnosis(_DAPT_INDICATIONS)
    said = (
        f"indication on record ({indication})"
        if indication
        else "no coronary or stroke indication is recorded: confirm it (outside the validated "
        "indications the ANSM advises against the combination)"
    )
    return Grade(
        Severity.MODERATE,
        f"Aspirin {daily:g} mg/day with {p.name(p2y12).lower()} is dual antiplatelet therapy, "
        f"the guideline treatment after an acute coronary syndrome or coronary stent; {said}.",
        guideline,
        monitoring=_BLEEDING + " Review the planned DAPT duration (usually 12 months after an "
        "acute coronary syndrome, shorter with a high bleeding risk).",
        management="Keep aspirin at 75-100 mg/day; give a proton pump inhibitor when the "
        "gastrointestinal bleeding risk is raised (ESC 2023: class I); avoid NSAIDs.",
    )


def aspirin_anticoagulant(p: Pair) -> Grade | None:
    band = _aspirin_band(p)
    if band is None:
        return None
    level, said = band
    ulcer = p.patient.has_diagnosis(_PEPTIC_ULCER)
    vka = "vitamin-k-antagonist" in p.kb.drug(p.other("aspirin")).all_classes
    monitoring = _BLEEDING + (" INR more often for the first weeks." if vka else "")
    if level == "anti-inflammatory" or (level == "analgesic" and ulcer):
        why = " with a peptic ulcer history" if level == "analgesic" else ""
        return Grade(
            Severity.CONTRAINDICATED,
            f"At {said}{why} the ANSM contraindicates it.",
            ANSM,
            monitoring=monitoring,
        )
    if level == "analgesic":
        return Grade(
            Severity.MAJOR,
            f"At {said} without a peptic ulcer history the ANSM advises against it; use "
            "paracetamol for pain or fever.",
            ANSM,
            monitoring=monitoring,
        )
    return Grade(
        Severity.MAJOR,
        f"At {said}: the ANSM contraindication does not apply, but aspirin with an "
        "anticoagulant still raises the risk of major bleeding: keep it only for a clear "
        "indication (recent coronary stent or acute coronary syndrome), for the shortest time.",
        f"{ANSM}; Coumadin (warfarin) US prescribing information 2017, section 7 (antiplatelet "
        "agents increase the bleeding risk); 2020 ACC Expert Consensus Decision Pathway for "
        "anticoagulant and antiplatelet therapy (Kumbhani DJ et al., J Am Coll Cardiol "
        "2021;77:629)",
        monitoring=monitoring,
        management="Give a proton pump inhibitor; review the need for aspirin at every visit.",
    )


def aspirin_nsaid(p: Pair) -> Grade | None:
    band = _aspirin_band(p)
    if band is None or band[0] != "antiplatelet":
        return None
    nsaid = p.other("aspirin")
    timing = (
        " Take ibuprofen at least 30 minutes after immediate-release aspirin or more than 8 "
        "hours before it: it blocks aspirin's antiplatelet effect."
        if nsaid == "ibuprofen"
        else ""
    )
    return Grade(
        Severity.MODERATE,
        f"At {band[1]} the ANSM grades it 'take into account'; the gastrointestinal bleeding "
        "risk still adds up.",
        f"{ANSM}; FDA Information for healthcare professionals: concomitant use of ibuprofen "
        "and aspirin (September 2006)",
        monitoring=_BLEEDING,
        management="Shortest NSAID course; consider a proton pump inhibitor." + timing,
    )


def aspirin_steroid(p: Pair) -> Grade | None:
    band = _aspirin_band(p)
    if band is None or band[0] == "anti-inflammatory":
        return None
    return Grade(
        Severity.MINOR,
        f"At {band[1]} the ANSM grades it 'take into account' (not recommended only at "
        "anti-inflammatory doses).",
        ANSM,
        monitoring="Dyspepsia and signs of gastrointestinal bleeding.",
    )


def aspirin_heparin(p: Pair) -> Grade | None:
    band = _aspirin_band(p)
    if band is None or band[0] != "antiplatelet":
        return None
    return Grade(
        Severity.MODERATE,
        f"At {band[1]} the ANSM grades aspirin with a heparin 'take into account' (not "
        "recommended at analgesic or anti-inflammatory doses); the bleeding risks add up.",
        ANSM,
        monitoring=_BLEEDING + " Platelet count on heparin.",
    )


# --- methotrexate weekly dose -------------------------------------------------------------

_MTX_MONITORING = (
    "Full blood count weekly for the first weeks, renal function (closer with renal "
    "impairment and in older patients); mouth ulcers, sore throat, fever."
)


def _mtx_weekly(p: Pair) -> float | None:
    if p.member(drug="methotrexate") is None:
        return None
    daily = p.patient.daily_mg("methotrexate")
    return None if daily is None else round(daily * 7, 3)


def aspirin_methotrexate(p: Pair) -> Grade | None:
    band, weekly = _aspirin_band(p), _mtx_weekly(p)
    if band is not None and band[0] == "antiplatelet":
        said = band[1]
    elif weekly is not None and weekly <= 20:
        said = f"methotrexate {weekly:g} mg/week (20 mg/week or less)"
    elif band is not None and weekly is not None:
        return Grade(
            Severity.CONTRAINDICATED,
            f"At methotrexate {weekly:g} mg/week and {band[1]} the ANSM contraindicates it.",
            ANSM,
            monitoring=_MTX_MONITORING,
        )
    else:
        return None
    return Grade(
        Severity.MODERATE,
        f"At {said} the ANSM grades it a precaution for use.",
        ANSM,
        monitoring=_MTX_MONITORING,
    )


def by_mtx_dose(low: Severity, low_words: str) -> Adjuster:
    def adjust(p: Pair) -> Grade | None:
        weekly = _mtx_weekly(p)
        if weekly is None:
            return None
        if weekly > 20:
            return Grade(
                Severity.MAJOR,
                f"At methotrexate {weekly:g} mg/week (above 20 mg/week) the ANSM advises "
                "against it.",
                ANSM,
                monitoring=_MTX_MONITORING,
            )
        return Grade(
            low,
            f"At methotrexate {weekly:g} mg/week (20 mg/week or less) the ANSM grades it "
            f"{low_words}.",
            ANSM,
            monitoring=_MTX_MONITORING,
        )

    return adjust
