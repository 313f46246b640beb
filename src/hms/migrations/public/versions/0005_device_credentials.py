"""Bedside device credentials, one row per device of any hospital: the device door finds a
device by its serial here and learns its hospital from the row, never from the request.

Revision ID: p0005
Revises: p0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "p0005"
down_revision = "p0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_credentials",
        # The device's id in its hospital's ``devices`` table, written in the same transaction.
        sa.Column("device_id", pg.UUID(), primary_key=True),
        sa.Column("hospital_id", pg.UUID(), sa.ForeignKey("public.tenants.id"), nullable=False),
        sa.Column("serial", sa.Text(), nullable=False),
        # SHA-256 of a 256-bit random secret: a secret that strong needs no slow hash.
        sa.Column("secret_hash", sa.LargeBinary(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("hospital_id", "serial", name="uq_device_credentials_hospital_serial"),
        schema="public",
    )
    op.create_index(
        "ix_device_credentials_serial", "device_credentials", ["serial"], schema="public"
    )


def downgrade() -> None:
    op.drop_table("device_credentials", schema="public")
