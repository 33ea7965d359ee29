"""breach informing, GMR sections and refusals, role separation, per-item retention terms (issue 13)

Revision ID: 0011_law
Revises: 0010_trust
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_law"
down_revision = "0010_trust"
branch_labels = None
depends_on = None


def _text_column(name: str, length: int) -> sa.Column[str]:
    # server_default "" so existing rows get a value in the same step (SQLite batch and PostgreSQL).
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


# The GMR section of the preloaded documents (DOMAIN.md "Order of a decision"); any other document that
# needs consent goes to the whole GMR, where every section votes.
SEEDED_BODIES = {
    "beleidskader": "gmr",
    "privacyverklaring_leerlingen": "ogmr",
    "privacyverklaring_medewerkers": "pgmr",
    "gedragscode_sociale_media": "gmr",
    "protocol_beeldmateriaal": "ogmr",
    "plan_informatiebeveiliging": "gmr",
}


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(_text_column("subjects_informed_channel", 20))
        batch_op.add_column(_text_column("subjects_exception", 20))
    _policy()
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(_text_column("school_type", 20))
    with op.batch_alter_table("retention_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("term_amount", sa.Integer(), nullable=True))
        batch_op.add_column(_text_column("term_unit", 10))
        batch_op.add_column(sa.Column("term_reason", sa.Text(), nullable=False, server_default=""))


def _policy() -> None:
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.add_column(_text_column("gmr_body", 10))
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_on", sa.Date(), nullable=True))
        batch_op.add_column(_text_column("proposed_by_name", 200))
    documents = sa.table(
        "policy_documents",
        sa.column("code", sa.String),
        sa.column("requires_gmr", sa.Boolean),
        sa.column("gmr_body", sa.String),
    )
    op.execute(documents.update().where(documents.c.requires_gmr.is_(True)).values(gmr_body="gmr"))
    for code, body in SEEDED_BODIES.items():
        op.execute(
            documents.update()
            .where(documents.c.code == code, documents.c.requires_gmr.is_(True))
            .values(gmr_body=body)
        )


def downgrade() -> None:
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.drop_column("school_type")
    with op.batch_alter_table("retention_items", schema=None) as batch_op:
        batch_op.drop_column("term_reason")
        batch_op.drop_column("term_unit")
        batch_op.drop_column("term_amount")
    with op.batch_alter_table("policy_versions", schema=None) as batch_op:
        batch_op.drop_column("proposed_by_name")
        batch_op.drop_column("proposed_on")
    with op.batch_alter_table("policy_documents", schema=None) as batch_op:
        batch_op.drop_column("gmr_body")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("subjects_exception")
        batch_op.drop_column("subjects_informed_channel")
