"""Wards, beds, encounters with bed stays; vitals time series; alerts; NEWS2 scale per patient.

Revision ID: t0002
Revises: t0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "t0002"
down_revision = "t0001"
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "wards",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now()),
    )
    op.create_table(
        "beds",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("ward_id", pg.UUID(), sa.ForeignKey("wards.id"), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now()),
        sa.UniqueConstraint("ward_id", "label", name="uq_beds_ward_id_label"),
    )
    op.create_table(
        "encounters",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("opened_by", pg.UUID()),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("closed_by", pg.UUID()),
        sa.Column("disposition", sa.String(32)),
        sa.Column(
            "discharge_diagnoses",
            pg.ARRAY(sa.String(8)),
            nullable=False,
            server_default=sa.text("'{}'::varchar[]"),
        ),
        sa.Column("discharge_note", sa.Text()),
        sa.CheckConstraint("kind IN ('outpatient','emergency','inpatient')", name="kind_known"),
        sa.CheckConstraint(
            "disposition IN ('home','transfer-other-facility','deceased',"
            "'against-medical-advice','other')",
            name="disposition_known",
        ),
        sa.CheckConstraint(
            "(closed_at IS NULL) = (disposition IS NULL)", name="disposition_iff_closed"
        ),
    )
    op.create_index("ix_encounters_patient_id_opened_at", "encounters", ["patient_id", "opened_at"])
    # One open inpatient stay per patient.
    op.execute(
        "CREATE UNIQUE INDEX uq_encounters_open_inpatient ON encounters (patient_id) "
        "WHERE closed_at IS NULL AND kind = 'inpatient'"
    )
    op.execute("CREATE INDEX ix_encounters_open ON encounters (opened_at) WHERE closed_at IS NULL")
    op.create_table(
        "bed_stays",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("encounter_id", pg.UUID(), sa.ForeignKey("encounters.id"), nullable=False),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("ward_id", pg.UUID(), sa.ForeignKey("wards.id"), nullable=False),
        sa.Column("bed_id", pg.UUID(), sa.ForeignKey("beds.id"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("started_by", pg.UUID()),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("ended_by", pg.UUID()),
        sa.CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
    )
    # A bed holds one patient at a time; an encounter occupies one bed at a time.
    op.execute(
        "CREATE UNIQUE INDEX uq_bed_stays_open_bed ON bed_stays (bed_id) WHERE ended_at IS NULL"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_bed_stays_open_encounter ON bed_stays (encounter_id) "
        "WHERE ended_at IS NULL"
    )
    op.execute(
        "CREATE INDEX ix_bed_stays_open_ward ON bed_stays (ward_id, patient_id) "
        "WHERE ended_at IS NULL"
    )
    op.create_index("ix_bed_stays_encounter_id", "bed_stays", ["encounter_id"])
    _news2_scale()
    _vitals()
    _alerts()


def _news2_scale() -> None:
    # NEWS2 SpO2 scale 2 is a clinician's decision for hypercapnic respiratory failure (RCP 2017).
    op.execute(
        "ALTER TABLE patients ADD COLUMN news2_scale smallint NOT NULL DEFAULT 1 "
        "CONSTRAINT ck_patients_news2_scale_known CHECK (news2_scale IN (1, 2))"
    )
    op.create_table(
        "news2_scale_changes",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("scale", sa.SmallInteger(), nullable=False),
        sa.Column("previous_scale", sa.SmallInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_by", pg.UUID(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_index(
        "ix_news2_scale_changes_patient_id_set_at", "news2_scale_changes", ["patient_id", "set_at"]
    )


def _vitals() -> None:
    # Not partitioned: measured in bench/RESULTS.md (vitals section) and docs/clinical-rules.md.
    op.create_table(
        "vitals",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", pg.UUID()),
        sa.Column("heart_rate", sa.REAL()),
        sa.Column("systolic_bp", sa.REAL()),
        sa.Column("diastolic_bp", sa.REAL()),
        sa.Column("temperature", sa.REAL()),
        sa.Column("spo2", sa.REAL()),
        sa.Column("respiration_rate", sa.REAL()),
        sa.Column("on_oxygen", sa.Boolean()),
        sa.Column("consciousness", sa.CHAR(1)),
        sa.Column("weight_kg", sa.REAL()),
        sa.Column("height_cm", sa.REAL()),
        sa.Column("news2_scale", sa.SmallInteger(), nullable=False),
        sa.Column("news2_total", sa.SmallInteger()),
        sa.Column("news2_band", sa.String(10)),
        sa.CheckConstraint("consciousness IN ('A','C','V','P','U')", name="acvpu"),
        sa.CheckConstraint("news2_scale IN (1, 2)", name="news2_scale_known"),
        sa.CheckConstraint(
            "news2_band IN ('low','low-medium','medium','high')", name="news2_band_known"
        ),
        sa.CheckConstraint(
            "(news2_total IS NULL) = (news2_band IS NULL)", name="news2_total_with_band"
        ),
    )
    op.execute(
        "CREATE INDEX ix_vitals_patient_id_recorded_at ON vitals (patient_id, recorded_at DESC)"
    )


def _alerts() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", pg.UUID(), primary_key=True),
        sa.Column("patient_id", pg.UUID(), sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source_id", pg.UUID()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("created_by", pg.UUID()),
        sa.Column("acknowledged_by", pg.UUID()),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("ack_note", sa.Text()),
        sa.CheckConstraint("kind IN ('news2','lab-critical')", name="kind_known"),
        sa.CheckConstraint(
            "severity IN ('low-medium','medium','high','critical')", name="severity_known"
        ),
        sa.CheckConstraint(
            "(acknowledged_by IS NULL) = (acknowledged_at IS NULL)", name="ack_complete"
        ),
    )
    op.execute(
        "CREATE INDEX ix_alerts_open ON alerts (created_at DESC) WHERE acknowledged_at IS NULL"
    )
    op.execute("CREATE INDEX ix_alerts_created_at ON alerts (created_at DESC)")
    op.execute("CREATE INDEX ix_alerts_patient_id ON alerts (patient_id, created_at DESC)")


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("vitals")
    op.drop_table("news2_scale_changes")
    op.execute("ALTER TABLE patients DROP COLUMN news2_scale")
    op.drop_table("bed_stays")
    op.drop_table("encounters")
    op.drop_table("beds")
    op.drop_table("wards")
