"""Patients, audit log and announcements of one hospital.

Revision ID: t0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

from hms.migrations.audit_ddl import create_audit_log

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE mrn_seq")
    op.create_table(
        "patients",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("mrn", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("gender", sa.String(16), nullable=False),
        sa.Column("blood_group", sa.String(3)),
        sa.Column("allergies", pg.JSONB(), nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("created_by", pg.UUID()),
        sa.Column("updated_by", pg.UUID()),
        sa.CheckConstraint("gender IN ('female','male','other','unknown')", name="gender_known"),
        sa.CheckConstraint(
            "blood_group IN ('A+','A-','B+','B-','AB+','AB-','O+','O-')", name="blood_group_known"
        ),
        sa.CheckConstraint("jsonb_typeof(allergies) = 'array'", name="allergies_array"),
    )
    op.execute(
        "CREATE INDEX ix_patients_name_trgm ON patients USING gin (lower(name) gin_trgm_ops)"
    )
    op.execute("CREATE INDEX ix_patients_mrn_prefix ON patients (mrn text_pattern_ops)")
    op.create_index("ix_patients_date_of_birth", "patients", ["date_of_birth"])
    create_audit_log(op.execute, "")
    op.create_table(
        "announcements",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", pg.UUID(), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_index("ix_announcements_created_at", "announcements", ["created_at"])


def downgrade() -> None:
    op.drop_table("announcements")
    op.execute("DROP TABLE audit_log")
    op.drop_table("patients")
    op.execute("DROP SEQUENCE mrn_seq")
