"""The append-only audit log (one per hospital schema, and one in public for platform actions)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Table, Text, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

from hms.platform.db import TenantBase

audit_log = Table(
    "audit_log",
    TenantBase.metadata,
    Column("id", BigInteger, primary_key=True),
    Column("at", DateTime(timezone=True), server_default=func.now()),
    Column("actor_id", UUID(as_uuid=True)),
    Column("actor_role", Text, nullable=False),
    Column("hospital_id", UUID(as_uuid=True)),
    Column("action", Text, nullable=False),
    Column("patient_id", UUID(as_uuid=True)),
    Column("outcome", Text, nullable=False),
    Column("ip", Text),
    Column("detail", JSONB),
)

COLUMNS = ("at", "actor_id", "actor_role", "hospital_id", "action", "patient_id", "outcome", "ip")
