"""remembered import mappings per school and file layout (issue 11): reserved, filled by that work

Revision ID: 0009_import_mappings
Revises: 0008_policy
"""

from __future__ import annotations

revision = "0009_import_mappings"
down_revision = "0008_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
