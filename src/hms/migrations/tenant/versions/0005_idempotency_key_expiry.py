"""Index prescription Idempotency-Key rows by age, so expired keys are found and deleted
without scanning the table.

Revision ID: t0005
Revises: t0004
Create Date: 2026-11-26
"""

from alembic import op

revision = "t0005"
down_revision = "t0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_prescription_idempotency_keys_created_at",
        "prescription_idempotency_keys",
        ["created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_prescription_idempotency_keys_created_at", "prescription_idempotency_keys")
