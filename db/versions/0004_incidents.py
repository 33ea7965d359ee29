"""incident register (issue 4): reserved, filled by the incidents work

Revision ID: 0004_incidents
Revises: 0003_consent
"""

from __future__ import annotations

revision = "0004_incidents"
down_revision = "0003_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
