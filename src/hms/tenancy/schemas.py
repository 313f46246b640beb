"""Wire schemas of the super-admin hospital API."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field, field_validator, model_validator

from hms.platform.schemas import APIModel, InputModel
from hms.tenancy.zones import check_time_zone

TimeZoneField = Field(
    default=None, max_length=64, description="IANA time zone, e.g. Europe/London (UTC if absent)"
)


class HospitalIn(InputModel):
    slug: str = Field(min_length=2, max_length=41)
    name: str = Field(min_length=1, max_length=200)
    time_zone: str | None = TimeZoneField

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return None if value is None else check_time_zone(value)


class HospitalUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    time_zone: str | None = TimeZoneField

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return None if value is None else check_time_zone(value)

    @model_validator(mode="after")
    def _something(self) -> HospitalUpdate:
        if self.name is None and self.time_zone is None:
            raise ValueError("give name, timeZone or both")
        return self


class HospitalOut(APIModel):
    id: uuid.UUID
    slug: str
    name: str
    time_zone: str
    created_at: datetime | None = None
