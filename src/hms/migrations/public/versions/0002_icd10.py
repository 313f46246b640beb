"""ICD-10-CM code table (global reference data); rows are loaded by ``hms migrate``.

Revision ID: p0002
Revises: p0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "p0002"
down_revision = "p0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "icd10_codes",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        schema="public",
    )
    # Word search (ILIKE '%word%' for every word) and code-prefix search (LIKE 'E11.%').
    op.execute(
        "CREATE INDEX ix_icd10_codes_description_trgm ON public.icd10_codes "
        "USING gin (description public.gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_icd10_codes_code_prefix ON public.icd10_codes (code text_pattern_ops)"
    )
    # Which release of the code set is loaded (package name and version, row count).
    op.create_table(
        "icd10_release",
        sa.Column("source", sa.String(100), primary_key=True),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("codes", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()")),
        schema="public",
    )


def downgrade() -> None:
    op.drop_table("icd10_release", schema="public")
    op.drop_table("icd10_codes", schema="public")
