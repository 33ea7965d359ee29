"""Tables of the policy cycle (issue 8): policy documents and their versions (the file itself, as bytes),
the yearly IBP calendar with its completed occurrences, and the access-rights register with leaver/mover
checklists and periodic reviews.

A version's file lives in ``content`` (LargeBinary): on SQLite the whole file is SQLCipher-encrypted, on
PostgreSQL the server's protection applies. ``content`` is deferred so lists never load the files.
Checklist items and review lines copy the system's and person's names when they are made: they are a
record of what was checked, also after a grant is removed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime, utc_now

# --- policy documents --------------------------------------------------------------------------------


class PolicyDocument(Base):
    __tablename__ = "policy_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: a document of the whole board (the six GMR documents are the board's).
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(200))
    cycle: Mapped[str] = mapped_column(String(20))
    requires_gmr: Mapped[bool] = mapped_column(Boolean, default=False)
    # core.policy.GmrBody: "pgmr", "ogmr", "gmr"; "" when the GMR has no consent right (requires_gmr False).
    gmr_body: Mapped[str] = mapped_column(String(10), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    last_evaluated_on: Mapped[date | None] = mapped_column(Date)
    evaluation_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    versions: Mapped[list[PolicyVersion]] = relationship(
        cascade="all, delete-orphan", order_by="PolicyVersion.number", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class PolicyVersion(Base):
    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_policy_versions_document_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("policy_documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uploaded_by_name: Mapped[str] = mapped_column(String(200))
    fg_advice_on: Mapped[date | None] = mapped_column(Date)
    fg_advice: Mapped[str] = mapped_column(Text, default="")
    fg_advice_by_name: Mapped[str] = mapped_column(String(200), default="")
    proposed_on: Mapped[date | None] = mapped_column(Date)  # voorgenomen besluit put to the GMR section
    proposed_by_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    adopted_by_name: Mapped[str] = mapped_column(String(200), default="")
    gmr_consent_on: Mapped[date | None] = mapped_column(Date)
    gmr_refused_on: Mapped[date | None] = mapped_column(Date)
    gmr_refusal_reason: Mapped[str] = mapped_column(Text, default="")
    gmr_recorded_by_name: Mapped[str] = mapped_column(String(200), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    published_by_name: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


# --- the yearly calendar --------------------------------------------------------------------------------


class IbpTask(Base):
    """A recurring task of a school's IBP calendar, e.g. the consent campaign in August - October."""

    __tablename__ = "ibp_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_role: Mapped[str] = mapped_column(String(30))
    months: Mapped[str] = mapped_column(String(40))  # "1,6": the months it starts in
    span_months: Mapped[int] = mapped_column(Integer, default=1)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class IbpTaskDone(Base):
    """One occurrence (task, year, start month) marked as done, with a note."""

    __tablename__ = "ibp_task_done"
    __table_args__ = (UniqueConstraint("task_id", "year", "month", name="uq_ibp_task_done_task_year_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("ibp_tasks.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    done_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_by_name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")


# --- access rights ---------------------------------------------------------------------------------------


class AccessSystem(Base):
    __tablename__ = "access_systems"
    __table_args__ = (UniqueConstraint("school_id", "name", name="uq_access_systems_school_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class StaffMember(Base):
    """A member of staff (not a pupil) who has access somewhere; ``left_on`` once they have left."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str] = mapped_column(String(150), default="")
    left_on: Mapped[date | None] = mapped_column(Date)
    # Staff list (issue 20): the HR system's number, the start date and an optional e-mail address.
    staff_number: Mapped[str] = mapped_column(String(40), default="", server_default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AccessGrant(Base):
    """Who has which access level in which system; ``revoked_on`` once it was taken away."""

    __tablename__ = "access_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("access_systems.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(100))
    granted_on: Mapped[date | None] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    system: Mapped[AccessSystem] = relationship(lazy="joined")
    person: Mapped[StaffMember] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class AccessChecklist(Base):
    """A leaver's or mover's checklist: one item per access the person had when it was made."""

    __tablename__ = "access_checklists"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id", ondelete="SET NULL"))
    person_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # leaver | mover
    effective_on: Mapped[date] = mapped_column(Date)
    new_function: Mapped[str] = mapped_column(String(150), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by_name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)

    items: Mapped[list[AccessChecklistItem]] = relationship(
        cascade="all, delete-orphan", order_by="AccessChecklistItem.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class AccessChecklistItem(Base):
    __tablename__ = "access_checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(
        ForeignKey("access_checklists.id", ondelete="CASCADE"), index=True
    )
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("access_grants.id", ondelete="SET NULL"))
    system_name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(String(20))  # revoked | changed | kept
    new_level: Mapped[str] = mapped_column(String(100), default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class AccessReview(Base):
    """A periodic review of every access of a school by the security officer."""

    __tablename__ = "access_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    started_by_name: Mapped[str] = mapped_column(String(200))
    finished_on: Mapped[date | None] = mapped_column(Date)
    finished_by_name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[AccessReviewLine]] = relationship(
        cascade="all, delete-orphan", order_by="AccessReviewLine.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class AccessReviewLine(Base):
    __tablename__ = "access_review_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("access_reviews.id", ondelete="CASCADE"), index=True)
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("access_grants.id", ondelete="SET NULL"))
    system_name: Mapped[str] = mapped_column(String(200))
    person_name: Mapped[str] = mapped_column(String(200))
    person_function: Mapped[str] = mapped_column(String(150), default="")
    level: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(String(20))  # confirmed | changed | revoked
    new_level: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")
