"""Dose checks: adult and paediatric (mg/kg, adult cap) maxima and renal bands by Cockcroft-Gault.

Every check reports the patient facts it used (weight, creatinine, age, and how old each
measurement is) or which ones were missing, so a prescriber can judge the result.

Adult limits may differ by sex (zolpidem, FDA 2013); an unknown sex is checked against the
lower limit and the warning says so. Combination products and daily totals over several
items are checked in `combinations.py` with the same rule runner (`run_rule`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from hms.clinical.frequency import Frequency, parse_frequency
from hms.clinical.items import doses_per_day
from hms.clinical.knowledge.loader import (
    DoseRule,
    Knowledge,
    RenalBand,
    get_knowledge,
)
from hms.clinical.warnings import ClinicalWarning, Severity, WarningKind

MG_DL_PER_UMOL_L = 1 / 88.4  # creatinine: µmol/L ÷ 88.4 = mg/dL
# A creatinine older than this may not reflect current renal function (KDIGO AKI window).
CREATININE_STALE_AFTER = dt.timedelta(days=7)
WEIGHT_STALE_AFTER = dt.timedelta(days=30)
# Doses at or above this multiple of a maximum are likely decimal or unit errors.
GROSS_OVERDOSE_FACTOR = 2.0

Sex = Literal["female", "male"]
SEX_WORDS = {"female": "women", "male": "men"}
# Dose units counted in dispensing units, and the catalog form words each matches.


@dataclass(frozen=True, slots=True)
class Measurement:
    value: float
    unit: str
    measured_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class PatientFacts:
    age_years: float | None = None
    sex: Sex | None = None
    weight: Measurement | None = None  # kg
    serum_creatinine: Measurement | None = None  # mg/dL or µmol/L
    as_of: dt.datetime | None = None  # "now" for judging measurement age


@dataclass(frozen=True, slots=True)
class InputUsed:
    name: str
    value: float | str
    unit: str | None = None
    measured_at: dt.datetime | None = None
    age_days: float | None = None
    stale: bool = False


@dataclass(slots=True)
class DoseCheckResult:
    drug_id: str
    rule_found: bool
    warnings: list[ClinicalWarning] = field(default_factory=list)
    inputs_used: list[InputUsed] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    crcl_ml_min: float | None = None
    daily_dose_mg: float | None = None
    source: str | None = None


def creatinine_to_mg_dl(value: float, unit: str) -> float:
    normalized = unit.strip().lower().replace("µ", "u").replace("μ", "u")
    if normalized in {"mg/dl", "mg/100ml"}:
        return value
    if normalized in {"umol/l", "micromol/l"}:
        return value * MG_DL_PER_UMOL_L
    raise ValueError(f"unsupported creatinine unit {unit!r}; use mg/dL or µmol/L")


def cockcroft_gault(
    *, age_years: float, weight_kg: float, serum_creatinine_mg_dl: float, female: bool
) -> float:
    """Creatinine clearance in mL/min (Cockcroft DW, Gault MH, Nephron 1976;16:31)."""
    if serum_creatinine_mg_dl <= 0 or weight_kg <= 0 or age_years < 0:
        raise ValueError("age, weight and creatinine must be positive")
    crcl = (140 - age_years) * weight_kg / (72 * serum_creatinine_mg_dl)
    return crcl * 0.85 if female else crcl


def estimate_crcl(patient: PatientFacts) -> tuple[float | None, list[InputUsed], list[str]]:
    """Cockcroft-Gault from the patient facts, with the inputs used or missing."""
    used: list[InputUsed] = []
    missing: list[str] = []
    if patient.age_years is None:
        missing.append("age")
    else:
        used.append(InputUsed("age", patient.age_years, "years"))
    if patient.sex is None:
        missing.append("sex")
    else:
        used.append(InputUsed("sex", patient.sex))
    weight = _measurement_input("weight", patient.weight, patient.as_of, WEIGHT_STALE_AFTER)
    creatinine = _measurement_input(
        "serum creatinine", patient.serum_creatinine, patient.as_of, CREATININE_STALE_AFTER
    )
    for name, item in (("weight", weight), ("serum creatinine", creatinine)):
        if item is None:
            missing.append(name)
        else:
            used.append(item)
    if (
        missing
        or patient.weight is None
        or patient.serum_creatinine is None
        or patient.age_years is None
    ):
        return None, used, missing
    crcl = cockcroft_gault(
        age_years=patient.age_years,
        weight_kg=patient.weight.value,
        serum_creatinine_mg_dl=creatinine_to_mg_dl(
            patient.serum_creatinine.value, patient.serum_creatinine.unit
        ),
        female=patient.sex == "female",
    )
    return crcl, used, missing


def select_renal_band(bands: tuple[RenalBand, ...], crcl_ml_min: float) -> RenalBand | None:
    """The most restrictive band whose threshold the clearance falls below."""
    applicable = [b for b in bands if crcl_ml_min < b.crcl_below]
    return min(applicable, key=lambda b: b.crcl_below) if applicable else None


def check_dose(
    *,
    drug_id: str,
    dose_mg: float,
    frequency: str | Frequency,
    patient: PatientFacts,
    route: str = "oral",
    knowledge: Knowledge | None = None,
) -> DoseCheckResult:
    """Check one prescribed dose against the drug's single, daily, weight-based and renal limits."""
    kb = knowledge or get_knowledge()
    drug = kb.drug(drug_id)
    freq = parse_frequency(frequency) if isinstance(frequency, str) else frequency
    rule = kb.dose_rule(drug_id, route)
    result = DoseCheckResult(drug_id=drug_id, rule_found=rule is not None)
    if rule is None:
        return result
    per_day = doses_per_day(freq)
    if per_day is None:
        result.missing.append(
            "regular frequency (PRN without an interval: daily total not checked)"
        )
    ctx = DoseContext(
        drug.display_name,
        drug_id,
        (drug_id,),
        dose_mg,
        dose_mg * per_day if per_day is not None else None,
        rule,
        result,
    )
    run_rule(ctx, kb, patient, freq, per_day)
    return result


