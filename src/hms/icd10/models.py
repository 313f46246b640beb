"""The ICD-10-CM code table and the record of which release is loaded (public schema)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, Text

from hms.platform.db import PublicBase

icd10_codes = Table(
    "icd10_codes",
    PublicBase.metadata,
    Column("code", String(8), primary_key=True),
    Column("description", Text, nullable=False),
    Column("billable", Boolean, nullable=False),
)

icd10_release = Table(
    "icd10_release",
    PublicBase.metadata,
    Column("source", String(100), primary_key=True),
    Column("version", String(50), nullable=False),
    Column("codes", Integer, nullable=False),
    Column("loaded_at", DateTime(timezone=True)),
)
