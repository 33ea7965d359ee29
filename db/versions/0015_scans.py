"""scanned consent forms kept as proof (issue 18)

Revision ID: 0015_scans
Revises: 0014_staff
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_scans"
down_revision = "0014_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("linked_by_hand", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["consent_form_versions.id"],
            name=op.f("fk_consent_scans_form_version_id_consent_form_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_consent_scans_pupil_id_pupils"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"], ["users.id"], name=op.f("fk_consent_scans_recorded_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_consent_scans_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_scans")),
    )
    with op.batch_alter_table("consent_scans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_scans_fingerprint"), ["fingerprint"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_scans_pupil_id"), ["pupil_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_scans_school_id"), ["school_id"], unique=False)
    op.create_table(
        "consent_scan_decisions",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["consent_decisions.id"],
            name=op.f("fk_consent_scan_decisions_decision_id_consent_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["scan_id"],
            ["consent_scans.id"],
            name=op.f("fk_consent_scan_decisions_scan_id_consent_scans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scan_id", "decision_id", name=op.f("pk_consent_scan_decisions")),
        sa.UniqueConstraint("decision_id", name=op.f("uq_consent_scan_decisions_decision_id")),
    )


def downgrade() -> None:
    op.drop_table("consent_scan_decisions")
    with op.batch_alter_table("consent_scans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_scans_school_id"))
        batch_op.drop_index(batch_op.f("ix_consent_scans_pupil_id"))
        batch_op.drop_index(batch_op.f("ix_consent_scans_fingerprint"))
    op.drop_table("consent_scans")
