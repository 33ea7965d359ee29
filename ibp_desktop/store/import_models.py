"""Remembered column mappings: per school, import kind and file layout, which column feeds which field.

The layout is a fingerprint of the file's header texts (folded, in order), so the next export from the
same system goes in without ``--map`` and without clicks. Only header texts and field keys are stored,
never cell values (no pupil data).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime


class ImportMapping(Base):
    __tablename__ = "import_mappings"
    __table_args__ = (
        UniqueConstraint("school_id", "kind", "layout", name="uq_import_mappings_school_kind_layout"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # pupils | consent | incidents
    layout: Mapped[str] = mapped_column(String(64))  # SHA-256 of the folded header texts
    mapping: Mapped[str] = mapped_column(Text)  # JSON: field key -> header text, or null for "not in file"
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
