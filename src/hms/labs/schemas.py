"""Lab API schemas: catalog, orders, the worklist, results and corrections."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import AwareDatetime, Field, field_validator

from hms.labs.catalog import UnknownLabTest, get_test
from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PersonRef


class Priority(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    STAT = "stat"


class OrderStatus(StrEnum):
    PENDING = "pending"  # no result yet
    IN_PROGRESS = "in-progress"  # some tests resulted
    COMPLETED = "completed"  # every test has a result


class ResultStatus(StrEnum):
    PRELIMINARY = "preliminary"  # entered, not verified
    FINAL = "final"  # verified first version
    CORRECTED = "corrected"  # verified correction of an earlier version
    SUPERSEDED = "superseded"  # replaced by a correction; kept for history


# --- catalog ---------------------------------------------------------------------------


class CatalogUnit(APIModel):
    unit: str
    loinc: str


class CatalogInterval(APIModel):
    sex: str
    age_from_years: float
    age_below_years: float | None
    low: float | None
    high: float | None


class CatalogTestOut(APIModel):
    key: str
    display: str
    loinc: str
    unit: str
    decimals: int
    alternate_units: list[CatalogUnit]
    reference: list[CatalogInterval]
    critical_low: str | None = Field(description="As the source writes it, e.g. '<2.8'")
    critical_high: str | None
    critical_from_age_years: float
    source: str


class CatalogPage(Page[CatalogTestOut]):
    pass


# --- orders ----------------------------------------------------------------------------


class LabOrderCreate(InputModel):
    tests: list[str] = Field(
        min_length=1, max_length=50, description="LOINC codes from the catalog (keys accepted)"
    )
    priority: Priority = Priority.ROUTINE
    note: str | None = Field(default=None, max_length=2000)

    @field_validator("tests")
    @classmethod
    def _known_and_distinct(cls, codes: list[str]) -> list[str]:
        keys: list[str] = []
        for code in codes:
            try:
                test = get_test(code)
            except UnknownLabTest:
                raise ValueError(f"{code!r} is not a test in the lab catalog") from None
            if test.key in keys:
                raise ValueError(f"{code!r} ({test.display}) is listed twice")
            keys.append(test.key)
        return keys


class PatientBrief(APIModel):
    id: uuid.UUID
    name: str
    mrn: str
    gender: str
    date_of_birth: date


class OrderedTest(APIModel):
    key: str
    loinc: str
    display: str
    unit: str
    result_id: uuid.UUID | None = Field(description="The current version of its result, if any")
    category: str | None


class LabOrderOut(APIModel):
    id: uuid.UUID
    patient: PatientBrief
    priority: Priority
    note: str | None
    status: OrderStatus
    ordered_at: datetime
    ordered_by: PersonRef
    completed_at: datetime | None
    tests: list[OrderedTest]


class LabOrderPage(Page[LabOrderOut]):
    pass


# --- results ---------------------------------------------------------------------------


class ResultIn(InputModel):
    loinc: str = Field(min_length=1, max_length=16, description="An ordered test's LOINC code")
    value: float = Field(allow_inf_nan=False)
    unit: str | None = Field(
        default=None, min_length=1, max_length=32, description="Defaults to the catalog unit"
    )


class ResultsIn(InputModel):
    results: list[ResultIn] = Field(min_length=1, max_length=50)
    collected_at: AwareDatetime | None = Field(
        default=None, description="When the sample was taken; defaults to now"
    )


class CorrectionIn(InputModel):
    value: float = Field(allow_inf_nan=False)
    unit: str | None = Field(default=None, min_length=1, max_length=32)
    reason: str = Field(min_length=1, max_length=1000)


class LabResultOut(APIModel):
    id: uuid.UUID
    order_id: uuid.UUID
    patient_id: uuid.UUID
    test_key: str
    loinc: str
    display: str
    value: float = Field(description="In the catalog unit, rounded to its resolution")
    unit: str
    reported_value: float = Field(description="As entered")
    reported_unit: str
    flag: str = Field(description="normal, low, high, critical-low, critical-high, ...")
    category: str = Field(description="normal, abnormal, critical or unknown")
    reference_low: float | None
    reference_high: float | None
    collected_at: datetime
    status: ResultStatus
    version: int
    corrects_id: uuid.UUID | None
    superseded_by: uuid.UUID | None
    correction_reason: str | None
    entered_at: datetime
    entered_by: PersonRef
    verified_at: datetime | None
    verified_by: PersonRef | None


class LabResultList(APIModel):
    items: list[LabResultOut]


class LabResultPage(Page[LabResultOut]):
    pass


class LabResultDetail(LabResultOut):
    history: list[LabResultOut] = Field(description="Every version of this result, oldest first")
