"""Adopted annual reports: the PDF exactly as the board adopted it, with its SHA-256 checksum.

A row is written once and never changed: re-printing returns the stored bytes (not a new rendering),
after checking them against the checksum. No names: the adopter is kept as a role (and a user id for
the audit trail, which becomes empty when the account is removed).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime


class AdoptedReport(Base):
    __tablename__ = "adopted_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: the report covers the whole board.
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="RESTRICT"), index=True)
    scope: Mapped[str] = mapped_column(String(250))  # the school's or board's name as printed
    period_kind: Mapped[str] = mapped_column(String(20))  # school_year | calendar_year
    period_year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    adopted_on: Mapped[date] = mapped_column(Date)
    adopted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    adopter_role: Mapped[str] = mapped_column(String(30))
    adopted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
