"""Tables of the incident and breach register (DOMAIN.md section 3).

Multiple-choice fields of the AP form (nature, kinds of data, groups, consequences) are stored as
comma-separated codes: they are always read and written as a whole with their incident, and a list of
2,000 incidents then stays one plain SELECT. The timeline is append-only: the services never update or
delete its rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        UniqueConstraint("school_id", "number", name="uq_incidents_school_number"),
        Index("ix_incidents_school_discovered", "school_id", "discovered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))

    # What happened (reported by any staff member) - AP form section 2.
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    incident_type: Mapped[str] = mapped_column(String(30))
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False)
    discovered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reported_by_name: Mapped[str] = mapped_column(String(200))

    # Section 1: contact and other organisations.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_details: Mapped[str] = mapped_column(Text, default="")
    processor_involved: Mapped[bool] = mapped_column(Boolean, default=False)
    processor_name: Mapped[str] = mapped_column(String(200), default="")
    # Sections 3 to 5: nature, data, people.
    natures: Mapped[str] = mapped_column(String(200), default="")
    data_kinds: Mapped[str] = mapped_column(String(300), default="")
    data_other: Mapped[str] = mapped_column(Text, default="")
    records_approx: Mapped[int | None] = mapped_column(Integer)
    people_groups: Mapped[str] = mapped_column(String(100), default="")
    people_other: Mapped[str] = mapped_column(Text, default="")
    people_min: Mapped[int | None] = mapped_column(Integer)
    people_max: Mapped[int | None] = mapped_column(Integer)
    # Sections 6 and 7: measures beforehand, consequences.
    protection: Mapped[str] = mapped_column(String(20), default="unknown")
    protection_details: Mapped[str] = mapped_column(Text, default="")
    consequences: Mapped[str] = mapped_column(String(100), default="")
    consequences_details: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(20), default="unknown")
    # Section 8: follow-up. Section 9: other.
    subjects_informed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    subjects_informed_how: Mapped[str] = mapped_column(Text, default="")
    subjects_not_informed_reason: Mapped[str] = mapped_column(Text, default="")
    # Art. 34: how they were informed (core.breach_informing.InformChannel) or which 34(3) exception.
    subjects_informed_channel: Mapped[str] = mapped_column(String(20), default="", server_default="")
    subjects_exception: Mapped[str] = mapped_column(String(20), default="", server_default="")
    public_announcement: Mapped[str] = mapped_column(Text, default="")
    measures_taken: Mapped[str] = mapped_column(Text, default="")
    cross_border: Mapped[bool] = mapped_column(Boolean, default=False)
    cross_border_details: Mapped[str] = mapped_column(Text, default="")
    other_remarks: Mapped[str] = mapped_column(Text, default="")

    # The assessment: the program's proposal, the user's decision and why.
    risk_answers: Mapped[str] = mapped_column(Text, default="")  # JSON of core.risk.RiskAnswers
    proposal: Mapped[str | None] = mapped_column(String(30))
    proposal_reasons: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(30))
    decision_reasons: Mapped[str] = mapped_column(Text, default="")
    deviation_reason: Mapped[str] = mapped_column(Text, default="")
    assessed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    assessed_by_name: Mapped[str] = mapped_column(String(200), default="")

    # Notification to the AP (section 0) and the reference number the AP gives.
    preliminary_notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    final_notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ap_reference: Mapped[str] = mapped_column(String(60), default="")
    late_reason: Mapped[str] = mapped_column(Text, default="")

    evaluation: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by_name: Mapped[str] = mapped_column(String(200), default="")

    version: Mapped[int] = mapped_column(Integer, default=1)

    timeline: Mapped[list[IncidentTimelineEntry]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentTimelineEntry.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class IncidentTimelineEntry(Base):
    """One line of an incident's history: actions, decisions, status changes, FG advice."""

    __tablename__ = "incident_timeline"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
