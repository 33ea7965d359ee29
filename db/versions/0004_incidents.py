"""incident register (issue 4): incidents with the AP notification fields, and their timeline

Revision ID: 0004_incidents
Revises: 0003_consent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_incidents"
down_revision = "0003_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("incident_type", sa.String(length=30), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ongoing", sa.Boolean(), nullable=False),
        sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_by_name", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_details", sa.Text(), nullable=False),
        sa.Column("processor_involved", sa.Boolean(), nullable=False),
        sa.Column("processor_name", sa.String(length=200), nullable=False),
        sa.Column("natures", sa.String(length=200), nullable=False),
        sa.Column("data_kinds", sa.String(length=300), nullable=False),
        sa.Column("data_other", sa.Text(), nullable=False),
        sa.Column("records_approx", sa.Integer(), nullable=True),
        sa.Column("people_groups", sa.String(length=100), nullable=False),
        sa.Column("people_other", sa.Text(), nullable=False),
        sa.Column("people_min", sa.Integer(), nullable=True),
        sa.Column("people_max", sa.Integer(), nullable=True),
        sa.Column("protection", sa.String(length=20), nullable=False),
        sa.Column("protection_details", sa.Text(), nullable=False),
        sa.Column("consequences", sa.String(length=100), nullable=False),
        sa.Column("consequences_details", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("subjects_informed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("subjects_informed_how", sa.Text(), nullable=False),
        sa.Column("subjects_not_informed_reason", sa.Text(), nullable=False),
        sa.Column("public_announcement", sa.Text(), nullable=False),
        sa.Column("measures_taken", sa.Text(), nullable=False),
        sa.Column("cross_border", sa.Boolean(), nullable=False),
        sa.Column("cross_border_details", sa.Text(), nullable=False),
        sa.Column("other_remarks", sa.Text(), nullable=False),
        sa.Column("risk_answers", sa.Text(), nullable=False),
        sa.Column("proposal", sa.String(length=30), nullable=True),
        sa.Column("proposal_reasons", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("decision_reasons", sa.Text(), nullable=False),
        sa.Column("deviation_reason", sa.Text(), nullable=False),
        sa.Column("assessed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assessed_by_name", sa.String(length=200), nullable=False),
        sa.Column("preliminary_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ap_reference", sa.String(length=60), nullable=False),
        sa.Column("late_reason", sa.Text(), nullable=False),
        sa.Column("evaluation", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reported_by_id"],
            ["users.id"],
            name=op.f("fk_incidents_reported_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_incidents_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("school_id", "number", name="uq_incidents_school_number"),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_school_discovered", ["school_id", "discovered_at"], unique=False)

    op.create_table(
        "incident_timeline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_incident_timeline_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_timeline_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_timeline")),
    )
    with op.batch_alter_table("incident_timeline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_timeline_incident_id"), ["incident_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incident_timeline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_timeline_incident_id"))

    op.drop_table("incident_timeline")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_school_discovered")

    op.drop_table("incidents")
