"""image consent (issue 3): reserved, filled by the consent work

Revision ID: 0003_consent
Revises: 0002_pupil_import
"""

from __future__ import annotations

revision = "0003_consent"
down_revision = "0002_pupil_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
