"""Prescriptions with items, status history, overrides and idempotency keys; the hospital
formulary (stock of global catalog drugs), stock movements and dispensing.

Revision ID: t0004
Revises: t0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "t0004"
down_revision = "t0003"
branch_labels = None
depends_on = None

DRUG_ID = 120
STATUSES = "('draft','active','partially-dispensed','fully-dispensed','cancelled','stopped')"


def _now() -> sa.TextClause:
    return sa.text("now()")


def _drug_fk() -> sa.ForeignKey:
    # The catalog is global (public.drugs); its rows are never deleted.
    return sa.ForeignKey("public.drugs.id")


def upgrade() -> None:
    _prescriptions()
    _formulary()
    _dispensing()
    # Announced by t0003: adverse events may name a prescription. NOT VALID leaves rows
    # written before prescriptions existed unchecked; every new row is checked.
    op.execute(
        "ALTER TABLE adverse_events ADD CONSTRAINT fk_adverse_events_prescription_id_prescriptions "
        "FOREIGN KEY (prescription_id) REFERENCES prescriptions (id) NOT VALID"
    )
    # The safety checks read the latest weight and the latest serum creatinine inside the
    # prescribing transaction; without these a patient with years of monitor vitals would
    # scan them all to find the last row that carries a weight.
    op.execute(
        "CREATE INDEX ix_vitals_patient_weight ON vitals (patient_id, recorded_at DESC) "
        "WHERE weight_kg IS NOT NULL"
    )
    op.execute(
        "CREATE INDEX ix_lab_results_patient_loinc ON lab_results "
        "(patient_id, loinc, collected_at DESC) WHERE superseded_by IS NULL"
    )


def _prescriptions() -> None:
    op.create_table(
        "prescriptions",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        # A user of this hospital (public.users), the prescriber.
        sa.Column("prescriber_id", pg.UUID(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("note", sa.Text()),
        # Every warning found when the prescription was checked, each overridden one with
        # its reason, who and when (the design's PRESCRIPTIONS.warnings).
        sa.Column("warnings", pg.JSONB(), nullable=False, server_default="[]"),
        sa.Column("knowledge_version", sa.String(64)),
        sa.Column(
            "prescribed_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()
        ),
        sa.Column("activated_at", sa.DateTime(timezone=True)),
        sa.Column("activated_by", pg.UUID()),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("ended_by", pg.UUID()),
        sa.Column("end_reason", sa.Text()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(f"status IN {STATUSES}", name="status_known"),
        sa.CheckConstraint("jsonb_typeof(warnings) = 'array'", name="warnings_array"),
        sa.CheckConstraint(
            "(status = 'draft') = (activated_at IS NULL)", name="activated_unless_draft"
        ),
        sa.CheckConstraint(
            "(status IN ('cancelled','stopped')) = (ended_at IS NOT NULL)",
            name="ended_iff_cancelled_or_stopped",
        ),
    )
    op.create_index(
        "ix_prescriptions_patient_id_prescribed_at",
        "prescriptions",
        ["patient_id", "prescribed_at"],
    )
    # The pharmacy queue: open prescriptions, oldest first.
    op.execute(
        "CREATE INDEX ix_prescriptions_queue ON prescriptions (activated_at, id) "
        "WHERE status IN ('active','partially-dispensed')"
    )
    op.create_table(
        "prescription_items",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("prescription_id", pg.UUID(), sa.ForeignKey("prescriptions.id"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("drug_id", sa.String(DRUG_ID), _drug_fk(), nullable=False),
        sa.Column("dose", sa.Numeric(), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("frequency", sa.String(40), nullable=False),
        sa.Column("doses_per_day", sa.REAL()),
        sa.Column("as_needed", sa.Boolean(), nullable=False),
        sa.Column("duration_days", sa.Integer()),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("dispensed_quantity", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("instructions", sa.Text()),
        sa.CheckConstraint("dose > 0", name="dose_positive"),
        sa.CheckConstraint("duration_days BETWEEN 1 AND 365", name="duration_1_to_365"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        # Never more dispensed than prescribed, whatever the interleaving of requests.
        sa.CheckConstraint(
            "dispensed_quantity BETWEEN 0 AND quantity", name="dispensed_within_quantity"
        ),
        sa.UniqueConstraint("prescription_id", "position", name="uq_prescription_items_position"),
    )
    op.create_index("ix_prescription_items_drug_id", "prescription_items", ["drug_id"])
    op.create_table(
        "prescription_status_history",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("prescription_id", pg.UUID(), sa.ForeignKey("prescriptions.id"), nullable=False),
        sa.Column("from_status", sa.String(24)),
        sa.Column("to_status", sa.String(24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("by", pg.UUID(), nullable=False),
        sa.Column("reason", sa.Text()),
    )
    op.create_index(
        "ix_prescription_status_history_prescription_id_at",
        "prescription_status_history",
        ["prescription_id", "at"],
    )
    # One row per (prescriber, Idempotency-Key), inserted in the creating transaction: a
    # concurrent duplicate waits on the primary key and then finds the committed row.
    op.create_table(
        "prescription_idempotency_keys",
        sa.Column("user_id", pg.UUID(), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        # Deferred: the key is claimed before the prescription row is written.
        sa.Column(
            "prescription_id",
            pg.UUID(),
            sa.ForeignKey("prescriptions.id", deferrable=True, initially="DEFERRED"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )


def _formulary() -> None:
    op.create_table(
        "formulary",
        sa.Column("drug_id", sa.String(DRUG_ID), _drug_fk(), primary_key=True),
        # The unit stock is counted and dispensed in (tablet, capsule, vial, bottle...).
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("strength", sa.String(40)),
        sa.Column("quantity_on_hand", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reorder_level", sa.Integer(), nullable=False, server_default="0"),
        # The design's DRUGS.in_stock, derived so it can never disagree with the count.
        sa.Column(
            "in_stock",
            sa.Boolean(),
            sa.Computed("quantity_on_hand > 0", persisted=True),
            nullable=False,
        ),
        sa.Column("listed", sa.Boolean(), nullable=False, server_default="true"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_by", pg.UUID()),
        sa.CheckConstraint("quantity_on_hand >= 0", name="stock_not_negative"),
        sa.CheckConstraint("reorder_level >= 0", name="reorder_level_not_negative"),
    )


def _dispensing() -> None:
    op.create_table(
        "dispenses",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("prescription_id", pg.UUID(), sa.ForeignKey("prescriptions.id"), nullable=False),
        sa.Column(
            "dispensed_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()
        ),
        sa.Column("dispensed_by", pg.UUID(), nullable=False),
        sa.Column("note", sa.Text()),
    )
    op.create_index(
        "ix_dispenses_prescription_id_dispensed_at",
        "dispenses",
        ["prescription_id", "dispensed_at"],
    )
    op.create_table(
        "dispense_items",
        sa.Column("dispense_id", pg.UUID(), sa.ForeignKey("dispenses.id"), primary_key=True),
        sa.Column("item_id", pg.UUID(), sa.ForeignKey("prescription_items.id"), primary_key=True),
        sa.Column("drug_id", sa.String(DRUG_ID), _drug_fk(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column(
            "drug_id", sa.String(DRUG_ID), sa.ForeignKey("formulary.drug_id"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        # Signed change of quantity_on_hand, and the count right after it.
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("balance_after", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("reference", sa.String(100)),
        sa.Column("prescription_id", pg.UUID(), sa.ForeignKey("prescriptions.id")),
        sa.Column("dispense_id", pg.UUID(), sa.ForeignKey("dispenses.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("created_by", pg.UUID(), nullable=False),
        sa.CheckConstraint("kind IN ('receipt','adjustment','dispense')", name="kind_known"),
        sa.CheckConstraint("balance_after >= 0", name="balance_not_negative"),
        sa.CheckConstraint("kind <> 'receipt' OR quantity > 0", name="receipt_adds"),
        sa.CheckConstraint("kind <> 'dispense' OR quantity < 0", name="dispense_removes"),
        sa.CheckConstraint(
            "kind <> 'adjustment' OR (quantity <> 0 AND length(btrim(reason)) > 0)",
            name="adjustment_has_reason",
        ),
        sa.CheckConstraint(
            "(kind = 'dispense') = (dispense_id IS NOT NULL AND prescription_id IS NOT NULL)",
            name="dispense_names_prescription",
        ),
    )
    op.create_index(
        "ix_stock_movements_drug_id_created_at", "stock_movements", ["drug_id", "created_at"]
    )
    op.create_index("ix_stock_movements_dispense_id", "stock_movements", ["dispense_id"])


def downgrade() -> None:
    op.execute("DROP INDEX ix_lab_results_patient_loinc")
    op.execute("DROP INDEX ix_vitals_patient_weight")
    op.execute(
        "ALTER TABLE adverse_events DROP CONSTRAINT fk_adverse_events_prescription_id_prescriptions"
    )
    for table in (
        "stock_movements",
        "dispense_items",
        "dispenses",
        "formulary",
        "prescription_idempotency_keys",
        "prescription_status_history",
        "prescription_items",
        "prescriptions",
    ):
        op.drop_table(table)
