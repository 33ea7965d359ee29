"""Retention tables (DOMAIN.md section 2): the schedule per school, records registered by hand, per-pupil
marks (referred, legal hold), and clean-up runs with their lines.

A run's lines are frozen when the run is proposed: what the director approves is exactly what is carried
out. Lines keep pupil NUMBERS and plain ids (no foreign keys): the pupil rows they point at are deleted by
the run itself, while the run and its lines are the destruction certificate and are kept permanently.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime, utc_now


class RetentionRule(Base):
    """One row of a school's retention schedule. ``source`` says where the due records come from:
    pupils, pupils_referred, consent, incidents, pupil_rows (computed) or items (registered by hand)."""

    __tablename__ = "retention_rules"
    __table_args__ = (UniqueConstraint("school_id", "category", name="uq_retention_rules_school_category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    term_amount: Mapped[int] = mapped_column(Integer)
    term_unit: Mapped[str] = mapped_column(String(10))
    event: Mapped[str] = mapped_column(String(30))
    basis: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(20))
    system: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20), default="items")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RetentionItem(Base):
    """Records kept outside the program, registered by hand: "sollicitaties vacature groep 6"."""

    __tablename__ = "retention_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(300))
    event_date: Mapped[date] = mapped_column(Date)
    system: Mapped[str] = mapped_column(String(20))
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    hold_incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    # A term of its own instead of the category's (an applicant who agreed to one year), with the reason.
    term_amount: Mapped[int | None] = mapped_column(Integer)
    term_unit: Mapped[str] = mapped_column(String(10), default="", server_default="")
    term_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    registered_by_name: Mapped[str] = mapped_column(String(200), default="")
    done_run_id: Mapped[int | None] = mapped_column(ForeignKey("retention_runs.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RetentionPupilFlag(Base):
    """Per pupil: referred to special (basis)onderwijs (so the referral file term applies), or a legal
    hold (a dispute, an open incident) that stops every term of this pupil."""

    __tablename__ = "retention_pupil_flags"

    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), primary_key=True)
    referred: Mapped[bool] = mapped_column(Boolean, default=False)
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    hold_incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))


class RetentionRun(Base):
    """A clean-up run: proposed, approved by someone else, carried out. Kept permanently."""

    __tablename__ = "retention_runs"
    __table_args__ = (UniqueConstraint("school_id", "number", name="uq_retention_runs_school_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    until: Mapped[date] = mapped_column(Date)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_by_name: Mapped[str] = mapped_column(String(200))
    proposed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_by_name: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    executed_by_name: Mapped[str] = mapped_column(String(200), default="")
    executed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RetentionRunLine(Base):
    """One record (or one pupil's records of one category) in a run, or an exception (legal hold).

    ``kind``: program (deleted by the run), external (destroyed elsewhere; who/how/certificate recorded
    here) or exception. ``record_ids``: the program rows frozen at proposal, comma-separated.
    """

    __tablename__ = "retention_run_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("retention_runs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    pupil_number: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40))
    category_label: Mapped[str] = mapped_column(String(200))
    system: Mapped[str] = mapped_column(String(20))
    term_text: Mapped[str] = mapped_column(String(80))
    basis: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(String(300), default="")
    event_date: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    record_count: Mapped[int] = mapped_column(Integer, default=1)
    record_ids: Mapped[str] = mapped_column(Text, default="")
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(Text, default="")
    done_by: Mapped[str] = mapped_column(String(200), default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    certificate_ref: Mapped[str] = mapped_column(String(100), default="")
