"""processing register, DPIAs, complaints, evidence files (issue 15): reserved, filled by that work

Revision ID: 0012_registers
Revises: 0011_law
"""

from __future__ import annotations

revision = "0012_registers"
down_revision = "0011_law"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
