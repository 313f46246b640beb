"""Adverse events reported for a patient, optionally against a prescription."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import cast

from sqlalchemy import Date, DateTime, ForeignKey, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from hms.platform.db import TenantBase


class AdverseEvent(TenantBase):
    __tablename__ = "adverse_events"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id"))
    prescription_id: Mapped[uuid.UUID | None] = mapped_column()
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(24))
    outcome: Mapped[str] = mapped_column(String(32))
    onset_date: Mapped[date] = mapped_column(Date)
    reported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    reported_by: Mapped[uuid.UUID] = mapped_column()
    reporter_role: Mapped[str] = mapped_column(String(32))


# The table, for Core statements.
adverse_events = cast(Table, AdverseEvent.__table__)
