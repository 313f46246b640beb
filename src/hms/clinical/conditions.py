"""Condition-aware interaction grading: the level that fits THIS patient, and what to monitor.

Some interaction rules (the ANSM entries marked ``conditional``) depend on what a drug pair
does not show: the aspirin or methotrexate dose, the route, potassium, renal function, age,
the indication. The rule keeps its most severe level; :func:`grade_for_patient` re-grades the
warning from the doses, routes and facts of the patient at hand and says what to watch. An
adjustment applies only when the data it needs are known; otherwise the severe level stays.
Every adjustment names its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from hms.clinical.dosing import Measurement, PatientFacts, estimate_crcl
from hms.clinical.interactions import ORIGIN_RANK, SEVERITY_LABEL, interacting_rules
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.loader import InteractionRule, Knowledge, get_knowledge
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

ANSM = "ANSM Thesaurus des interactions médicamenteuses, October 2020"
# A potassium or creatinine older than this no longer tells today's value (HMS choice: the
# ESC 2021 heart failure guideline rechecks both within 1 and 4 weeks of a change).
RECENT = dt.timedelta(days=30)
# ICD-10 codes that make dual antiplatelet therapy the guideline treatment: ischaemic heart
# disease (I20-I25), coronary stent or graft (Z95.1, Z95.5), ischaemic stroke or TIA (I63,
# G45), peripheral arterial disease after revascularisation (I70.2).
_DAPT_INDICATIONS = ("I20", "I21", "I22", "I23", "I24", "I25", "Z951", "Z955", "I63", "G45", "I702")
_PEPTIC_ULCER = ("K25", "K26", "K27", "K28", "Z8711")  # ulcer, or a history of one


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
class _Pair:
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


Adjuster = Callable[[_Pair], Grade | None]


# --- aspirin dose bands -------------------------------------------------------------------

# ANSM 2020 (aspirin entries): anti-inflammatory ≥1 g per dose or ≥3 g/day; analgesic or
# antipyretic ≥500 mg per dose and <3 g/day; antiplatelet 50-375 mg/day.
_ANTIPLATELET_MAX_DAILY = 375.0


def _aspirin_band(p: _Pair) -> tuple[str, str] | None:
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


def _dapt(p: _Pair) -> Grade | None:
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


def _aspirin_anticoagulant(p: _Pair) -> Grade | None:
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


def _aspirin_nsaid(p: _Pair) -> Grade | None:
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


def _aspirin_steroid(p: _Pair) -> Grade | None:
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


def _aspirin_heparin(p: _Pair) -> Grade | None:
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


def _mtx_weekly(p: _Pair) -> float | None:
    if p.member(drug="methotrexate") is None:
        return None
    daily = p.patient.daily_mg("methotrexate")
    return None if daily is None else round(daily * 7, 3)


def _aspirin_methotrexate(p: _Pair) -> Grade | None:
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


def _by_mtx_dose(low: Severity, low_words: str) -> Adjuster:
    def adjust(p: _Pair) -> Grade | None:
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


# --- renal function -----------------------------------------------------------------------


def _pemetrexed(p: _Pair) -> Grade | None:
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


def _by_route(
    drug_ids: tuple[str, ...],
    low_routes: frozenset[str],
    high: Severity,
    low: Severity | None,
    monitoring: str,
) -> Adjuster:
    """Level by the route of one drug of the pair (every item of it must be a low route)."""

    def adjust(p: _Pair) -> Grade | None:
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


def _rosuvastatin_fibrate(p: _Pair) -> Grade | None:
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


def _eszopiclone(p: _Pair) -> Grade | None:
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


def _potassium_sparing(p: _Pair) -> Grade | None:
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


_ADJUSTERS: dict[str, Adjuster] = {
    "ansm:acide-acetylsalicylique:clopidogrel": _dapt,
    "ansm:acide-acetylsalicylique:ticagrelor": _dapt,
    "ansm:acide-acetylsalicylique:anticoagulants-oraux": _aspirin_anticoagulant,
    "ansm:acide-acetylsalicylique:anti-inflammatoires-non-steroidiens": _aspirin_nsaid,
    "ansm:acide-acetylsalicylique:glucocorticoides-sauf-hydrocortisone": _aspirin_steroid,
    "ansm:acide-acetylsalicylique:heparines-doses-curatives-et-ou-sujet-age": _aspirin_heparin,
    "ansm:acide-acetylsalicylique:methotrexate": _aspirin_methotrexate,
    "ansm:anti-inflammatoires-non-steroidiens:methotrexate": _by_mtx_dose(
        Severity.MODERATE, "a precaution for use"
    ),
    "ansm:antisecretoires-inhibiteurs-de-la-pompe-a-protons:methotrexate": _by_mtx_dose(
        Severity.MINOR, "'take into account'"
    ),
    "ansm:acide-acetylsalicylique:pemetrexed": _pemetrexed,
    "ansm:anti-inflammatoires-non-steroidiens:pemetrexed": _pemetrexed,
    "ansm:amiodarone:diltiazem": _by_route(
        ("diltiazem",),
        frozenset({"oral"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Heart rate, blood pressure and ECG (bradycardia, AV block).",
    ),
    "ansm:amiodarone:verapamil": _by_route(
        ("verapamil",),
        frozenset({"oral"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Heart rate, blood pressure and ECG (bradycardia, AV block).",
    ),
    "ansm:calcium:digoxine": _by_route(
        ("calcium-carbonate",),
        frozenset({"oral"}),
        Severity.CONTRAINDICATED,
        Severity.MODERATE,
        "Signs of digoxin toxicity; ECG and serum calcium if needed.",
    ),
    "ansm:inhibiteurs-puissants-du-cyp3a4:midazolam": _by_route(
        ("midazolam",),
        frozenset({"iv", "sublingual"}),
        Severity.MAJOR,
        Severity.MODERATE,
        "Sedation depth, respiratory rate and oxygen saturation; reduce the midazolam dose.",
    ),
    "ansm:substances-susceptibles-de-donner-des-torsades-de-pointes:torsadogenes-sauf-"
    "arsenieux-antiparasitaires-neuroleptiques-methadone/contraindicated-iv": _by_route(
        ("erythromycin", "vincamine"),
        frozenset({"oral"}),
        Severity.CONTRAINDICATED,
        None,
        "ECG (QTc) before and during treatment; potassium and magnesium.",
    ),
    "ansm:fibrates:inhibiteurs-de-lhmg-coa-reductase-statines/contraindicated-rosuvastatin-40mg": (
        _rosuvastatin_fibrate
    ),
    "ansm:eszopiclone:inhibiteurs-puissants-du-cyp3a4": _eszopiclone,
    "ansm:antagonistes-des-recepteurs-de-langiotensine-ii:diuretiques-epargneurs-de-potassium-"
    "seuls-ou-associes": _potassium_sparing,
    "ansm:diuretiques-epargneurs-de-potassium-seuls-ou-associes:inhibiteurs-de-lenzyme-de-"
    "conversion": _potassium_sparing,
}


def adjusted_rule_ids() -> frozenset[str]:
    """The rule ids this module can re-grade (for tests and the knowledge documentation)."""
    return frozenset(_ADJUSTERS)


def grade_for_patient(
    warnings: Sequence[ClinicalWarning],
    patient: PatientNow,
    *,
    knowledge: Knowledge | None = None,
) -> list[ClinicalWarning]:
    """Interaction warnings re-graded for this patient; other warnings pass through unchanged.

    Each matching rule is graded (a conditional one from the patient's data when known); the
    pair takes the most severe result, so an unconditional rule from another source is never
    lowered. A pair left with no rule that concerns the patient loses its warning.
    """
    kb = knowledge or get_knowledge()
    out = []
    for warning in warnings:
        if warning.kind is not WarningKind.INTERACTION or len(warning.drug_ids) != 2:
            out.append(warning)
            continue
        graded = _regrade(kb, warning, patient)
        if graded is not None:
            out.append(graded)
    return out


def _regrade(
    kb: Knowledge, warning: ClinicalWarning, patient: PatientNow
) -> ClinicalWarning | None:
    first, second = warning.drug_ids
    rules = interacting_rules(first, second, knowledge=kb)
    pair = _Pair(kb, patient, first, second)
    graded: list[tuple[InteractionRule, Severity, Grade | None]] = []
    any_grade = False
    for rule in rules:
        adjuster = _ADJUSTERS.get(rule.id)
        grade = adjuster(pair) if adjuster is not None else None
        if grade is None:
            graded.append((rule, rule.severity, None))
            continue
        any_grade = True
        if grade.severity is not None:
            graded.append((rule, grade.severity, grade))
    if not any_grade:
        return warning
    if not graded:
        return None
    origin_rank = ORIGIN_RANK
    graded.sort(
        key=lambda g: (
            -g[1].rank,
            g[2] is None and g[0].condition is not None,  # an ungraded conditional rule last
            origin_rank.get(g[0].origin, len(ORIGIN_RANK)),
            g[0].id,
        )
    )
    rule, severity, grade = graded[0]
    details = rule.summary if rule.lang == "fr" else rule.mechanism
    parts = [f"{pair.name(first)} + {pair.name(second)}: {SEVERITY_LABEL[severity]}."]
    if grade is not None:
        parts.append(grade.reason)
    parts.append(details)
    if rule.condition:
        parts.append(f"(ANSM levels: {rule.condition})")
    grades = [g for _, _, g in graded if g is not None]
    sources = [warning.source, *(g.source for g in grades)]
    monitoring = grade.monitoring if grade is not None else None
    monitoring = monitoring or next((g.monitoring for g in grades if g.monitoring), None)
    return replace(
        warning,
        severity=severity,
        message=" ".join(p.strip() for p in parts if p.strip()),
        source="; ".join(_unique_sources(sources)),
        management=(grade.management if grade is not None and grade.management else None)
        or rule.management,
        monitoring=monitoring or warning.monitoring,
    )


def _unique_sources(sources: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for s in sources:
        for part in s.split("; "):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)
