"""The vitals time series (one table per hospital schema), as Core tables for the hot path."""

from __future__ import annotations

import secrets
import time
import uuid

from sqlalchemy import (
    CHAR,
    REAL,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import UUID

from hms.platform.db import TenantBase

vitals = Table(
    "vitals",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("patient_id", UUID(as_uuid=True), ForeignKey("patients.id"), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", UUID(as_uuid=True)),
    Column("heart_rate", REAL),
    Column("systolic_bp", REAL),
    Column("diastolic_bp", REAL),
    Column("temperature", REAL),
    Column("spo2", REAL),
    Column("respiration_rate", REAL),
    Column("on_oxygen", Boolean),
    Column("consciousness", CHAR(1)),
    Column("weight_kg", REAL),
    Column("height_cm", REAL),
    Column("news2_scale", SmallInteger, nullable=False),
    Column("news2_total", SmallInteger),
    Column("news2_band", String(10)),
)

news2_scale_changes = Table(
    "news2_scale_changes",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("patient_id", UUID(as_uuid=True), ForeignKey("patients.id"), nullable=False),
    Column("scale", SmallInteger, nullable=False),
    Column("previous_scale", SmallInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("set_by", UUID(as_uuid=True), nullable=False),
    Column("set_at", DateTime(timezone=True)),
)

# The two patient columns vitals need, on a metadata of their own so the patient model
# (hms.patients.models) stays the one declaration of that table.
patient_scale = Table(
    "patients",
    MetaData(),
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("news2_scale", SmallInteger, nullable=False),
)

# The open bed stays (encounters' table), read only for the ward a set is announced to.
open_stays = Table(
    "bed_stays",
    MetaData(),
    Column("patient_id", UUID(as_uuid=True)),
    Column("ward_id", UUID(as_uuid=True)),
    Column("ended_at", DateTime(timezone=True)),
)


def uuid7() -> uuid.UUID:
    """A time-ordered UUID (RFC 9562 version 7): new rows land at the right edge of the
    primary-key index instead of on a random page of a table that grows by millions."""
    ms = time.time_ns() // 1_000_000
    value = (ms & (2**48 - 1)) << 80 | 0x7 << 76 | secrets.randbits(12) << 64
    value |= 0b10 << 62 | secrets.randbits(62)
    return uuid.UUID(int=value)
