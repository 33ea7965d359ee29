"""audit sequence numbers, login throttling, restore markers (issue 14)

Every audit entry gets a number without gaps (existing entries numbered in the order they were
written), so that a cut-off tail shows against the number anchored outside the database. Wrong
passwords per account are counted in their own table.

Revision ID: 0010_trust
Revises: 0009_import_mappings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_trust"
down_revision = "0009_import_mappings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    # UPDATE ... FROM with a window function: SQLite 3.33+ and PostgreSQL both run it in one pass.
    op.execute(
        "UPDATE audit_log SET seq = numbered.n FROM "
        "(SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM audit_log) AS numbered "
        "WHERE numbered.id = audit_log.id"
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_seq"), ["seq"])

    op.create_table(
        "login_throttle",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("wait_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_login_throttle_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_login_throttle")),
    )


def downgrade() -> None:
    op.drop_table("login_throttle")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_seq"), type_="unique")
        batch_op.drop_column("seq")
