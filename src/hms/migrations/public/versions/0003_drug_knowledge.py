"""Drug knowledge tables (global reference data); rows are loaded by ``hms migrate``.

Revision ID: p0003
Revises: p0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "p0003"
down_revision = "p0002"
branch_labels = None
depends_on = None

ID = 120
SEVERITIES = "('contraindicated','major','moderate','minor')"


def _texts(name: str) -> sa.Column:
    return sa.Column(name, pg.ARRAY(sa.Text()), nullable=False, server_default="{}")


def upgrade() -> None:
    op.create_table(
        "drug_classes",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("atc", sa.String(32)),
        _texts("parents"),
        sa.Column("duplicate_severity", sa.String(16)),
        schema="public",
    )
    op.create_table(
        "drugs",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("rxcui", sa.String(16)),
        _texts("rxcui_alternates"),
        _texts("synonyms"),
        _texts("classes"),
        _texts("all_classes"),
        sa.Column("category", sa.Text()),
        _texts("components"),
        sa.Column("eml", sa.Boolean(), nullable=False, server_default="false"),
        sa.Column("forms", pg.JSONB(), nullable=False, server_default="[]"),
        sa.Column("contraindications", pg.JSONB(), nullable=False, server_default="[]"),
        _texts("sources"),
        # Drugs are never deleted (hospital formularies and prescriptions reference them).
        sa.Column("in_catalog", sa.Boolean(), nullable=False, server_default="true"),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()")),
        schema="public",
    )
    op.execute("CREATE INDEX ix_drugs_rxcui ON public.drugs (rxcui)")
    # Every name and synonym of a drug, lower-cased: prefix search by the btree
    # (text_pattern_ops), word-start search anywhere in a name by the trigram index.
    op.create_table(
        "drug_names",
        sa.Column("drug_id", sa.String(ID), sa.ForeignKey("public.drugs.id"), primary_key=True),
        sa.Column("name_lower", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("is_synonym", sa.Boolean(), nullable=False),
        schema="public",
    )
    op.execute(
        "CREATE INDEX ix_drug_names_prefix ON public.drug_names (name_lower text_pattern_ops)"
    )
    op.execute(
        "CREATE INDEX ix_drug_names_trgm ON public.drug_names "
        "USING gin (name_lower public.gin_trgm_ops)"
    )
    op.create_table(
        "drug_interaction_rules",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("a", pg.JSONB(), nullable=False),
        sa.Column("b", pg.JSONB(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("mechanism", sa.Text(), nullable=False),
        sa.Column("management", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(4), nullable=False),
        sa.CheckConstraint(f"severity IN {SEVERITIES}", name="severity_known"),
        schema="public",
    )
    op.create_table(
        "drug_dose_rules",
        sa.Column("drug_id", sa.String(ID), primary_key=True),
        sa.Column("route", sa.String(16), primary_key=True),
        sa.Column("rule", pg.JSONB(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        schema="public",
    )
    op.create_table(
        "drug_condition_rules",
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        _texts("drugs"),
        _texts("classes"),
        sa.Column("condition", sa.Text(), nullable=False),
        _texts("icd10_prefixes"),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint(f"severity IN {SEVERITIES}", name="severity_known"),
        schema="public",
    )
    op.create_table(
        "drug_allergy_rules",
        sa.Column("kind", sa.String(24), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("rule", pg.JSONB(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        schema="public",
    )
    op.create_table(
        "drug_knowledge_release",
        sa.Column("source", sa.String(100), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("counts", pg.JSONB(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()")),
        schema="public",
    )


def downgrade() -> None:
    for table in (
        "drug_knowledge_release",
        "drug_allergy_rules",
        "drug_condition_rules",
        "drug_dose_rules",
        "drug_interaction_rules",
        "drug_names",
        "drugs",
        "drug_classes",
    ):
        op.drop_table(table, schema="public")
