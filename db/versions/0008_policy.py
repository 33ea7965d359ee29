"""policy documents (files as bytes), yearly IBP calendar, access-rights register (issue 8)

Revision ID: 0008_policy
Revises: 0007_reports
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_policy"
down_revision = "0007_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("started_by_name", sa.String(length=200), nullable=False),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("finished_by_name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_access_reviews_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_reviews")),
    )
    with op.batch_alter_table("access_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_reviews_school_id"), ["school_id"], unique=False)

    op.create_table(
        "access_systems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_access_systems_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_systems")),
        sa.UniqueConstraint("school_id", "name", name="uq_access_systems_school_name"),
    )
    op.create_table(
        "ibp_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(length=30), nullable=False),
        sa.Column("months", sa.String(length=40), nullable=False),
        sa.Column("span_months", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_ibp_tasks_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ibp_tasks")),
    )
    with op.batch_alter_table("ibp_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ibp_tasks_school_id"), ["school_id"], unique=False)

    op.create_table(
        "policy_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("cycle", sa.String(length=20), nullable=False),
        sa.Column("requires_gmr", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("last_evaluated_on", sa.Date(), nullable=True),
        sa.Column("evaluation_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_policy_documents_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_documents")),
    )
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_documents_school_id"), ["school_id"], unique=False)

    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("function", sa.String(length=150), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_staff_members_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
    )
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_members_school_id"), ["school_id"], unique=False)

    op.create_table(
        "access_checklists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("new_function", sa.String(length=150), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["staff_members.id"],
            name=op.f("fk_access_checklists_person_id_staff_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_access_checklists_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_checklists")),
    )
    with op.batch_alter_table("access_checklists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_checklists_school_id"), ["school_id"], unique=False)

    op.create_table(
        "access_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=100), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["staff_members.id"],
            name=op.f("fk_access_grants_person_id_staff_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["access_systems.id"],
            name=op.f("fk_access_grants_system_id_access_systems"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grants")),
    )
    with op.batch_alter_table("access_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_grants_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_grants_system_id"), ["system_id"], unique=False)

    op.create_table(
        "ibp_task_done",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_by_name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["ibp_tasks.id"], name=op.f("fk_ibp_task_done_task_id_ibp_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ibp_task_done")),
        sa.UniqueConstraint("task_id", "year", "month", name="uq_ibp_task_done_task_year_month"),
    )
    with op.batch_alter_table("ibp_task_done", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ibp_task_done_task_id"), ["task_id"], unique=False)

    op.create_table(
        "policy_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_name", sa.String(length=200), nullable=False),
        sa.Column("fg_advice_on", sa.Date(), nullable=True),
        sa.Column("fg_advice", sa.Text(), nullable=False),
        sa.Column("fg_advice_by_name", sa.String(length=200), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("adopted_by_name", sa.String(length=200), nullable=False),
        sa.Column("gmr_consent_on", sa.Date(), nullable=True),
        sa.Column("gmr_refused_on", sa.Date(), nullable=True),
        sa.Column("gmr_refusal_reason", sa.Text(), nullable=False),
        sa.Column("gmr_recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("published_by_name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["policy_documents.id"],
            name=op.f("fk_policy_versions_document_id_policy_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint("document_id", "number", name="uq_policy_versions_document_number"),
    )
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_versions_document_id"), ["document_id"], unique=False)

    op.create_table(
        "access_checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checklist_id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=True),
        sa.Column("system_name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("new_level", sa.String(length=100), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checklist_id"],
            ["access_checklists.id"],
            name=op.f("fk_access_checklist_items_checklist_id_access_checklists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["access_grants.id"],
            name=op.f("fk_access_checklist_items_grant_id_access_grants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_checklist_items")),
    )
    with op.batch_alter_table("access_checklist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_access_checklist_items_checklist_id"), ["checklist_id"], unique=False
        )

    op.create_table(
        "access_review_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=True),
        sa.Column("system_name", sa.String(length=200), nullable=False),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column("person_function", sa.String(length=150), nullable=False),
        sa.Column("level", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("new_level", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["access_grants.id"],
            name=op.f("fk_access_review_lines_grant_id_access_grants"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["access_reviews.id"],
            name=op.f("fk_access_review_lines_review_id_access_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_review_lines")),
    )
    with op.batch_alter_table("access_review_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_review_lines_review_id"), ["review_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_review_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_review_lines_review_id"))

    op.drop_table("access_review_lines")
    with op.batch_alter_table("access_checklist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_checklist_items_checklist_id"))

    op.drop_table("access_checklist_items")
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_versions_document_id"))

    op.drop_table("policy_versions")
    with op.batch_alter_table("ibp_task_done", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ibp_task_done_task_id"))

    op.drop_table("ibp_task_done")
    with op.batch_alter_table("access_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_grants_system_id"))
        batch_op.drop_index(batch_op.f("ix_access_grants_person_id"))

    op.drop_table("access_grants")
    with op.batch_alter_table("access_checklists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_checklists_school_id"))

    op.drop_table("access_checklists")
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_members_school_id"))

    op.drop_table("staff_members")
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_documents_school_id"))

    op.drop_table("policy_documents")
    with op.batch_alter_table("ibp_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ibp_tasks_school_id"))

    op.drop_table("ibp_tasks")
    op.drop_table("access_systems")
    with op.batch_alter_table("access_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_reviews_school_id"))

    op.drop_table("access_reviews")
