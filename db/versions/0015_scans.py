"""scanned consent forms kept as proof (issue 18): reserved, filled by that work

Revision ID: 0015_scans
Revises: 0014_staff
"""

from __future__ import annotations

revision = "0015_scans"
down_revision = "0014_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
