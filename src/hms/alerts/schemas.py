"""Alert API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PatientRef, UserRef


class AlertKind(StrEnum):
    NEWS2 = "news2"
    LAB_CRITICAL = "lab-critical"


class AlertSeverity(StrEnum):
    """In rising order. NEWS2 alerts carry the NEWS2 band; critical lab results 'critical'."""

    LOW_MEDIUM = "low-medium"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    ALL = "all"


class Acknowledge(InputModel):
    note: str | None = Field(default=None, max_length=2000)


class Location(APIModel):
    ward_id: uuid.UUID
    ward_code: str
    bed_label: str


class AlertOut(APIModel):
    id: uuid.UUID
    patient: PatientRef
    location: Location | None = Field(description="The patient's bed now, if admitted")
    kind: AlertKind
    severity: AlertSeverity
    summary: str
    source_id: uuid.UUID | None
    created_at: datetime
    status: AlertStatus
    acknowledged_by: UserRef | None
    acknowledged_at: datetime | None
    ack_note: str | None


class AlertPage(Page[AlertOut]):
    pass
