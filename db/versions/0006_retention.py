"""retention schedule, items, clean-up runs and certificates (issue 5): reserved, filled by that work

Revision ID: 0006_retention
Revises: 0005_requests_processors
"""

from __future__ import annotations

revision = "0006_retention"
down_revision = "0005_requests_processors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
