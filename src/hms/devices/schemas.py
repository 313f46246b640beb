"""Device API schemas: registration, the device list, and a batch of readings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, Field

from hms.platform.schemas import APIModel, InputModel
from hms.vitals.schemas import VitalsIn

MAX_READINGS = 500
# Letters, digits, dot, dash, underscore: no colon (HTTP Basic splits there) and no slash
# (a serial is also a topic level).
SERIAL = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class DeviceIn(InputModel):
    serial: str = Field(pattern=SERIAL, description="The device's serial, unique in the hospital")
    kind: str = Field(min_length=1, max_length=64, description="e.g. bedside-monitor")
    ward: uuid.UUID | None = Field(default=None, description="Ward id")
    bed: uuid.UUID | None = Field(
        default=None, description="Bed id: readings go to the bed's patient at their time"
    )
    patient_id: uuid.UUID | None = Field(
        default=None, description="Bound patient: readings go to this patient, whatever the bed"
    )


class DeviceOut(APIModel):
    id: uuid.UUID
    serial: str
    kind: str
    ward: uuid.UUID | None
    bed: uuid.UUID | None
    patient_id: uuid.UUID | None
    created_at: datetime
    created_by: uuid.UUID | None
    last_seen_at: datetime | None = Field(description="Last authenticated ingestion")
    revoked_at: datetime | None


class DeviceCreated(DeviceOut):
    secret: str = Field(
        description="The device's secret (HTTP Basic serial:secret); shown this once only"
    )


class ReadingIn(VitalsIn):
    """One reading: any vitals field, and the device's own time of measurement."""

    recorded_at: AwareDatetime = Field(
        description="When the device measured; at most 5 minutes ahead of the server clock"
    )


class ReadingsIn(InputModel):
    # Each reading is checked on its own, so one bad reading does not refuse the batch.
    readings: list[Any] = Field(min_length=1, max_length=MAX_READINGS)


class FieldError(APIModel):
    field: str
    message: str


class Rejected(APIModel):
    index: int = Field(description="Position of the reading in the batch, from 0")
    errors: list[FieldError]


class IngestResult(APIModel):
    accepted: int = Field(description="Readings stored now")
    duplicates: int = Field(description="Readings already stored (same device and recordedAt)")
    rejected: list[Rejected]
