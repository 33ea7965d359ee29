"""Login throttling per account (issue 14): wrong passwords in a row and how long to wait."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ibp_desktop.store.models import Base
from ibp_desktop.store.types import UtcDateTime


class LoginThrottle(Base):
    """Kept in the database, so the wait holds in the GUI, on the command line and after a restart."""

    __tablename__ = "login_throttle"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # wrong passwords in a row
    wait_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
