"""Formulary (a hospital's stock of global catalog drugs) and stock movements (t0004)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Computed, DateTime, Integer, String, Table, Text
from sqlalchemy.dialects.postgresql import UUID

from hms.platform.db import TenantBase

RECEIPT = "receipt"
ADJUSTMENT = "adjustment"
DISPENSE = "dispense"

formulary = Table(
    "formulary",
    TenantBase.metadata,
    Column("drug_id", String(120), primary_key=True),
    Column("unit", String(32), nullable=False),
    Column("strength", String(40)),
    Column("quantity_on_hand", Integer, nullable=False),
    Column("reorder_level", Integer, nullable=False),
    Column("in_stock", Boolean, Computed("quantity_on_hand > 0", persisted=True)),
    Column("listed", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True)),
    Column("updated_by", UUID(as_uuid=True)),
)

stock_movements = Table(
    "stock_movements",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("drug_id", String(120), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("balance_after", Integer, nullable=False),
    Column("reason", Text),
    Column("reference", String(100)),
    Column("prescription_id", UUID(as_uuid=True)),
    Column("dispense_id", UUID(as_uuid=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", UUID(as_uuid=True), nullable=False),
)
