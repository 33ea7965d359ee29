"""staff, code-of-conduct acknowledgements, awareness sessions (issue 20): reserved, filled by that work

The access-rights register's staff_members gains a staff number, a start date and an e-mail address
(existing people get "" and no start date); two new tables hold acknowledgements and sessions.

Revision ID: 0014_staff
Revises: 0013_board
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_staff"
down_revision = "0013_board"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("staff_number", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("email", sa.String(length=200), server_default="", nullable=False))

    op.create_table(
        "staff_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["policy_version_id"],
            ["policy_versions.id"],
            name=op.f("fk_staff_acknowledgements_policy_version_id_policy_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_members.id"],
            name=op.f("fk_staff_acknowledgements_staff_id_staff_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_acknowledgements")),
        sa.UniqueConstraint("staff_id", "policy_version_id", name="uq_staff_acknowledgements_staff_version"),
    )
    with op.batch_alter_table("staff_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_acknowledgements_policy_version_id"), ["policy_version_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_staff_acknowledgements_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "awareness_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=30), nullable=False),
        sa.Column("led_by", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_awareness_sessions_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_awareness_sessions")),
    )
    with op.batch_alter_table("awareness_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_awareness_sessions_school_id"), ["school_id"], unique=False)

    op.create_table(
        "awareness_attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["awareness_sessions.id"],
            name=op.f("fk_awareness_attendance_session_id_awareness_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_members.id"],
            name=op.f("fk_awareness_attendance_staff_id_staff_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "staff_id", name=op.f("pk_awareness_attendance")),
    )
    with op.batch_alter_table("awareness_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_awareness_attendance_staff_id"), ["staff_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("awareness_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_awareness_attendance_staff_id"))
    op.drop_table("awareness_attendance")
    with op.batch_alter_table("awareness_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_awareness_sessions_school_id"))
    op.drop_table("awareness_sessions")
    with op.batch_alter_table("staff_acknowledgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_acknowledgements_staff_id"))
        batch_op.drop_index(batch_op.f("ix_staff_acknowledgements_policy_version_id"))
    op.drop_table("staff_acknowledgements")
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_column("email")
        batch_op.drop_column("started_on")
        batch_op.drop_column("staff_number")
