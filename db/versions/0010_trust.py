"""audit sequence numbers, login throttling, restore markers (issue 14): reserved, filled by that work

Revision ID: 0010_trust
Revises: 0009_import_mappings
"""

from __future__ import annotations

revision = "0010_trust"
down_revision = "0009_import_mappings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
