"""indexes for the Overzicht's counts (issue 17) and its recent account changes (issue 13)

Revision ID: 0016_speed_indexes
Revises: 0015_scans
"""

from __future__ import annotations

from alembic import op

revision = "0016_speed_indexes"
down_revision = "0015_scans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_consent_decisions_campaign_pupil", ["campaign_id", "pupil_id"], unique=False)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_action_at", ["action", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_action_at")
    with op.batch_alter_table("consent_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_decisions_campaign_pupil")
