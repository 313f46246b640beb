"""Appointments (no double booking, by exclusion constraints), lab orders and versioned lab
results (verified rows immutable, by trigger), adverse events.

Revision ID: t0003
Revises: t0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "t0003"
down_revision = "t0002"
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("now()")


LAB_RESULTS_GUARD = """
CREATE FUNCTION lab_results_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.verified_at IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'lab result % is verified and cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- A verified result may only be linked, once, to the correction that supersedes it.
    IF OLD.superseded_by IS NOT NULL
       OR (to_jsonb(NEW) - 'superseded_by') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by')
    THEN
        RAISE EXCEPTION 'lab result % is verified and cannot be changed; record a correction',
            OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$
"""


def upgrade() -> None:
    # btree_gist lets one GiST exclusion constraint mix '=' on a uuid with '&&' on a range.
    # Extensions are database-wide: it lives in public, shared by every hospital schema.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public")
    op.create_table(
        "appointments",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        # A user of this hospital (public.users); checked by the service.
        sa.Column("doctor_id", pg.UUID(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="booked"),
        sa.Column("cancel_reason", sa.Text()),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_by", pg.UUID()),
        sa.Column("checked_in_at", sa.DateTime(timezone=True)),
        sa.Column("checked_in_by", pg.UUID()),
        sa.Column("encounter_id", pg.UUID(), sa.ForeignKey("encounters.id")),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("created_by", pg.UUID()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_by", pg.UUID()),
        sa.CheckConstraint("status IN ('booked','checked-in','cancelled')", name="status_known"),
        sa.CheckConstraint(
            "ends_at - starts_at BETWEEN interval '5 minutes' AND interval '240 minutes'",
            name="length_5_to_240_minutes",
        ),
        sa.CheckConstraint(
            "(status = 'cancelled') = (cancelled_at IS NOT NULL)", name="cancelled_iff_status"
        ),
        sa.CheckConstraint(
            "(status = 'checked-in') = (checked_in_at IS NOT NULL)", name="checked_in_iff_status"
        ),
    )
    # No double booking, decided by the database so that concurrent requests cannot race:
    # half-open ranges, so 10:00-10:30 and 10:30-11:00 do not clash; cancelled slots are free.
    op.execute(
        "ALTER TABLE appointments ADD CONSTRAINT ex_appointments_doctor_slot "
        "EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (status <> 'cancelled')"
    )
    op.execute(
        "ALTER TABLE appointments ADD CONSTRAINT ex_appointments_patient_slot "
        "EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (status <> 'cancelled')"
    )
    op.create_index(
        "ix_appointments_doctor_id_starts_at", "appointments", ["doctor_id", "starts_at"]
    )
    op.create_index(
        "ix_appointments_patient_id_starts_at", "appointments", ["patient_id", "starts_at"]
    )

    op.create_table(
        "lab_orders",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        # Catalog keys (hms.labs.catalog), in the order they were requested.
        sa.Column("tests", pg.ARRAY(sa.String(64)), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("ordered_by", pg.UUID(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("priority IN ('routine','urgent','stat')", name="priority_known"),
        sa.CheckConstraint("status IN ('pending','in-progress','completed')", name="status_known"),
        sa.CheckConstraint("cardinality(tests) BETWEEN 1 AND 50", name="tests_1_to_50"),
        sa.CheckConstraint(
            "(status = 'completed') = (completed_at IS NOT NULL)", name="completed_iff_status"
        ),
    )
    op.create_index(
        "ix_lab_orders_patient_id_ordered_at", "lab_orders", ["patient_id", "ordered_at"]
    )
    op.execute(
        "CREATE INDEX ix_lab_orders_open ON lab_orders (ordered_at) WHERE status <> 'completed'"
    )

    op.create_table(
        "lab_results",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("order_id", pg.UUID(), sa.ForeignKey("lab_orders.id"), nullable=False),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("test_key", sa.String(64), nullable=False),
        sa.Column("loinc", sa.String(16), nullable=False),
        sa.Column("display", sa.String(200), nullable=False),
        # As entered, and in the test's canonical unit (rounded to its resolution).
        sa.Column("reported_value", sa.Numeric(), nullable=False),
        sa.Column("reported_unit", sa.String(32), nullable=False),
        sa.Column("value", sa.Numeric(), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("flag", sa.String(24), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("reference_low", sa.Numeric()),
        sa.Column("reference_high", sa.Numeric()),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("corrects_id", pg.UUID(), sa.ForeignKey("lab_results.id")),
        sa.Column("superseded_by", pg.UUID(), sa.ForeignKey("lab_results.id")),
        sa.Column("correction_reason", sa.Text()),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("entered_by", pg.UUID(), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True)),
        sa.Column("verified_by", pg.UUID()),
        sa.CheckConstraint(
            "flag IN ('normal','low','high','critical-low','critical-high',"
            "'no-reference-interval')",
            name="flag_known",
        ),
        sa.CheckConstraint(
            "category IN ('normal','abnormal','critical','unknown')", name="category_known"
        ),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.CheckConstraint(
            "(version = 1) = (corrects_id IS NULL) AND (version = 1) = (correction_reason IS NULL)",
            name="correction_has_reason",
        ),
        sa.CheckConstraint(
            "(verified_at IS NULL) = (verified_by IS NULL)", name="verified_by_when"
        ),
        # One row per version of one test of one order: a second first entry, or two
        # concurrent corrections of the same version, collide here.
        sa.UniqueConstraint("order_id", "test_key", "version", name="uq_lab_results_version"),
    )
    op.execute(
        "CREATE INDEX ix_lab_results_patient_current ON lab_results (patient_id, collected_at) "
        "WHERE superseded_by IS NULL"
    )
    op.create_index("ix_lab_results_patient_id", "lab_results", ["patient_id"])
    op.create_index("ix_lab_results_order_id", "lab_results", ["order_id"])
    op.execute(LAB_RESULTS_GUARD)
    op.execute(
        "CREATE TRIGGER lab_results_verified_immutable BEFORE UPDATE OR DELETE ON lab_results "
        "FOR EACH ROW EXECUTE FUNCTION lab_results_guard()"
    )

    op.create_table(
        "adverse_events",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        # Prescriptions arrive in a later migration, which adds the foreign key.
        sa.Column("prescription_id", pg.UUID()),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(24), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("onset_date", sa.Date(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("reported_by", pg.UUID(), nullable=False),
        sa.Column("reporter_role", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "severity IN ('mild','moderate','severe','life-threatening','fatal')",
            name="severity_known",
        ),
        sa.CheckConstraint(
            "outcome IN ('recovered','recovering','not-recovered','recovered-with-sequelae',"
            "'fatal','unknown')",
            name="outcome_known",
        ),
        sa.CheckConstraint(
            "(severity = 'fatal') = (outcome = 'fatal')", name="fatal_severity_iff_outcome"
        ),
    )
    op.create_index(
        "ix_adverse_events_patient_id_onset_date", "adverse_events", ["patient_id", "onset_date"]
    )
    op.create_index("ix_adverse_events_prescription_id", "adverse_events", ["prescription_id"])


def downgrade() -> None:
    op.drop_table("adverse_events")
    op.execute("DROP TRIGGER lab_results_verified_immutable ON lab_results")
    op.execute("DROP FUNCTION lab_results_guard()")
    op.drop_table("lab_results")
    op.drop_table("lab_orders")
    op.drop_table("appointments")
    # btree_gist stays: it is database-wide and other hospital schemas may use it.
