"""Adverse event API schemas.

Severity follows the CTCAE v5.0 grades (1 mild, 2 moderate, 3 severe, 4 life-threatening,
5 death related to the event); outcome follows ICH E2B(R3) data element E.i.7 (outcome of
the reaction at the time of the last observation).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, model_validator

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, PersonRef


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    LIFE_THREATENING = "life-threatening"
    FATAL = "fatal"


class Outcome(StrEnum):
    RECOVERED = "recovered"
    RECOVERING = "recovering"
    NOT_RECOVERED = "not-recovered"
    RECOVERED_WITH_SEQUELAE = "recovered-with-sequelae"
    FATAL = "fatal"
    UNKNOWN = "unknown"


class AdverseEventCreate(InputModel):
    description: str = Field(min_length=1, max_length=5000)
    severity: Severity
    outcome: Outcome
    onset_date: date
    prescription_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _fatal_agrees(self) -> AdverseEventCreate:
        # CTCAE grade 5 is death related to the event; E2B outcome 'fatal' is the same death.
        if (self.severity == Severity.FATAL) != (self.outcome == Outcome.FATAL):
            raise ValueError(
                "severity 'fatal' and outcome 'fatal' go together: set both, or neither, to fatal"
            )
        return self


class AdverseEventOut(APIModel):
    id: uuid.UUID
    patient_id: uuid.UUID
    prescription_id: uuid.UUID | None
    description: str
    severity: Severity
    outcome: Outcome
    onset_date: date
    reported_at: datetime
    reported_by: PersonRef
    reporter_role: str


class AdverseEventPage(Page[AdverseEventOut]):
    pass
