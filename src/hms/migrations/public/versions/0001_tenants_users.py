"""Tenants, users, refresh tokens, platform audit log.

Revision ID: p0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

from hms.migrations.audit_ddl import create_audit_log

revision = "p0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    op.execute(
        """
        CREATE FUNCTION public.audit_log_is_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.create_table(
        "tenants",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("slug", sa.String(41), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("schema_name", sa.String(63), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.CheckConstraint("slug ~ '^[a-z][a-z0-9_]{1,40}$'", name="slug_format"),
        sa.CheckConstraint("schema_name = 'hospital_' || slug", name="schema_from_slug"),
        schema="public",
    )
    op.create_table(
        "users",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("hospital_id", pg.UUID(), sa.ForeignKey("public.tenants.id")),
        sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.CheckConstraint("email = lower(email)", name="email_lower"),
        sa.CheckConstraint(
            "role IN ('super_admin','hospital_admin','doctor','nurse','pharmacist',"
            "'lab_staff','receptionist')",
            name="role_known",
        ),
        sa.CheckConstraint(
            "(role = 'super_admin') = (hospital_id IS NULL)", name="hospital_unless_super"
        ),
        schema="public",
    )
    op.create_index("ix_users_hospital", "users", ["hospital_id"], schema="public")
    op.create_table(
        "refresh_tokens",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("family_id", pg.UUID(), nullable=False),
        sa.Column(
            "user_id",
            pg.UUID(),
            sa.ForeignKey("public.users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        schema="public",
    )
    op.create_index("ix_refresh_tokens_family", "refresh_tokens", ["family_id"], schema="public")
    create_audit_log(op.execute, "public.")


def downgrade() -> None:
    op.execute("DROP TABLE public.audit_log")
    op.drop_table("refresh_tokens", schema="public")
    op.drop_table("users", schema="public")
    op.drop_table("tenants", schema="public")
    op.execute("DROP FUNCTION public.audit_log_is_append_only()")
