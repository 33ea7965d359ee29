"""breach informing, GMR sections and refusals, role separation, per-item retention terms (issue 13): reserved, filled by that work

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


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(_text_column("subjects_informed_channel", 20))
        batch_op.add_column(_text_column("subjects_exception", 20))


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("subjects_exception")
        batch_op.drop_column("subjects_informed_channel")
