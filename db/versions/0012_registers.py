"""processing register, DPIAs, complaints, evidence files (issue 15)

Revision ID: 0012_registers
Revises: 0011_law
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_registers"
down_revision = "0011_law"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processing_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.String(length=30), nullable=False),
        sa.Column("basis_note", sa.Text(), nullable=False),
        sa.Column("data_subjects", sa.Text(), nullable=False),
        sa.Column("data_categories", sa.Text(), nullable=False),
        sa.Column("special_categories", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("outside_eea", sa.String(length=10), nullable=False),
        sa.Column("transfer_note", sa.Text(), nullable=False),
        sa.Column("security_measures", sa.Text(), nullable=False),
        sa.Column("dpia_needed", sa.String(length=10), nullable=False),
        sa.Column("owner_role", sa.String(length=30), nullable=False),
        sa.Column("last_reviewed_on", sa.Date(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_processing_activities_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_activities")),
        sa.UniqueConstraint("school_id", "name", name="uq_processing_activities_school_name"),
    )
    with op.batch_alter_table("processing_activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_processing_activities_school_id"), ["school_id"], unique=False)

    op.create_table(
        "dpias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("ap_items", sa.String(length=400), nullable=False),
        sa.Column("criteria", sa.String(length=400), nullable=False),
        sa.Column("needed", sa.Boolean(), nullable=False),
        sa.Column("prescan_reasoning", sa.Text(), nullable=False),
        sa.Column("prescan_on", sa.Date(), nullable=False),
        sa.Column("prescan_by_name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("necessity", sa.Text(), nullable=False),
        sa.Column("advice_asked_on", sa.Date(), nullable=True),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("advice_on", sa.Date(), nullable=True),
        sa.Column("advice_by_name", sa.String(length=200), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decision_reasons", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=200), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["processing_activities.id"],
            name=op.f("fk_dpias_activity_id_processing_activities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_dpias_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dpias")),
        sa.UniqueConstraint("school_id", "number", name="uq_dpias_school_number"),
    )
    with op.batch_alter_table("dpias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dpias_school_id"), ["school_id"], unique=False)

    op.create_table(
        "processing_activity_links",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["processing_activities.id"],
            name=op.f("fk_processing_activity_links_activity_id_processing_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "kind", "code", name=op.f("pk_processing_activity_links")),
    )
    op.create_table(
        "processing_activity_suppliers",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["processing_activities.id"],
            name=op.f("fk_processing_activity_suppliers_activity_id_processing_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_processing_activity_suppliers_supplier_id_suppliers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "supplier_id", name=op.f("pk_processing_activity_suppliers")),
    )
    op.create_table(
        "dpia_risks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dpia_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_dpia_risks_action_id_actions"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dpia_id"], ["dpias.id"], name=op.f("fk_dpia_risks_dpia_id_dpias"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dpia_risks")),
    )
    with op.batch_alter_table("dpia_risks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dpia_risks_dpia_id"), ["dpia_id"], unique=False)

    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_evidence_files_pupil_id_pupils"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_evidence_files_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_files_owner", ["owner_kind", "owner_id"], unique=False)

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("complainant_role", sa.String(length=20), nullable=False),
        sa.Column("complainant_name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("handler_name", sa.String(length=200), nullable=False),
        sa.Column("term_weeks", sa.Integer(), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("ap_told", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_complaints_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_complaints_request_id_subject_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_complaints_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("school_id", "number", name="uq_complaints_school_number"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_school_id"), ["school_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_school_id"))

    op.drop_table("complaints")
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_files_owner")

    op.drop_table("evidence_files")
    with op.batch_alter_table("dpia_risks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dpia_risks_dpia_id"))

    op.drop_table("dpia_risks")
    op.drop_table("processing_activity_suppliers")
    op.drop_table("processing_activity_links")
    with op.batch_alter_table("dpias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dpias_school_id"))

    op.drop_table("dpias")
    with op.batch_alter_table("processing_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processing_activities_school_id"))

    op.drop_table("processing_activities")
