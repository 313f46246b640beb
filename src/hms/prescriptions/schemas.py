"""Prescription, safety-check and dispensing API schemas (camelCase on the wire)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema, field_validator

from hms.clinical.frequency import FrequencyCode, parse_frequency
from hms.clinical.knowledge import get_knowledge
from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PatientRef, UserRef
from hms.prescriptions.models import STATUSES


class DoseUnit(StrEnum):
    MG = "mg"
    G = "g"
    MCG = "mcg"
    ML = "mL"
    UNIT = "unit"
    IU = "IU"
    MMOL = "mmol"
    TABLET = "tablet"
    CAPSULE = "capsule"
    PUFF = "puff"
    DROP = "drop"
    PATCH = "patch"
    SUPPOSITORY = "suppository"
    SACHET = "sachet"
    APPLICATION = "application"
    SPRAY = "spray"
    VIAL = "vial"
    AMPOULE = "ampoule"


# Doses in these units are masses the dose rules (in mg) can check.


class CountableUnit(StrEnum):
    """Dose units counted in whole dispensing units: when quantity is omitted, the server works
    it out from the dose, a regular frequency and durationDays."""

    TABLET = DoseUnit.TABLET.value
    CAPSULE = DoseUnit.CAPSULE.value
    PATCH = DoseUnit.PATCH.value
    SUPPOSITORY = DoseUnit.SUPPOSITORY.value
    SACHET = DoseUnit.SACHET.value
    VIAL = DoseUnit.VIAL.value
    AMPOULE = DoseUnit.AMPOULE.value


COUNTABLE = frozenset(DoseUnit(unit.value) for unit in CountableUnit)


class Route(StrEnum):
    ORAL = "oral"
    IV = "iv"
    IM = "im"
    SC = "sc"
    SUBLINGUAL = "sublingual"
    BUCCAL = "buccal"
    RECTAL = "rectal"
    VAGINAL = "vaginal"
    TOPICAL = "topical"
    TRANSDERMAL = "transdermal"
    INHALED = "inhaled"
    NASAL = "nasal"
    OPHTHALMIC = "ophthalmic"
    OTIC = "otic"
    INTRATHECAL = "intrathecal"


def _described_as(wire_type: Any) -> BeforeValidator:
    """Validation unchanged; the OpenAPI document describes the field as ``wire_type``, so the
    enums it names become schemas the web client's generated types carry."""
    return BeforeValidator(lambda value: value, json_schema_input_type=wire_type)


FrequencyText = Annotated[str, StringConstraints(min_length=1, max_length=40)]


def _known_drug(value: str) -> str:
    if value not in get_knowledge().drugs:
        raise ValueError(f"unknown drug id {value!r}; find ids with GET /api/v1/drugs?q=<name>")
    return value


def _known_frequency(value: str) -> str:
    parse_frequency(value)  # UnknownFrequencyError names the accepted forms
    return value


class ItemIn(InputModel):
    drug_id: str = Field(min_length=1, max_length=120, description="Catalog id (GET /drugs)")
    dose: float = Field(gt=0, le=1_000_000, description="Amount per administration")
    unit: Annotated[DoseUnit, _described_as(CountableUnit | DoseUnit)] = Field(
        description="For a CountableUnit, quantity may be omitted (worked out by the server)"
    )
    route: Route
    frequency: Annotated[FrequencyText, _described_as(FrequencyCode | FrequencyText)] = Field(
        description="A FrequencyCode or another accepted form: 'n times daily', 'every n hours'...",
    )
    duration_days: int | None = Field(default=None, ge=1, le=365)
    quantity: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Dispensing units to supply; worked out for a CountableUnit when "
        "omitted, required for doses in mg, mL...",
    )
    instructions: str | None = Field(default=None, max_length=500)

    _drug = field_validator("drug_id")(_known_drug)
    _frequency = field_validator("frequency")(_known_frequency)


class CheckRequest(InputModel):
    patient_id: uuid.UUID
    items: list[ItemIn] = Field(min_length=1, max_length=20)


class OverrideIn(InputModel):
    code: str = Field(min_length=1, max_length=200, description="The warning's code")
    reason: str = Field(min_length=5, max_length=1000, description="Why the risk is accepted")


