"""The prescribing safety-check service: one code path for a draft check and for saving.

``load_context`` reads the patient's facts from the database inside the caller's transaction
(allergies, current medication, latest weight and serum creatinine, recorded diagnoses),
never from a cache (ARCHITECTURE.md §5); ``evaluate`` runs the pure checks of
:mod:`hms.clinical` over them with the in-memory knowledge indexes. Every warning carries its
severity, drugs, a sentence, its source, and for dose and renal findings the values used.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from hms.clinical.allergy import AllergyRecord, check_allergies
from hms.clinical.combinations import check_combined_doses
from hms.clinical.conditions import PatientNow, grade_for_patient
from hms.clinical.dosing import (
    CREATININE_STALE_AFTER,
    WEIGHT_STALE_AFTER,
    DoseCheckResult,
    InputUsed,
    Measurement,
    PatientFacts,
    Sex,
    check_dose,
    estimate_crcl,
)
from hms.clinical.enzymes import add_enzyme_warnings
from hms.clinical.interactions import check_condition_contraindications, check_interactions
from hms.clinical.items import DoseItem
from hms.clinical.knowledge.loader import Knowledge, get_knowledge
from hms.clinical.warnings import (
    ClinicalWarning,
    Severity,
    WarningKind,
    check_duplicate_therapy,
    most_severe_first,
)
from hms.drugs.loader import knowledge_version
from hms.platform.db import qualified, schema_of, table_in
from hms.platform.errors import NotFound
from hms.prescriptions.models import CURRENT

SERUM_CREATININE_LOINC = "2160-0"  # Creatinine [Mass/volume] in Serum or Plasma
SERUM_POTASSIUM_LOINC = "2823-3"  # Potassium [Moles/volume] in Serum or Plasma
NEEDS_OVERRIDE = frozenset({Severity.CONTRAINDICATED, Severity.MAJOR})


@dataclass(frozen=True, slots=True)
class PatientContext:
    """What the checks know about the patient, read in the checking transaction."""

    patient_id: uuid.UUID | None = None
    age_years: float | None = None
    sex: Sex | None = None
    allergies: tuple[AllergyRecord, ...] = ()
    active_drug_ids: tuple[str, ...] = ()
    # The items of the patient's current prescriptions, with their doses (cumulative dose
    # checks, dose-aware interaction grading).
    active_items: tuple[DoseItem, ...] = ()
    weight: Measurement | None = None  # kg
    serum_creatinine: Measurement | None = None
    potassium: Measurement | None = None  # mmol/L
    conditions: tuple[str, ...] = ()  # ICD-10 codes
    as_of: dt.datetime | None = None

    def facts(self) -> PatientFacts:
        return PatientFacts(
            age_years=self.age_years,
            sex=self.sex,
            weight=self.weight,
            serum_creatinine=self.serum_creatinine,
            as_of=self.as_of,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    warning: ClinicalWarning
    inputs: tuple[InputUsed, ...] = ()

    @property
    def needs_override(self) -> bool:
        return self.warning.severity in NEEDS_OVERRIDE


@dataclass(slots=True)
class CheckReport:
    findings: list[Finding]
    context: PatientContext
    crcl_ml_min: float | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def requiring_override(self) -> list[Finding]:
        return [f for f in self.findings if f.needs_override]


def evaluate(
    context: PatientContext, items: Sequence[DoseItem], *, knowledge: Knowledge | None = None
) -> CheckReport:
    """Every check over the draft items and the patient's context; pure, no I/O."""
    kb = knowledge or get_knowledge()
    new_ids = [i.drug_id for i in items]
    active = [d for d in context.active_drug_ids if d in kb.drugs]
    found: list[Finding] = [
        Finding(w)
        for w in (
            # Conditional rules re-graded from this patient's doses, routes and labs.
            *grade_for_patient(
                check_interactions(new_ids, active, knowledge=kb),
                PatientNow(
                    items=(*items, *context.active_items),
                    facts=context.facts(),
                    potassium=context.potassium,
                    conditions=context.conditions,
                ),
                knowledge=kb,
            ),
            *check_duplicate_therapy(new_ids, active, knowledge=kb),
            *check_allergies(new_ids, context.allergies, knowledge=kb),
            *check_condition_contraindications(new_ids, context.conditions, knowledge=kb),
        )
    ]
    found += _repeated_items(kb, new_ids)
    found = _with_enzyme_warnings(kb, found, items, context, active)
    report = CheckReport(findings=[], context=context)
    facts = context.facts()
    for item in items:
        found += _dose_findings(kb, item, facts, report)
    found += _combined_dose_findings(kb, items, context.active_items, facts, report)
    report.findings = _merge(_one_renal_notice(kb, found, facts))
    return report


