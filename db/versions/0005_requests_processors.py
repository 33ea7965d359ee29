"""data-subject requests and processor agreements (issue 6): reserved, filled by that work

Revision ID: 0005_requests_processors
Revises: 0004_incidents
"""

from __future__ import annotations

revision = "0005_requests_processors"
down_revision = "0004_incidents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
