"""Scanned consent form pages kept as proof (issue 18, AVG art. 7(1): the school can show consent was
given). A page is linked to the decisions it supports; it goes when the last of them goes (retention)
or with the pupil.

``image`` is the page as a JPEG: on SQLite the whole file is SQLCipher-encrypted, on PostgreSQL the
server's protection applies. It is deferred so lists never load the pictures.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime, utc_now


class ConsentScan(Base):
    """One scanned page of one pupil's form. ``fingerprint`` recognises the same file read twice."""

    __tablename__ = "consent_scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("consent_form_versions.id"))
    page: Mapped[int] = mapped_column(Integer, default=1)
    source_name: Mapped[str] = mapped_column(String(200))
    linked_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    scanned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ConsentScanDecision(Base):
    """Which decisions a scanned page supports."""

    __tablename__ = "consent_scan_decisions"

    scan_id: Mapped[int] = mapped_column(ForeignKey("consent_scans.id", ondelete="CASCADE"), primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("consent_decisions.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
