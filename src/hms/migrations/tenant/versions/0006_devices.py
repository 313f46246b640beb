"""Bedside devices, and the device a vitals row came from: one row per device and
``recordedAt``, so a repeated or late reading is stored once by the constraint itself.

Revision ID: t0006
Revises: t0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "t0006"
down_revision = "t0005"
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("serial", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("ward_id", pg.UUID(), sa.ForeignKey("wards.id")),
        sa.Column("bed_id", pg.UUID(), sa.ForeignKey("beds.id")),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id")),
        sa.Column("secret_hash", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("created_by", pg.UUID()),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_by", pg.UUID()),
    )
    op.add_column("vitals", sa.Column("device_id", pg.UUID(), sa.ForeignKey("devices.id")))
    # Manual sets have no device (NULLs are distinct), so the constraint binds devices only.
    op.create_unique_constraint(
        "uq_vitals_device_id_recorded_at", "vitals", ["device_id", "recorded_at"]
    )


def downgrade() -> None:
    op.drop_constraint("uq_vitals_device_id_recorded_at", "vitals")
    op.drop_column("vitals", "device_id")
    op.drop_table("devices")
