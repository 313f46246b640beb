"""Devices (one table per hospital schema) and their credentials (one public table, read by
the pipeline's device door)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, LargeBinary, Table, Text, func
from sqlalchemy.dialects.postgresql import UUID

from hms.platform.db import PublicBase, TenantBase

devices = Table(
    "devices",
    TenantBase.metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("serial", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("ward_id", UUID(as_uuid=True), ForeignKey("wards.id")),
    Column("bed_id", UUID(as_uuid=True), ForeignKey("beds.id")),
    Column("patient_id", UUID(as_uuid=True), ForeignKey("patients.id")),
    Column("secret_hash", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", UUID(as_uuid=True)),
    Column("last_seen_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", UUID(as_uuid=True)),
)

# Kept in step with ``devices`` in the same transaction (register, revoke).
device_credentials = Table(
    "device_credentials",
    PublicBase.metadata,
    Column("device_id", UUID(as_uuid=True), primary_key=True),
    Column("hospital_id", UUID(as_uuid=True), nullable=False),
    Column("serial", Text, nullable=False),
    Column("secret_hash", LargeBinary, nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
