"""A hospital's local time zone (IANA name): the calendar day of check-in and day views.

Revision ID: p0004
Revises: p0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "p0004"
down_revision = "p0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Hospitals created before this revision keep what their day was until now: UTC.
    op.add_column(
        "tenants",
        sa.Column("time_zone", sa.Text(), nullable=False, server_default="UTC"),
        schema="public",
    )


def downgrade() -> None:
    op.drop_column("tenants", "time_zone", schema="public")