class PrescriptionCreate(InputModel):
    patient_id: uuid.UUID
    items: list[ItemIn] = Field(min_length=1, max_length=20)
    overrides: list[OverrideIn] = Field(default_factory=list, max_length=50)
    note: str | None = Field(default=None, max_length=2000)
    status: Literal["active", "draft"] = Field(
        default="active", description="A draft is saved without overrides and not dispensed"
    )


class ActivateIn(InputModel):
    overrides: list[OverrideIn] = Field(default_factory=list, max_length=50)


class EndIn(InputModel):
    reason: str = Field(min_length=3, max_length=1000)


class DispenseItemIn(InputModel):
    item_id: uuid.UUID
    quantity: int = Field(ge=1, le=100_000)


class DispenseIn(InputModel):
    items: list[DispenseItemIn] | None = Field(
        default=None,
        max_length=20,
        description="Per-item quantities; omit to dispense everything still to be dispensed",
    )
    note: str | None = Field(default=None, max_length=1000)


# --- output (documentation of the JSON the routers write) ---

# Text as stored (the table's check constraint keeps it to STATUSES); the document lists them.
Status = Annotated[str, WithJsonSchema({"type": "string", "enum": list(STATUSES)})]


class InputUsedOut(APIModel):
    name: str
    value: float | str
    unit: str | None = None
    measured_at: datetime | None = None
    age_days: float | None = None
    stale: bool = False


class OverrideOut(APIModel):
    reason: str
    by: uuid.UUID
    at: datetime


class WarningOut(APIModel):
    code: str
    kind: Literal["interaction", "allergy", "dose", "renal", "duplicate", "contraindication"]
    severity: Literal["contraindicated", "major", "moderate", "minor"]
    drug_ids: list[str]
    message: str
    source: str
    management: str | None = None
    monitoring: str | None = Field(default=None, description="What to watch if it goes ahead")
    needs_override: bool
    inputs: list[InputUsedOut] | None = None
    override: OverrideOut | None = None


class FactsOut(APIModel):
    age_years: float | None
    sex: str | None
    weight: InputUsedOut | None
    serum_creatinine: InputUsedOut | None
    crcl_ml_min: float | None
    active_drug_ids: list[str]
    conditions: list[str]
    allergies: int
    missing: list[str]


class CheckResponse(APIModel):
    warnings: list[WarningOut]
    facts: FactsOut
    knowledge_version: str


class ItemOut(APIModel):
    id: uuid.UUID
    position: int
    drug_id: str
    drug_name: str
    dose: float
    unit: str
    route: str
    frequency: str
    doses_per_day: float | None
    as_needed: bool
    duration_days: int | None
    quantity: int
    dispensed_quantity: int
    remaining_quantity: int
    instructions: str | None


class HistoryOut(APIModel):
    from_status: Status | None
    to_status: Status
    at: datetime
    by: UserRef
    reason: str | None


class PrescriptionOut(APIModel):
    id: uuid.UUID
    patient: PatientRef
    prescriber: UserRef
    status: Status
    note: str | None
    prescribed_at: datetime
    activated_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    version: int
    knowledge_version: str | None
    items: list[ItemOut]
    warnings: list[WarningOut]
    history: list[HistoryOut] | None = None


class PrescriptionPage(Page[PrescriptionOut]):
    pass


class DispensedItemOut(APIModel):
    item_id: uuid.UUID
    drug_id: str
    drug_name: str
    quantity: int
    unit: str | None
    stock_after: int | None = None


class DispenseOut(APIModel):
    id: uuid.UUID
    prescription_id: uuid.UUID
    dispensed_at: datetime
    dispensed_by: UserRef
    note: str | None
    items: list[DispensedItemOut]
    status: Status | None = None


class DispenseList(APIModel):
    items: list[DispenseOut]


Json = dict[str, Any]


# The pharmacist's queue (GET /pharmacy/queue).


class QueueItemOut(ItemOut):
    stock_on_hand: int | None
    stock_unit: str | None


class QueueEntryOut(APIModel):
    id: uuid.UUID
    patient: PatientRef
    prescriber: UserRef
    status: str
    activated_at: datetime
    note: str | None
    items: list[QueueItemOut]
    warnings: int
    overridden_warnings: int


class QueuePage(Page[QueueEntryOut]):
    pass
