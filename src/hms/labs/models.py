"""Lab orders and their results; a result is versioned, never overwritten once verified."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import ARRAY, DateTime, ForeignKey, Integer, Numeric, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from hms.platform.db import TenantBase

# The unique (order_id, test_key, version) constraint of migration t0003.
RESULT_VERSION_UNIQUE = "uq_lab_results_version"


class LabOrder(TenantBase):
    __tablename__ = "lab_orders"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id"))
    tests: Mapped[list[str]] = mapped_column(ARRAY(String(64)))  # catalog keys
    priority: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    ordered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    ordered_by: Mapped[uuid.UUID] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LabResult(TenantBase):
    __tablename__ = "lab_results"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lab_orders.id"))
    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id"))
    test_key: Mapped[str] = mapped_column(String(64))
    loinc: Mapped[str] = mapped_column(String(16))
    display: Mapped[str] = mapped_column(String(200))
    reported_value: Mapped[Decimal] = mapped_column(Numeric)
    reported_unit: Mapped[str] = mapped_column(String(32))
    value: Mapped[Decimal] = mapped_column(Numeric)
    unit: Mapped[str] = mapped_column(String(32))
    flag: Mapped[str] = mapped_column(String(24))
    category: Mapped[str] = mapped_column(String(16))
    reference_low: Mapped[Decimal | None] = mapped_column(Numeric)
    reference_high: Mapped[Decimal | None] = mapped_column(Numeric)
    collected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_results.id"))
    superseded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lab_results.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    entered_by: Mapped[uuid.UUID] = mapped_column()
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by: Mapped[uuid.UUID | None] = mapped_column()


# The tables, for Core statements.
lab_orders = cast(Table, LabOrder.__table__)
lab_results = cast(Table, LabResult.__table__)