def _with_enzyme_warnings(
    kb: Knowledge,
    found: list[Finding],
    items: Sequence[DoseItem],
    context: PatientContext,
    active: Sequence[str],
) -> list[Finding]:
    """Pharmacokinetic interactions from enzyme data and label dose caps (FDA DDI table), folded
    into the interaction warning of the same pair: one warning per pair, most severe wins."""
    inputs = {id(f.warning): f.inputs for f in found}
    merged = add_enzyme_warnings(
        [f.warning for f in found],
        items,
        context.active_items,
        active_drug_ids=active,
        knowledge=kb,
    )
    return [Finding(w, inputs.get(id(w), ())) for w in merged]


def _repeated_items(kb: Knowledge, drug_ids: Sequence[str]) -> list[Finding]:
    """The same drug twice in one prescription (check_duplicate_therapy compares distinct ids)."""
    seen: set[str] = set()
    out = []
    for drug_id in drug_ids:
        if drug_id in seen:
            name = kb.drug(drug_id).display_name
            out.append(
                Finding(
                    ClinicalWarning(
                        code=f"duplicate:{drug_id}:{drug_id}",
                        kind=WarningKind.DUPLICATE,
                        severity=Severity.MAJOR,
                        drug_ids=(drug_id,),
                        message=f"{name} appears more than once in this prescription: "
                        "the daily doses add up.",
                        source="HMS duplicate-therapy check",
                    )
                )
            )
        seen.add(drug_id)
    return out


def _dose_findings(
    kb: Knowledge, item: DoseItem, facts: PatientFacts, report: CheckReport
) -> list[Finding]:
    dose_mg = item.mg()
    if dose_mg is None:
        if kb.dose_rule(item.drug_id, item.route) is None:
            return []
        name = kb.drug(item.drug_id).display_name
        return [
            Finding(
                ClinicalWarning(
                    code=f"dose:{item.drug_id}:unit-unchecked",
                    kind=WarningKind.DOSE,
                    severity=Severity.MINOR,
                    drug_ids=(item.drug_id,),
                    message=f"{name}: a dose in '{item.unit}' cannot be checked against the "
                    "dose limits, which are in mg; give the dose in mg, g or mcg to check it.",
                    source="HMS dose check",
                )
            )
        ]
    result = check_dose(
        drug_id=item.drug_id,
        dose_mg=dose_mg,
        frequency=item.frequency,
        patient=facts,
        route=item.route,
        knowledge=kb,
    )
    return _result_findings(result, report)


def _combined_dose_findings(
    kb: Knowledge,
    items: Sequence[DoseItem],
    active: Sequence[DoseItem],
    facts: PatientFacts,
    report: CheckReport,
) -> list[Finding]:
    """Combinations per ingredient, and each ingredient's daily total over all items."""
    results = check_combined_doses(items, active, patient=facts, knowledge=kb)
    return [f for result in results for f in _result_findings(result, report)]


