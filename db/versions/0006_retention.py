"""retention schedule, items, clean-up runs and certificates (issue 5)

Revision ID: 0006_retention
Revises: 0005_requests_processors
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_retention"
down_revision = "0005_requests_processors"
branch_labels = None
depends_on = None


def _school_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["school_id"], ["schools.id"], name=op.f(f"fk_{table}_school_id_schools"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "retention_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("term_amount", sa.Integer(), nullable=False),
        sa.Column("term_unit", sa.String(length=10), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("system", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _school_fk("retention_rules"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_rules")),
        sa.UniqueConstraint("school_id", "category", name="uq_retention_rules_school_category"),
    )
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by_name", sa.String(length=200), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_name", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("executed_by_name", sa.String(length=200), nullable=False),
        sa.Column("executed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["users.id"],
            name=op.f("fk_retention_runs_approved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["users.id"],
            name=op.f("fk_retention_runs_proposed_by_id_users"),
            ondelete="SET NULL",
        ),
        _school_fk("retention_runs"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
        sa.UniqueConstraint("school_id", "number", name="uq_retention_runs_school_number"),
    )
    op.create_table(
        "retention_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("system", sa.String(length=20), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("hold_incident_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_by_name", sa.String(length=200), nullable=False),
        sa.Column("done_run_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["done_run_id"],
            ["retention_runs.id"],
            name=op.f("fk_retention_items_done_run_id_retention_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["hold_incident_id"],
            ["incidents.id"],
            name=op.f("fk_retention_items_hold_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        _school_fk("retention_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_items")),
    )
    with op.batch_alter_table("retention_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retention_items_school_id"), ["school_id"], unique=False)

    op.create_table(
        "retention_pupil_flags",
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("referred", sa.Boolean(), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("hold_incident_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hold_incident_id"],
            ["incidents.id"],
            name=op.f("fk_retention_pupil_flags_hold_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"],
            ["pupils.id"],
            name=op.f("fk_retention_pupil_flags_pupil_id_pupils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pupil_id", name=op.f("pk_retention_pupil_flags")),
    )
    op.create_table(
        "retention_run_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("pupil_number", sa.String(length=20), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("category_label", sa.String(length=200), nullable=False),
        sa.Column("system", sa.String(length=20), nullable=False),
        sa.Column("term_text", sa.String(length=80), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("record_ids", sa.Text(), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("done_by", sa.String(length=200), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("certificate_ref", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["retention_runs.id"],
            name=op.f("fk_retention_run_lines_run_id_retention_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_run_lines")),
    )
    with op.batch_alter_table("retention_run_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retention_run_lines_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("retention_run_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retention_run_lines_run_id"))
    op.drop_table("retention_run_lines")
    op.drop_table("retention_pupil_flags")
    with op.batch_alter_table("retention_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retention_items_school_id"))
    op.drop_table("retention_items")
    op.drop_table("retention_runs")
    op.drop_table("retention_rules")
