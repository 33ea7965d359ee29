"""Tables of staff awareness (issue 20): acknowledgements of must-know documents per staff member and
version, and awareness sessions with their attendance. Staff members themselves are the access-rights
register's ``staff_members`` (store/policy_models.py), extended with a number, start date and e-mail.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime


class StaffAcknowledgement(Base):
    """One staff member acknowledged one version of a document: on which date and how."""

    __tablename__ = "staff_acknowledgements"
    __table_args__ = (
        UniqueConstraint("staff_id", "policy_version_id", name="uq_staff_acknowledgements_staff_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id", ondelete="CASCADE"), index=True)
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="CASCADE"), index=True
    )
    acknowledged_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))  # paper | email | meeting
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by_name: Mapped[str] = mapped_column(String(200))


class AwarenessSession(Base):
    """A session held for the team (e.g. in the team meeting) on one topic."""

    __tablename__ = "awareness_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(30))
    led_by: Mapped[str] = mapped_column(String(20))  # ict | director | dpo
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    attendees: Mapped[list[AwarenessAttendance]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class AwarenessAttendance(Base):
    __tablename__ = "awareness_attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("awareness_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
