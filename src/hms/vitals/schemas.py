"""Vitals API schemas: any subset of the measurements, with NEWS2 on the way out."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, Field, StrictBool, StrictFloat, model_validator

from hms.platform.schemas import APIModel, InputModel, PatientRef, UserRef, WardRef


class Consciousness(StrEnum):
    """ACVPU (NEWS2, RCP 2017): 'confusion' means new confusion."""

    ALERT = "alert"
    CONFUSION = "confusion"
    VOICE = "voice"
    PAIN = "pain"
    UNRESPONSIVE = "unresponsive"


ACVPU_LETTER = {
    Consciousness.ALERT: "A",
    Consciousness.CONFUSION: "C",
    Consciousness.VOICE: "V",
    Consciousness.PAIN: "P",
    Consciousness.UNRESPONSIVE: "U",
}
ACVPU_WORD = {letter: c.value for c, letter in ACVPU_LETTER.items()}


class VitalsIn(InputModel):
    heart_rate: StrictFloat | None = Field(default=None, description="/min")
    systolic_bp: StrictFloat | None = Field(default=None, description="mmHg")
    diastolic_bp: StrictFloat | None = Field(default=None, description="mmHg")
    temperature: StrictFloat | None = Field(default=None, description="°C")
    spo2: StrictFloat | None = Field(default=None, description="%")
    respiration_rate: StrictFloat | None = Field(default=None, description="/min")
    on_oxygen: StrictBool | None = None
    consciousness: Consciousness | None = None
    weight_kg: StrictFloat | None = Field(default=None, description="kg")
    height_cm: StrictFloat | None = Field(default=None, description="cm")
    recorded_at: AwareDatetime | None = Field(
        default=None, description="When measured; default now, at most 5 minutes ahead"
    )

    @model_validator(mode="after")
    def _something_measured(self) -> VitalsIn:
        if all(getattr(self, name) is None for name in MEASURED_FIELDS):
            raise ValueError(
                "record at least one measurement: heartRate, systolicBp, diastolicBp, "
                "temperature, spo2, respirationRate, onOxygen, consciousness, weightKg, heightCm"
            )
        return self


# The measurements of a set: the numbers, then oxygen (yes/no) and consciousness (ACVPU).
NUMBERS = (
    "heart_rate",
    "systolic_bp",
    "diastolic_bp",
    "temperature",
    "spo2",
    "respiration_rate",
    "weight_kg",
    "height_cm",
)
MEASURED_FIELDS = (*NUMBERS, "on_oxygen", "consciousness")


class News2Out(APIModel):
    total: int
    band: str = Field(description="low, low-medium, medium or high")
    subscores: dict[str, int] = Field(description="Points per scored parameter (camelCase)")
    missing: list[str] = Field(description="Parameters not recorded, chart order (camelCase)")
    scale: int = Field(description="SpO2 scale used: 1, or 2 for hypercapnic failure")


class VitalsOut(APIModel):
    id: uuid.UUID
    patient_id: uuid.UUID
    recorded_at: datetime
    recorded_by: uuid.UUID | None
    heart_rate: float | None
    systolic_bp: float | None
    diastolic_bp: float | None
    temperature: float | None
    spo2: float | None
    respiration_rate: float | None
    on_oxygen: bool | None
    consciousness: Consciousness | None
    weight_kg: float | None
    height_cm: float | None
    news2: News2Out | None = Field(
        description="NEWS2 (© RCP 2017) of this set; null when no NEWS2 parameter was recorded"
    )


class VitalsCreated(VitalsOut):
    alert_id: uuid.UUID | None = Field(
        description="The NEWS2 alert this set raised; null when its band does not alert or "
        "an open NEWS2 alert of the patient is already as severe"
    )


class VitalsSeries(APIModel):
    patient_id: uuid.UUID
    from_: datetime = Field(alias="from")
    to: datetime
    items: list[VitalsOut] = Field(description="Oldest first")
    truncated: bool = Field(description="True when the range held more than `limit` sets")


class LatestVitals(APIModel):
    patient_id: uuid.UUID
    vitals: VitalsOut | None


class BedRef(APIModel):
    id: uuid.UUID
    label: str


class WardPatientVitals(APIModel):
    bed: BedRef
    patient: PatientRef
    encounter_id: uuid.UUID
    vitals: VitalsOut | None


class WardLatestVitals(APIModel):
    ward: WardRef
    as_of: datetime
    items: list[WardPatientVitals]


class News2ScaleIn(InputModel):
    scale: int = Field(ge=1, le=2, description="1 (default) or 2 (hypercapnic failure)")
    reason: str = Field(min_length=3, max_length=2000)


class News2ScaleChange(APIModel):
    scale: int
    previous_scale: int
    reason: str
    set_by: UserRef
    set_at: datetime


class News2ScaleOut(APIModel):
    patient_id: uuid.UUID
    scale: int
    history: list[News2ScaleChange] = Field(description="Newest first")


News2ScaleChange.model_rebuild()
