"""Encounter, ward and census API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field, model_validator

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PatientRef, WardRef

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"


class EncounterKind(StrEnum):
    OUTPATIENT = "outpatient"
    EMERGENCY = "emergency"
    INPATIENT = "inpatient"


class Disposition(StrEnum):
    HOME = "home"
    TRANSFER_OTHER_FACILITY = "transfer-other-facility"
    DECEASED = "deceased"
    AGAINST_MEDICAL_ADVICE = "against-medical-advice"
    OTHER = "other"


# --- wards and beds ---------------------------------------------------------------


class WardCreate(InputModel):
    code: str = Field(pattern=CODE_PATTERN, description="Short unique code, e.g. MED-A")
    name: str = Field(min_length=1, max_length=200)
    beds: list[str] = Field(
        default_factory=list, max_length=200, description="Labels of beds to create with it"
    )


class BedCreate(InputModel):
    label: str = Field(min_length=1, max_length=32)


class BedOut(APIModel):
    id: uuid.UUID
    ward_id: uuid.UUID
    label: str
    occupied: bool


class WardOut(APIModel):
    id: uuid.UUID
    code: str
    name: str
    beds: list[BedOut]


class WardSummary(APIModel):
    id: uuid.UUID
    code: str
    name: str
    bed_count: int
    occupied_count: int


class WardPage(Page[WardSummary]):
    pass


class Occupant(APIModel):
    patient: PatientRef
    encounter_id: uuid.UUID
    kind: EncounterKind
    admitted_at: datetime
    in_bed_since: datetime
    length_of_stay_hours: int
    length_of_stay_days: int


class CensusBed(APIModel):
    bed_id: uuid.UUID
    label: str
    occupant: Occupant | None


class Census(APIModel):
    ward: WardRef
    as_of: datetime
    total_beds: int
    occupied: int
    beds: list[CensusBed]


# --- encounters -------------------------------------------------------------------


class EncounterCreate(InputModel):
    patient_id: uuid.UUID
    kind: EncounterKind
    reason: str | None = Field(default=None, max_length=2000)
    ward_id: uuid.UUID | None = Field(default=None, description="Required for inpatient")
    bed_id: uuid.UUID | None = Field(default=None, description="Required for inpatient")

    @model_validator(mode="after")
    def _placement(self) -> EncounterCreate:
        if self.kind == EncounterKind.INPATIENT and (self.ward_id is None or self.bed_id is None):
            raise ValueError("an inpatient admission needs wardId and bedId")
        if self.kind == EncounterKind.OUTPATIENT and (self.ward_id or self.bed_id):
            raise ValueError("an outpatient encounter takes no ward or bed")
        if (self.ward_id is None) != (self.bed_id is None):
            raise ValueError("give wardId and bedId together")
        return self


class Transfer(InputModel):
    ward_id: uuid.UUID
    bed_id: uuid.UUID


class Discharge(InputModel):
    disposition: Disposition
    diagnoses: list[str] = Field(
        default_factory=list,
        max_length=25,
        description="ICD-10-CM codes, billable, principal first; with or without the dot",
    )
    note: str | None = Field(default=None, max_length=10_000)


class Diagnosis(APIModel):
    code: str
    description: str


class BedPlacement(APIModel):
    ward_id: uuid.UUID
    ward_code: str
    ward_name: str
    bed_id: uuid.UUID
    bed_label: str
    started_at: datetime
    ended_at: datetime | None


class EncounterOut(APIModel):
    id: uuid.UUID
    patient_id: uuid.UUID
    kind: EncounterKind
    status: str = Field(description="open or closed")
    reason: str | None
    opened_at: datetime
    opened_by: uuid.UUID | None
    closed_at: datetime | None
    closed_by: uuid.UUID | None
    disposition: Disposition | None
    discharge_diagnoses: list[Diagnosis]
    discharge_note: str | None
    bed: BedPlacement | None = Field(description="The bed occupied now, if any")
    stays: list[BedPlacement] = Field(description="Every bed of this encounter, oldest first")


class EncounterPage(Page[EncounterOut]):
    pass


class EncounterEvent(APIModel):
    """What ``encounter:admitted|transferred|discharged`` carry: enough for a census or a
    chart to refetch, and no patient name, reason or diagnosis."""

    encounter_id: uuid.UUID
    patient_id: uuid.UUID
    kind: EncounterKind
    status: str = Field(description="open or closed")
    ward_id: uuid.UUID | None = Field(description="The ward the patient is in now, if any")
    bed_id: uuid.UUID | None = Field(description="The bed the patient is in now, if any")
    from_ward_id: uuid.UUID | None = Field(description="The ward just left, if any")
    from_bed_id: uuid.UUID | None = Field(description="The bed just left, if any")