def _result_findings(result: DoseCheckResult, report: CheckReport) -> list[Finding]:
    if result.crcl_ml_min is not None:
        report.crcl_ml_min = result.crcl_ml_min
    report.missing.extend(m for m in result.missing if m not in report.missing)
    inputs = tuple(result.inputs_used)
    out = []
    for warning in result.warnings:
        used = tuple(i for i in inputs if i.name != "sex" or warning.kind is WarningKind.RENAL)
        basis = _basis(used) if warning.kind is WarningKind.RENAL or _uses_weight(warning) else ""
        message = _sentence(warning.message) + (f" {basis}" if basis else "")
        out.append(Finding(replace(warning, message=message), used))
    return out


RENAL_UNCHECKED = "renal-unchecked"


def _one_renal_notice(kb: Knowledge, findings: list[Finding], facts: PatientFacts) -> list[Finding]:
    """One "renal function not checked" notice per prescription, naming every drug concerned.

    Without a creatinine clearance every drug with a renal band would say the same thing; one
    notice keeps the list of drugs without a minor warning per drug.
    """
    unchecked = [
        f
        for f in findings
        if f.warning.kind is WarningKind.RENAL and f.warning.code.endswith(f":{RENAL_UNCHECKED}")
    ]
    if len(unchecked) < 2:
        return findings
    drug_ids = tuple(dict.fromkeys(d for f in unchecked for d in f.warning.drug_ids))
    names = [kb.drug(d).display_name for d in drug_ids]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    first = unchecked[0]
    inputs = tuple(dict.fromkeys(i for f in unchecked for i in f.inputs))
    basis = _basis(inputs)
    _, _, missing = estimate_crcl(facts)
    said = f"{', '.join(missing)} missing" if missing else "facts missing"
    sources = (part for f in unchecked for part in f.warning.source.split("; "))
    notice = Finding(
        replace(
            first.warning,
            code=f"renal:{'+'.join(drug_ids)}:{RENAL_UNCHECKED}",
            drug_ids=drug_ids,
            message=f"{listed} need a renal dose check, but {said}: creatinine clearance not "
            "calculated." + (f" {basis}" if basis else ""),
            source="; ".join(dict.fromkeys(sources)),
        ),
        inputs,
    )
    at = findings.index(first)
    rest = [f for f in findings if f not in unchecked]
    return [*rest[:at], notice, *rest[at:]]


def _sentence(text_: str) -> str:
    text_ = text_.strip()
    return text_ if text_.endswith((".", "!", "?")) else text_ + "."


def _uses_weight(warning: ClinicalWarning) -> bool:
    return "mg/kg" in warning.message or "weight" in warning.code


def _basis(inputs: Sequence[InputUsed]) -> str:
    """'Based on serum creatinine 1.6 mg/dL (measured 2026-11-20, 3 days ago), ...'."""
    parts = [_describe(i) for i in inputs]
    return ("Based on " + ", ".join(parts) + ".") if parts else ""


