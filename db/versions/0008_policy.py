"""policy documents, yearly IBP calendar, access-rights register (issue 8): reserved, filled by that work

Revision ID: 0008_policy
Revises: 0007_reports
"""

from __future__ import annotations

revision = "0008_policy"
down_revision = "0007_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