def run_rule(
    ctx: DoseContext,
    kb: Knowledge,
    patient: PatientFacts,
    freq: Frequency | None,
    per_day: float | None,
) -> None:
    """Every limit of ctx.rule against ctx's dose (a daily total only when ctx.total)."""
    rule, result = ctx.rule, ctx.result
    result.source = rule.source
    result.daily_dose_mg = ctx.daily_mg
    weight = _measurement_input("weight", patient.weight, patient.as_of, WEIGHT_STALE_AFTER)
    weight_kg = patient.weight.value if patient.weight is not None else None
    child = patient.age_years is not None and patient.age_years < kb.adult_from_age_years
    if patient.age_years is None:
        note_missing(result, "age")
    elif not any(i.name == "age" for i in result.inputs_used):
        result.inputs_used.append(InputUsed("age", patient.age_years, "years"))

    if (
        not ctx.total
        and freq is not None
        and rule.max_doses_per_week is not None
        and per_day is not None
        and per_day * 7 > rule.max_doses_per_week + 1e-9
    ):
        ctx.add(
            "frequency",
            Severity.CONTRAINDICATED,
            WarningKind.DOSE,
            f"{ctx.name} is given at most {rule.max_doses_per_week:g} time(s) a week; "
            f"'{freq.text}' gives {per_day * 7:g} doses a week. {rule.note or ''}".strip(),
        )

    if child and rule.paediatric is not None:
        _check_paediatric(ctx, rule, patient, weight, weight_kg)
    else:
        _check_adult(ctx, rule, patient, weight, weight_kg)
        if not child:
            _check_sex(ctx, rule, patient)
    if rule.renal and child:
        # Cockcroft-Gault is validated in adults only; children need bedside Schwartz eGFR.
        note_missing(result, "renal function for a child (Cockcroft-Gault is adult-only)")
    elif rule.renal:
        _check_renal(ctx, rule, patient)


def note_missing(result: DoseCheckResult, what: str) -> None:
    if what not in result.missing:
        result.missing.append(what)