def _describe(i: InputUsed) -> str:
    if i.name == "age":
        return f"age {float(i.value):.0f} years"
    if i.name == "sex":
        return str(i.value)
    value = f"{i.value:g}" if isinstance(i.value, int | float) else str(i.value)
    described = f"{i.name} {value}" + (f" {i.unit}" if i.unit else "")
    notes = []
    if i.measured_at is not None:
        notes.append(f"measured {i.measured_at:%Y-%m-%d}")
    if i.age_days is not None:
        notes.append(f"{i.age_days:g} days ago")
    if i.stale:
        notes.append("out of date")
    return described + (f" ({', '.join(notes)})" if notes else "")


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per code (the most severe), most severe first."""
    by_code: dict[str, Finding] = {}
    for f in findings:
        current = by_code.get(f.warning.code)
        if current is None or f.warning.severity.rank > current.warning.severity.rank:
            by_code[f.warning.code] = f
    order = {id(w): i for i, w in enumerate(most_severe_first(f.warning for f in by_code.values()))}
    return sorted(by_code.values(), key=lambda f: order[id(f.warning)])


# --- reading the facts -------------------------------------------------------------------


def _context_sql(schema: str) -> str:
    q = lambda t: qualified(schema, t)  # noqa: E731

    def latest_lab(loinc: str, alias: str) -> str:
        """The patient's latest current result of one test, as ``alias``."""
        return f"""LEFT JOIN LATERAL (
    SELECT l.value, l.unit, l.collected_at FROM {q("lab_results")} l
    WHERE l.patient_id = p.id AND l.loinc = '{loinc}' AND l.superseded_by IS NULL
    ORDER BY l.collected_at DESC LIMIT 1
) {alias} ON true"""

    current = ", ".join(f"'{s}'" for s in CURRENT)
    return f"""
SELECT p.date_of_birth, p.gender, p.allergies::text AS allergies,
       a.drugs, a.items::text AS active_items, w.weight_kg, w.recorded_at,
       c.value AS scr, c.unit AS scr_unit, c.collected_at,
       k.value AS potassium, k.unit AS potassium_unit, k.collected_at AS potassium_at,
       d.codes, now() AS as_of
FROM {q("patients")} p
LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT i.drug_id) AS drugs,
           json_agg(json_build_object(
               'drugId', i.drug_id, 'dose', i.dose, 'unit', i.unit, 'route', i.route,
               'frequency', i.frequency, 'durationDays', i.duration_days
           ) ORDER BY r.activated_at, i.position) AS items
    FROM {q("prescriptions")} r JOIN {q("prescription_items")} i ON i.prescription_id = r.id
    WHERE r.patient_id = p.id AND r.status IN ({current})
      AND (i.duration_days IS NULL
           OR r.activated_at + make_interval(days => i.duration_days) > now())
      AND r.id IS DISTINCT FROM :exclude
) a ON true
LEFT JOIN LATERAL (
    SELECT v.weight_kg, v.recorded_at FROM {q("vitals")} v
    WHERE v.patient_id = p.id AND v.weight_kg IS NOT NULL
    ORDER BY v.recorded_at DESC LIMIT 1
) w ON true
{latest_lab(SERUM_CREATININE_LOINC, "c")}
{latest_lab(SERUM_POTASSIUM_LOINC, "k")}
LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT code) AS codes
    FROM {q("encounters")} e, unnest(e.discharge_diagnoses) AS code
    WHERE e.patient_id = p.id
) d ON true
WHERE p.id = :patient_id
"""


_SQL_CACHE: dict[str, Any] = {}


async def lock_patient(session: AsyncSession, patient_id: uuid.UUID) -> None:
    """Serialise prescribing for one patient, so two concurrent prescriptions see each other.

    FOR NO KEY UPDATE does not block rows that merely reference the patient (vitals, labs).
    Taken in its own statement: the context query that follows gets a fresh snapshot.
    """
    found = (
        await session.execute(
            text(f"SELECT 1 FROM {table_in(session, 'patients')} WHERE id = :id FOR NO KEY UPDATE"),
            {"id": patient_id},
        )
    ).first()
    if found is None:
        raise NotFound(f"No patient {patient_id} in your hospital.")


