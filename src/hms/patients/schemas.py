"""Patient API schemas (fields per the design's ERD, allergies as structured entries)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, field_validator

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, RowVersion


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class BloodGroup(StrEnum):
    A_POS = "A+"
    A_NEG = "A-"
    B_POS = "B+"
    B_NEG = "B-"
    AB_POS = "AB+"
    AB_NEG = "AB-"
    O_POS = "O+"
    O_NEG = "O-"


class AllergySeverity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Allergy(InputModel):
    substance: str = Field(min_length=1, max_length=100)
    class_: str | None = Field(default=None, alias="class", max_length=100)
    reaction: str | None = Field(default=None, max_length=200)
    severity: AllergySeverity


MRN_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$"


def _plausible_birth(value: date | None) -> date | None:
    if value is not None and (value > date.today() or value.year < 1880):
        raise ValueError("date of birth must be in the past and after 1880")
    return value


class PatientCreate(InputModel):
    name: str = Field(min_length=1, max_length=200)
    date_of_birth: date
    gender: Gender
    blood_group: BloodGroup | None = None
    allergies: list[Allergy] = Field(default_factory=list, max_length=100)
    mrn: str | None = Field(default=None, pattern=MRN_PATTERN)

    _dob = field_validator("date_of_birth")(_plausible_birth)


class PatientUpdate(InputModel):
    version: RowVersion = Field(description="The version you read; a stale one answers 409")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    date_of_birth: date | None = None
    gender: Gender | None = None
    blood_group: BloodGroup | None = None
    allergies: list[Allergy] | None = Field(default=None, max_length=100)

    _dob = field_validator("date_of_birth")(_plausible_birth)


class PatientOut(APIModel):
    id: uuid.UUID
    mrn: str
    name: str
    date_of_birth: date
    gender: Gender
    blood_group: BloodGroup | None
    allergies: list[dict[str, str | None]]
    version: int
    created_at: datetime
    updated_at: datetime


class PatientPage(Page[PatientOut]):
    pass
