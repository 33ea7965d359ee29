"""remembered import mappings per school and file layout (issue 11)

Revision ID: 0009_import_mappings
Revises: 0008_policy
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_import_mappings"
down_revision = "0008_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("layout", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_import_mappings_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mappings")),
        sa.UniqueConstraint("school_id", "kind", "layout", name="uq_import_mappings_school_kind_layout"),
    )


def downgrade() -> None:
    op.drop_table("import_mappings")