@dataclass(slots=True)
class DoseContext:
    name: str
    code_id: str  # the drug id, or "<combination>:<ingredient>"
    drug_ids: tuple[str, ...]
    dose_mg: float | None
    daily_mg: float | None
    rule: DoseRule
    result: DoseCheckResult
    detail: str = ""  # appended to every message (how the amount was worked out)
    total: bool = False  # a daily total over several items: only daily limits apply

    def add(
        self,
        what: str,
        severity: Severity,
        kind: WarningKind,
        message: str,
        source: str | None = None,
        monitoring: str | None = None,
    ) -> None:
        prefix = "renal" if kind is WarningKind.RENAL else "dose"
        what = f"total-{what}" if self.total else what
        self.result.warnings.append(
            ClinicalWarning(
                code=f"{prefix}:{self.code_id}:{what}",
                kind=kind,
                severity=severity,
                drug_ids=self.drug_ids,
                message=f"{message} {self.detail}".strip() if self.detail else message,
                source=source or self.rule.source,
                monitoring=monitoring,
            )
        )

    def over(
        self,
        what: str,
        amount: float | None,
        limit: float | None,
        label: str,
        gross_from: float | None = None,
    ) -> None:
        """Major above the limit; contraindicated from GROSS_OVERDOSE_FACTOR x `gross_from`
        (the limit itself unless given: an age limit below the adult maximum doubles to the
        ordinary adult dose, which is no unit error)."""
        if amount is None or limit is None or amount <= limit + 1e-9:
            return
        gross = max(limit, gross_from or limit) * GROSS_OVERDOSE_FACTOR
        severity = Severity.CONTRAINDICATED if amount >= gross else Severity.MAJOR
        self.add(
            what,
            severity,
            WarningKind.DOSE,
            f"{self.name} {amount:g} mg exceeds the {label} of {limit:g} mg.",
            monitoring=self.rule.monitoring,
        )


def _check_adult(
    ctx: DoseContext,
    rule: DoseRule,
    patient: PatientFacts,
    weight: InputUsed | None,
    weight_kg: float | None,
) -> None:
    adult = rule.adult
    ctx.over("single-max", ctx.dose_mg, adult.max_single_mg, "maximum single dose")
    ctx.over("daily-max", ctx.daily_mg, adult.max_daily_mg, "maximum daily dose")
    needs_weight = adult.mg_per_kg_single or adult.mg_per_kg_daily or rule.low_body_weight
    if needs_weight:
        per_kg = adult.mg_per_kg_single or adult.mg_per_kg_daily
        missing = f"{ctx.name}: no weight recorded, the mg/kg limit was not checked."
        if _weight_known(ctx, weight, Severity.MINOR if per_kg else None, missing):
            assert weight_kg is not None
            _check_per_kg(
                ctx, adult.mg_per_kg_single, adult.mg_per_kg_daily, weight_kg, None, None, "adult"
            )
            low = rule.low_body_weight
            if low is not None and weight_kg < low.below_kg:
                _check_per_kg(
                    ctx,
                    low.mg_per_kg_single,
                    low.mg_per_kg_daily,
                    weight_kg,
                    None,
                    None,
                    "low-weight",
                    low.note,
                )
    older = rule.older_adult
    if (
        older is not None
        and patient.age_years is not None
        and patient.age_years >= older.from_age_years
    ):
        ctx.over(
            "older-adult-daily-max",
            ctx.daily_mg,
            older.max_daily_mg,
            f"maximum daily dose from age {older.from_age_years:g} ({older.note})",
            gross_from=rule.adult.max_daily_mg,
        )


