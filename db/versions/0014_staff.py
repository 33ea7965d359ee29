"""staff, code-of-conduct acknowledgements, awareness sessions (issue 20): reserved, filled by that work

Revision ID: 0014_staff
Revises: 0013_board
"""

from __future__ import annotations

revision = "0014_staff"
down_revision = "0013_board"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
