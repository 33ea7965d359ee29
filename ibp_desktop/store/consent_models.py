"""Image consent tables: purposes, form versions, the append-only decisions, and campaigns.

Decisions are never updated or deleted by the services (only retention deletes a pupil, and its
decisions with it). A withdrawal is a decision with ``granted`` false and ``withdrawal`` true.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime, utc_now


class ConsentPurpose(Base):
    """A purpose a school asks consent for, e.g. "Website". ``asked_since`` is the form version number in
    which the purpose was added or last changed: a "yes" on an older version no longer counts."""

    __tablename__ = "consent_purposes"
    __table_args__ = (UniqueConstraint("school_id", "code", name="uq_consent_purposes_school_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    asked_since: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ConsentFormVersion(Base):
    """One version of the school's consent form: the exact text parents saw. Never changed afterwards."""

    __tablename__ = "consent_form_versions"
    __table_args__ = (UniqueConstraint("school_id", "number", name="uq_consent_form_versions_school_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    form_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ConsentFormPurpose(Base):
    """A purpose as a form version asked it (label and description as printed then)."""

    __tablename__ = "consent_form_purposes"

    form_version_id: Mapped[int] = mapped_column(
        ForeignKey("consent_form_versions.id", ondelete="CASCADE"), primary_key=True
    )
    purpose_id: Mapped[int] = mapped_column(ForeignKey("consent_purposes.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    changed: Mapped[bool] = mapped_column(Boolean, default=False)


class ConsentCampaign(Base):
    """A (yearly) round of asking every pupil's guardians again, with a deadline."""

    __tablename__ = "consent_campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    school_year: Mapped[str] = mapped_column(String(9))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("consent_form_versions.id"))
    deadline: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    started_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ConsentDecision(Base):
    """One answer for one purpose (append-only). Who gave it, how, on which form, who typed it in."""

    __tablename__ = "consent_decisions"
    __table_args__ = (
        Index("ix_consent_decisions_pupil_purpose", "pupil_id", "purpose_id"),
        # The Overzicht's "forms missing" count per school: covering, so no decision row is read.
        Index("ix_consent_decisions_campaign_pupil", "campaign_id", "pupil_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    purpose_id: Mapped[int] = mapped_column(ForeignKey("consent_purposes.id"))
    granted: Mapped[bool] = mapped_column(Boolean)
    withdrawal: Mapped[bool] = mapped_column(Boolean, default=False)
    school_year: Mapped[str] = mapped_column(String(9))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("consent_form_versions.id"))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("consent_campaigns.id", ondelete="SET NULL"), index=True
    )
    given_by: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    given_on: Mapped[date] = mapped_column(Date)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