def _check_sex(ctx: DoseContext, rule: DoseRule, patient: PatientFacts) -> None:
    """An adult limit that depends on sex; with the sex unknown, the lower limit, said so."""
    if not rule.by_sex:
        return
    if patient.sex is not None:
        if not any(i.name == "sex" for i in ctx.result.inputs_used):
            ctx.result.inputs_used.append(InputUsed("sex", patient.sex))
        candidates: list[str] = [patient.sex] if patient.sex in rule.by_sex else []
    else:
        note_missing(ctx.result, "sex")
        candidates = list(rule.by_sex)
    for what, amount, attr, label in (
        ("single-max", ctx.dose_mg, "max_single_mg", "recommended dose"),
        ("daily-max", ctx.daily_mg, "max_daily_mg", "recommended daily dose"),
    ):
        limits = [
            (getattr(rule.by_sex[s], attr), s)
            for s in candidates
            if getattr(rule.by_sex[s], attr) is not None
        ]
        if amount is None or not limits:
            continue
        limit, sex = min(limits)
        adult_limit = getattr(rule.adult, attr)
        if amount <= limit + 1e-9 or (adult_limit is not None and limit >= adult_limit):
            continue  # within it, or the adult limit says the same
        limits_of_sex = rule.by_sex[sex]
        others = [
            f"{SEX_WORDS.get(s, s)} {getattr(rule.by_sex[s], attr):g} mg"
            for s in rule.by_sex
            if s != sex and getattr(rule.by_sex[s], attr) is not None
        ]
        if patient.sex is None:
            why = (
                f"The patient's sex is not recorded, so the lower limit (for "
                f"{SEX_WORDS.get(sex, sex)}) was used"
                + (f"; for {', '.join(others)}" if others else "")
                + ": record the sex to check this dose."
            )
        else:
            why = ""
        message = (
            f"{ctx.name} {amount:g} mg is above the {label} for {SEX_WORDS.get(sex, sex)} "
            f"of {limit:g} mg. {why} {limits_of_sex.note or ''}"
        )
        ctx.add(
            f"{sex if patient.sex is not None else 'sex-unknown'}-{what}",
            limits_of_sex.severity or Severity.MAJOR,
            WarningKind.DOSE,
            re.sub(r"\s+", " ", message).strip(),
            source=limits_of_sex.source,
            monitoring=rule.monitoring,
        )
        return  # one warning: a once-daily dose is over the single and the daily limit alike


def _check_paediatric(
    ctx: DoseContext,
    rule: DoseRule,
    patient: PatientFacts,
    weight: InputUsed | None,
    weight_kg: float | None,
) -> None:
    paed = rule.paediatric
    assert paed is not None
    assert patient.age_years is not None
    if (
        not ctx.total
        and paed.avoid_under_age_years is not None
        and patient.age_years < paed.avoid_under_age_years
    ):
        ctx.add(
            "age",
            Severity.CONTRAINDICATED,
            WarningKind.DOSE,
            f"{ctx.name} is not for children under {paed.avoid_under_age_years:g} years. "
            f"{paed.note or ''}".strip(),
        )
    cap_single = paed.max_single_mg or rule.adult.max_single_mg
    cap_daily = paed.max_daily_mg or rule.adult.max_daily_mg
    if paed.mg_per_kg_single or paed.mg_per_kg_daily:
        missing = f"{ctx.name}: no weight recorded for a child, the mg/kg dose was not checked."
        if _weight_known(ctx, weight, Severity.MODERATE, missing):
            assert weight_kg is not None
            _check_per_kg(
                ctx,
                paed.mg_per_kg_single,
                paed.mg_per_kg_daily,
                weight_kg,
                cap_single,
                cap_daily,
                "paediatric",
            )
            return
    ctx.over("single-max", ctx.dose_mg, cap_single, "maximum single dose")
    ctx.over("daily-max", ctx.daily_mg, cap_daily, "maximum daily dose")


def _weight_known(
    ctx: DoseContext, weight: InputUsed | None, severity: Severity | None, missing: str
) -> bool:
    """Whether the patient's weight is known (then listed among the inputs used); if not,
    say it is missing, with a warning at ``severity`` when the limit needed it."""
    if weight is None:
        note_missing(ctx.result, "weight")
        if severity is not None and not ctx.total:
            ctx.add("weight-missing", severity, WarningKind.DOSE, missing)
        return False
    if not any(i.name == "weight" for i in ctx.result.inputs_used):
        ctx.result.inputs_used.append(weight)
    return True


