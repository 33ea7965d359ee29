"""adopted annual reports (issue 6)

Revision ID: 0007_reports
Revises: 0006_retention
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reports"
down_revision = "0006_retention"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adopted_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("scope", sa.String(length=250), nullable=False),
        sa.Column("period_kind", sa.String(length=20), nullable=False),
        sa.Column("period_year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopter_role", sa.String(length=30), nullable=False),
        sa.Column("adopted_by_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adopted_by_id"],
            ["users.id"],
            name=op.f("fk_adopted_reports_adopted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_adopted_reports_school_id_schools"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adopted_reports")),
    )
    with op.batch_alter_table("adopted_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adopted_reports_school_id"), ["school_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("adopted_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adopted_reports_school_id"))
    op.drop_table("adopted_reports")