async def load_context(
    session: AsyncSession,
    patient_id: uuid.UUID,
    *,
    exclude_prescription: uuid.UUID | None = None,
) -> PatientContext:
    schema = schema_of(session)
    sql = _SQL_CACHE.get(schema)
    if sql is None:
        sql = _SQL_CACHE[schema] = text(_context_sql(schema))
    row = (
        await session.execute(sql, {"patient_id": patient_id, "exclude": exclude_prescription})
    ).first()
    if row is None:
        raise NotFound(f"No patient {patient_id} in your hospital.")
    m = row._mapping
    as_of: dt.datetime = m["as_of"]
    born: dt.date = m["date_of_birth"]
    age = (as_of.date() - born).days / 365.25
    sex: Sex | None = m["gender"] if m["gender"] in ("female", "male") else None
    weight = (
        Measurement(float(m["weight_kg"]), "kg", m["recorded_at"])
        if m["weight_kg"] is not None
        else None
    )
    scr = (
        Measurement(float(m["scr"]), m["scr_unit"], m["collected_at"])
        if m["scr"] is not None
        else None
    )
    potassium = (
        Measurement(float(m["potassium"]), m["potassium_unit"], m["potassium_at"])
        if m["potassium"] is not None
        else None
    )
    active_items = tuple(
        DoseItem(
            drug_id=i["drugId"],
            dose=float(i["dose"]),
            unit=i["unit"],
            route=i["route"],
            frequency=i["frequency"],
            duration_days=i["durationDays"],
            current=True,
        )
        for i in orjson.loads(m["active_items"] or "[]")
    )
    return PatientContext(
        patient_id=patient_id,
        age_years=round(age, 2),
        sex=sex,
        allergies=tuple(_allergy(a) for a in orjson.loads(m["allergies"] or "[]")),
        active_drug_ids=tuple(sorted(m["drugs"] or ())),
        active_items=active_items,
        weight=weight,
        serum_creatinine=scr,
        potassium=potassium,
        conditions=tuple(sorted(m["codes"] or ())),
        as_of=as_of,
    )


def _allergy(entry: dict[str, Any]) -> AllergyRecord:
    return AllergyRecord(
        substance=entry.get("substance"),
        drug_class=entry.get("class"),
        reaction=entry.get("reaction"),
        severity=entry.get("severity"),
    )


# --- wire --------------------------------------------------------------------------------


def input_wire(i: InputUsed) -> dict[str, Any]:
    return {
        "name": i.name,
        "value": i.value,
        "unit": i.unit,
        "measuredAt": i.measured_at,
        "ageDays": i.age_days,
        "stale": i.stale,
    }


def finding_wire(f: Finding) -> dict[str, Any]:
    w = f.warning
    out: dict[str, Any] = {
        "code": w.code,
        "kind": w.kind.value,
        "severity": w.severity.value,
        "drugIds": list(w.drug_ids),
        "message": w.message,
        "source": w.source,
        "management": w.management,
        "monitoring": w.monitoring,
        "needsOverride": f.needs_override,
    }
    if f.inputs:
        out["inputs"] = [input_wire(i) for i in f.inputs]
    return out


def facts_wire(report: CheckReport) -> dict[str, Any]:
    ctx = report.context
    as_of = ctx.as_of

    def measurement(
        name: str, m: Measurement | None, stale_after: dt.timedelta
    ) -> dict[str, Any] | None:
        if m is None:
            return None
        age = as_of - m.measured_at if as_of and m.measured_at else None
        return input_wire(
            InputUsed(
                name,
                m.value,
                m.unit,
                m.measured_at,
                round(age.total_seconds() / 86400, 2) if age is not None else None,
                age is not None and age > stale_after,
            )
        )

    missing = list(report.missing)
    if ctx.weight is None and "weight" not in missing:
        missing.append("weight")
    if ctx.serum_creatinine is None and "serum creatinine" not in missing:
        missing.append("serum creatinine")
    return {
        "ageYears": ctx.age_years,
        "sex": ctx.sex,
        "weight": measurement("weight", ctx.weight, WEIGHT_STALE_AFTER),
        "serumCreatinine": measurement(
            "serum creatinine", ctx.serum_creatinine, CREATININE_STALE_AFTER
        ),
        "crclMlMin": report.crcl_ml_min,
        "activeDrugIds": list(ctx.active_drug_ids),
        "conditions": list(ctx.conditions),
        "allergies": len(ctx.allergies),
        "missing": missing,
    }


def report_wire(report: CheckReport) -> dict[str, Any]:
    return {
        "warnings": [finding_wire(f) for f in report.findings],
        "facts": facts_wire(report),
        "knowledgeVersion": knowledge_version(),
    }