def _check_per_kg(
    ctx: DoseContext,
    per_kg_single: float | None,
    per_kg_daily: float | None,
    weight_kg: float,
    cap_single: float | None,
    cap_daily: float | None,
    label: str,
    note: str | None = None,
) -> None:
    """Weight-based limit, never above the adult cap (mg/kg x kg, capped)."""
    for what, amount, per_kg, cap in (
        ("single", ctx.dose_mg, per_kg_single, cap_single),
        ("daily", ctx.daily_mg, per_kg_daily, cap_daily),
    ):
        if per_kg is None and cap is None:
            continue
        limits = [
            v for v in (per_kg * weight_kg if per_kg is not None else None, cap) if v is not None
        ]
        limit = min(limits)
        basis = f"{per_kg:g} mg/kg x {weight_kg:g} kg" if per_kg is not None else ""
        if cap is not None and (per_kg is None or cap < per_kg * weight_kg):
            basis = f"{basis}, capped at {cap:g} mg" if basis else f"cap {cap:g} mg"
        text = f"{label} {what} limit ({basis})" + (f"; {note}" if note else "")
        ctx.over(f"{label}-{what}-max", amount, round(limit, 3), text)


def _check_renal(ctx: DoseContext, rule: DoseRule, patient: PatientFacts) -> None:
    crcl, used, missing = estimate_crcl(patient)
    result = ctx.result
    result.inputs_used.extend(u for u in used if u.name not in {i.name for i in result.inputs_used})
    result.missing.extend(m for m in missing if m not in result.missing)
    if crcl is None:
        if ctx.total:
            return
        ctx.add(
            "renal-unchecked",
            Severity.MINOR,
            WarningKind.RENAL,
            f"{ctx.name} needs a renal dose check, but {', '.join(missing)} missing: "
            "creatinine clearance not calculated.",
        )
        return
    result.crcl_ml_min = round(crcl, 1)
    band = select_renal_band(rule.renal, crcl)
    if band is None:
        return
    stale = [u.name for u in used if u.stale]
    basis = f"CrCl {crcl:.0f} mL/min (Cockcroft-Gault)" + (
        f"; stale {', '.join(stale)}" if stale else ""
    )
    if band.action == "avoid":
        if ctx.total:
            return  # said for each item
        ctx.add(
            "avoid",
            band.severity or Severity.MAJOR,
            WarningKind.RENAL,
            f"{ctx.name}: avoid at {basis}. {band.note}",
        )
        return
    if (
        band.max_daily_mg is not None
        and ctx.daily_mg is not None
        and ctx.daily_mg > band.max_daily_mg + 1e-9
    ):
        ctx.add(
            "reduce",
            band.severity or Severity.MAJOR,
            WarningKind.RENAL,
            f"{ctx.name} {ctx.daily_mg:g} mg/day exceeds the renal maximum of "
            f"{band.max_daily_mg:g} mg/day at {basis}. {band.note}",
        )
        return
    weight = patient.weight.value if patient.weight is not None else None
    if band.max_mg_per_kg_daily is not None and ctx.daily_mg is not None and weight:
        limit = band.max_mg_per_kg_daily * weight
        if ctx.daily_mg > limit + 1e-9:
            ctx.add(
                "reduce",
                band.severity or Severity.MAJOR,
                WarningKind.RENAL,
                f"{ctx.name} {ctx.daily_mg:g} mg/day exceeds "
                f"{band.max_mg_per_kg_daily:g} mg/kg/day at {basis}. {band.note}",
            )
        return
    if band.max_daily_mg is None and not ctx.total:
        ctx.add(
            "reduce",
            band.severity or Severity.MODERATE,
            WarningKind.RENAL,
            f"{ctx.name}: dose adjustment needed at {basis}. {band.note}",
        )


def _measurement_input(
    name: str, measurement: Measurement | None, as_of: dt.datetime | None, stale_after: dt.timedelta
) -> InputUsed | None:
    if measurement is None:
        return None
    age_days = None
    stale = False
    if measurement.measured_at is not None and as_of is not None:
        age = as_of - measurement.measured_at
        age_days = round(age.total_seconds() / 86400, 2)
        stale = age > stale_after
    return InputUsed(
        name, measurement.value, measurement.unit, measurement.measured_at, age_days, stale
    )
