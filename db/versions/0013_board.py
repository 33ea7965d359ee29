"""accounts per school, login times apart from the versioned row, moved marker (issue 19): reserved, filled by that work

Revision ID: 0013_board
Revises: 0012_registers
"""

from __future__ import annotations

revision = "0013_board"
down_revision = "0012_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
