"""Appointment API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import AwareDatetime, Field, ValidationInfo, field_validator

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PatientRef, PersonRef, RowVersion

MIN_LENGTH = timedelta(minutes=5)
MAX_LENGTH = timedelta(minutes=240)


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked-in"
    CANCELLED = "cancelled"


def _slot_length(ends_at: datetime, info: ValidationInfo) -> datetime:
    starts_at = info.data.get("starts_at")
    if starts_at is None:
        return ends_at
    length = ends_at - starts_at
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        minutes = length.total_seconds() / 60
        raise ValueError(
            f"must be 5 to 240 minutes after startsAt (it is {minutes:g} minutes after it)"
        )
    return ends_at


class AppointmentCreate(InputModel):
    patient_id: uuid.UUID
    doctor_id: uuid.UUID
    starts_at: AwareDatetime = Field(description="With a UTC offset, e.g. 2026-12-01T09:00:00Z")
    ends_at: AwareDatetime = Field(description="5 to 240 minutes after startsAt")
    reason: str = Field(min_length=1, max_length=500)

    _length = field_validator("ends_at")(_slot_length)


class AppointmentReschedule(InputModel):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    doctor_id: uuid.UUID | None = Field(default=None, description="Omit to keep the doctor")
    version: RowVersion | None = Field(
        default=None, description="The version you read; a stale one answers 409"
    )

    _length = field_validator("ends_at")(_slot_length)


class AppointmentCancel(InputModel):
    reason: str = Field(min_length=1, max_length=500)
    version: RowVersion | None = None


class AppointmentOut(APIModel):
    id: uuid.UUID
    patient: PatientRef
    doctor: PersonRef
    starts_at: datetime
    ends_at: datetime
    reason: str
    status: AppointmentStatus
    cancel_reason: str | None
    cancelled_at: datetime | None
    checked_in_at: datetime | None
    encounter_id: uuid.UUID | None
    version: int
    created_at: datetime
    updated_at: datetime


class AppointmentPage(Page[AppointmentOut]):
    window_start: datetime | None = Field(description="Start of the day or week shown, if any")
    window_end: datetime | None


class DoctorOut(APIModel):
    id: uuid.UUID
    name: str


class DoctorPage(Page[DoctorOut]):
    pass
