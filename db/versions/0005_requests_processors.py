"""data-subject requests, processor agreements and the action register (issue 6)

Revision ID: 0005_requests_processors
Revises: 0004_incidents
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_requests_processors"
down_revision = "0004_incidents"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{referred}"), ondelete=ondelete
    )


def _index(table: str, name: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(name, columns, unique=False)


def upgrade() -> None:
    _suppliers()
    _requests()
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(length=30), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("source_reference", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=200), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("actions", "school_id", "schools.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    _index("actions", op.f("ix_actions_school_id"), ["school_id"])


def _suppliers() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("covenant_participant", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint("name", name=op.f("uq_suppliers_name")),
    )
    op.create_table(
        "supplier_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _fk("supplier_products", "supplier_id", "suppliers.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_products")),
        sa.UniqueConstraint("supplier_id", "name", name="uq_supplier_products_supplier_name"),
    )
    _index("supplier_products", op.f("ix_supplier_products_supplier_id"), ["supplier_id"])
    op.create_table(
        "product_schools",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        _fk("product_schools", "product_id", "supplier_products.id", "CASCADE"),
        _fk("product_schools", "school_id", "schools.id", "CASCADE"),
        sa.PrimaryKeyConstraint("product_id", "school_id", name=op.f("pk_product_schools")),
    )
    op.create_table(
        "processor_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("model_version", sa.String(length=10), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("bijsluiter_version", sa.String(length=60), nullable=False),
        sa.Column("sub_processors", sa.Text(), nullable=False),
        sa.Column("data_in_eu", sa.String(length=10), nullable=False),
        sa.Column("data_categories", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("processor_agreements", "supplier_id", "suppliers.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processor_agreements")),
        sa.UniqueConstraint("supplier_id", name=op.f("uq_processor_agreements_supplier_id")),
    )


def _requests() -> None:
    op.create_table(
        "subject_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("requester_name", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("relation_note", sa.String(length=200), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=True),
        sa.Column("right", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id_check", sa.String(length=200), nullable=False),
        sa.Column("authority_checked", sa.Boolean(), nullable=False),
        sa.Column("authority_note", sa.Text(), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("extension_informed_on", sa.Date(), nullable=True),
        sa.Column("fg_consulted", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_reasons", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("handled_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("subject_requests", "handled_by_id", "users.id", "SET NULL"),
        _fk("subject_requests", "pupil_id", "pupils.id", "SET NULL"),
        _fk("subject_requests", "school_id", "schools.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_requests")),
        sa.UniqueConstraint("school_id", "number", name="uq_subject_requests_school_number"),
    )
    _index("subject_requests", "ix_subject_requests_school_received", ["school_id", "received_on"])
    op.create_table(
        "subject_request_remarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("subject_request_remarks", "author_id", "users.id", "SET NULL"),
        _fk("subject_request_remarks", "request_id", "subject_requests.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_request_remarks")),
    )
    _index("subject_request_remarks", op.f("ix_subject_request_remarks_request_id"), ["request_id"])


def downgrade() -> None:
    for table in (
        "actions",
        "subject_request_remarks",
        "subject_requests",
        "processor_agreements",
        "product_schools",
        "supplier_products",
        "suppliers",
    ):
        op.drop_table(table)
