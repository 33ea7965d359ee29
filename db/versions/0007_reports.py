"""adopted annual reports (issue 6): reserved, filled by that work

Revision ID: 0007_reports
Revises: 0006_retention
"""

from __future__ import annotations

revision = "0007_reports"
down_revision = "0006_retention"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
