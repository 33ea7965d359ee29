"""image consent (issue 3): purposes, form versions, decisions, campaigns

Revision ID: 0003_consent
Revises: 0002_pupil_import
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_consent"
down_revision = "0002_pupil_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_form_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("form_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_consent_form_versions_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_consent_form_versions_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_form_versions")),
        sa.UniqueConstraint("school_id", "number", name="uq_consent_form_versions_school_number"),
    )
    op.create_table(
        "consent_purposes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("asked_since", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_consent_purposes_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_purposes")),
        sa.UniqueConstraint("school_id", "code", name="uq_consent_purposes_school_code"),
    )
    op.create_table(
        "consent_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["consent_form_versions.id"],
            name=op.f("fk_consent_campaigns_form_version_id_consent_form_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_consent_campaigns_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["started_by_user_id"],
            ["users.id"],
            name=op.f("fk_consent_campaigns_started_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_campaigns")),
    )
    op.create_table(
        "consent_form_purposes",
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("purpose_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("changed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["consent_form_versions.id"],
            name=op.f("fk_consent_form_purposes_form_version_id_consent_form_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["purpose_id"],
            ["consent_purposes.id"],
            name=op.f("fk_consent_form_purposes_purpose_id_consent_purposes"),
        ),
        sa.PrimaryKeyConstraint("form_version_id", "purpose_id", name=op.f("pk_consent_form_purposes")),
    )
    op.create_table(
        "consent_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("purpose_id", sa.Integer(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("withdrawal", sa.Boolean(), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("given_by", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["consent_campaigns.id"],
            name=op.f("fk_consent_decisions_campaign_id_consent_campaigns"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["consent_form_versions.id"],
            name=op.f("fk_consent_decisions_form_version_id_consent_form_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_consent_decisions_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["purpose_id"],
            ["consent_purposes.id"],
            name=op.f("fk_consent_decisions_purpose_id_consent_purposes"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["users.id"],
            name=op.f("fk_consent_decisions_recorded_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_decisions")),
    )
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_decisions_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index("ix_consent_decisions_pupil_purpose", ["pupil_id", "purpose_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_decisions_pupil_purpose")
        batch_op.drop_index(batch_op.f("ix_consent_decisions_campaign_id"))
    op.drop_table("consent_decisions")
    op.drop_table("consent_form_purposes")
    op.drop_table("consent_campaigns")
    op.drop_table("consent_purposes")
    op.drop_table("consent_form_versions")
