"""accounts per school, login times apart from the versioned row, moved marker (issue 19)

Accounts now belong to one or more schools or to the whole board (``users.board_level``). Accounts that
held a board-wide role (FG, bestuurder) already saw every school: they become board-level accounts.
Login times stay on the user row but are written without a version bump (services/auth.py); the
"moved to the server" marker of a school's own file is a setting, so neither needs a schema change.

Revision ID: 0013_board
Revises: 0012_registers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_board"
down_revision = "0012_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite allows it with a constant default): a batch copy of `users` would trip
    # the foreign keys that point at it.
    op.add_column("users", sa.Column("board_level", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE users SET board_level = TRUE WHERE id IN "
        "(SELECT user_id FROM user_roles WHERE role IN ('dpo', 'board'))"
    )


def downgrade() -> None:
    op.drop_column("users", "board_level")
