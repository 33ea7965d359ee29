"""Tables of the processing register (art. 30), DPIAs (art. 35) and complaints (DOMAIN.md section 3a).

An activity belongs to a school. It names its processors (suppliers of the board's processor register)
and points to retention categories and consent purposes by their codes, because those rows are per
school and keyed by code. A DPIA may concern an activity or a new application; its risks carry the
measure and the action of the plan van aanpak that the measure became.

Evidence files hang on a record of another table (``owner_kind``, ``owner_id``) without a foreign key,
because the owners live in several tables; the services delete them together with their record.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Base
from ibp_desktop.store.request_models import SubjectRequest, Supplier
from ibp_desktop.store.types import UtcDateTime, utc_now


class ProcessingActivity(Base):
    __tablename__ = "processing_activities"
    __table_args__ = (UniqueConstraint("school_id", "name", name="uq_processing_activities_school_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")  # the preload's code, "" for own rows
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(String(30))
    basis_note: Mapped[str] = mapped_column(Text, default="")
    data_subjects: Mapped[str] = mapped_column(Text, default="")
    data_categories: Mapped[str] = mapped_column(Text, default="")
    special_categories: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    outside_eea: Mapped[str] = mapped_column(String(10), default="unknown")
    transfer_note: Mapped[str] = mapped_column(Text, default="")
    security_measures: Mapped[str] = mapped_column(Text, default="")
    dpia_needed: Mapped[str] = mapped_column(String(10), default="unknown")
    owner_role: Mapped[str] = mapped_column(String(30))
    last_reviewed_on: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    suppliers: Mapped[list[ActivitySupplier]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    links: Mapped[list[ActivityLink]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class ActivitySupplier(Base):
    __tablename__ = "processing_activity_suppliers"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activities.id", ondelete="CASCADE"), primary_key=True
    )
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"), primary_key=True)


class ActivityLink(Base):
    """``kind`` "retention" (a retention category code) or "consent" (a consent purpose code)."""

    __tablename__ = "processing_activity_links"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activities.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class Dpia(Base):
    __tablename__ = "dpias"
    __table_args__ = (UniqueConstraint("school_id", "number", name="uq_dpias_school_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(30))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("processing_activities.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(String(200))
    # The pre-scan: the AP-list items and EDPB criteria that apply (comma-separated codes), and the outcome.
    ap_items: Mapped[str] = mapped_column(String(400), default="")
    criteria: Mapped[str] = mapped_column(String(400), default="")
    needed: Mapped[bool] = mapped_column(Boolean)
    prescan_reasoning: Mapped[str] = mapped_column(Text)
    prescan_on: Mapped[date] = mapped_column(Date)
    prescan_by_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    necessity: Mapped[str] = mapped_column(Text, default="")
    advice_asked_on: Mapped[date | None] = mapped_column(Date)
    advice: Mapped[str] = mapped_column(Text, default="")
    advice_on: Mapped[date | None] = mapped_column(Date)
    advice_by_name: Mapped[str] = mapped_column(String(200), default="")
    decision: Mapped[str | None] = mapped_column(String(20))
    decision_reasons: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")
    review_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    risks: Mapped[list[DpiaRisk]] = relationship(
        cascade="all, delete-orphan", order_by="DpiaRisk.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class DpiaRisk(Base):
    __tablename__ = "dpia_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    dpia_id: Mapped[int] = mapped_column(ForeignKey("dpias.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(Text, default="")
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"))


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("school_id", "number", name="uq_complaints_school_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(30))
    received_on: Mapped[date] = mapped_column(Date)
    complainant_role: Mapped[str] = mapped_column(String(20))
    complainant_name: Mapped[str] = mapped_column(String(200), default="")  # optional: the role suffices
    subject: Mapped[str] = mapped_column(Text)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("subject_requests.id", ondelete="SET NULL"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    handler_name: Mapped[str] = mapped_column(String(200), default="")
    term_weeks: Mapped[int] = mapped_column(Integer)
    deadline_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    ap_told: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class EvidenceFile(Base):
    """A file kept as evidence (PDF, image, e-mail). The bytes sit in the database, which SQLCipher
    encrypts on a school PC; ``school_id`` is empty for the board's processor agreements."""

    __tablename__ = "evidence_files"
    __table_args__ = (Index("ix_evidence_files_owner", "owner_kind", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    added_by_name: Mapped[str] = mapped_column(String(200))


# The records evidence files belong to come first in dependency order (copying a school to a server
# translates ``owner_id`` to the copied record: store/row_copy.py). Ordering only; no foreign key.
_evidence_table = cast(Table, EvidenceFile.__table__)
for _owner in (Incident, SubjectRequest, Dpia, Complaint, Supplier):
    _evidence_table.add_is_dependent_on(cast(Table, _owner.__table__))
