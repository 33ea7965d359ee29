"""pupil import (issue 3): reserved, filled by the pupils work

Revision ID: 0002_pupil_import
Revises: 0001_foundation
"""

from __future__ import annotations

revision = "0002_pupil_import"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
