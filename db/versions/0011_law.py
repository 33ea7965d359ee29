"""breach informing, GMR sections and refusals, role separation, per-item retention terms (issue 13): reserved, filled by that work

Revision ID: 0011_law
Revises: 0010_trust
"""

from __future__ import annotations

revision = "0011_law"
down_revision = "0010_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
