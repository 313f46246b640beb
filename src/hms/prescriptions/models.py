"""Prescription tables of a hospital schema (migration t0004), as Core tables.

Foreign keys to ``public.drugs`` and ``patients`` live in the migration; they are not
declared here because the global catalog belongs to another metadata.
"""

from __future__ import annotations

from sqlalchemy import (
    REAL,
    Boolean,
    Column,
    DateTime,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from hms.platform.db import TenantBase

DRAFT = "draft"
ACTIVE = "active"
PARTIAL = "partially-dispensed"
FULL = "fully-dispensed"
CANCELLED = "cancelled"
STOPPED = "stopped"
STATUSES = (DRAFT, ACTIVE, PARTIAL, FULL, CANCELLED, STOPPED)
OPEN = (ACTIVE, PARTIAL)  # waiting in the pharmacy queue
# Prescriptions whose items count as the patient's current medication for the checks.
CURRENT = (ACTIVE, PARTIAL, FULL)

prescriptions = Table(
    "prescriptions",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("patient_id", UUID(as_uuid=True), nullable=False),
    Column("prescriber_id", UUID(as_uuid=True), nullable=False),
    Column("status", String(24), nullable=False),
    Column("note", Text),
    Column("warnings", JSONB, nullable=False),
    Column("knowledge_version", String(64)),
    Column("prescribed_at", DateTime(timezone=True), nullable=False),
    Column("activated_at", DateTime(timezone=True)),
    Column("activated_by", UUID(as_uuid=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("ended_by", UUID(as_uuid=True)),
    Column("end_reason", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

prescription_items = Table(
    "prescription_items",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("prescription_id", UUID(as_uuid=True), nullable=False),
    Column("position", SmallInteger, nullable=False),
    Column("drug_id", String(120), nullable=False),
    Column("dose", Numeric, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("route", String(16), nullable=False),
    Column("frequency", String(40), nullable=False),
    Column("doses_per_day", REAL),
    Column("as_needed", Boolean, nullable=False),
    Column("duration_days", Integer),
    Column("quantity", Integer, nullable=False),
    Column("dispensed_quantity", Integer, nullable=False),
    Column("instructions", Text),
)

status_history = Table(
    "prescription_status_history",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("prescription_id", UUID(as_uuid=True), nullable=False),
    Column("from_status", String(24)),
    Column("to_status", String(24), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", UUID(as_uuid=True), nullable=False),
    Column("reason", Text),
)

idempotency_keys = Table(
    "prescription_idempotency_keys",
    TenantBase.metadata,
    Column("user_id", UUID(as_uuid=True), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("prescription_id", UUID(as_uuid=True), nullable=False),
    Column("created_at", DateTime(timezone=True)),
)

dispenses = Table(
    "dispenses",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("prescription_id", UUID(as_uuid=True), nullable=False),
    Column("dispensed_at", DateTime(timezone=True), nullable=False),
    Column("dispensed_by", UUID(as_uuid=True), nullable=False),
    Column("note", Text),
)

dispense_items = Table(
    "dispense_items",
    TenantBase.metadata,
    Column("dispense_id", UUID(as_uuid=True), primary_key=True),
    Column("item_id", UUID(as_uuid=True), primary_key=True),
    Column("drug_id", String(120), nullable=False),
    Column("quantity", Integer, nullable=False),
)
