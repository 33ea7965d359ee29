"""Program settings kept in the database (shared by every PC of the school)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service
from ibp_desktop.store.models import Setting

IDLE_LOCK_KEY = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10
MIN_IDLE, MAX_IDLE = 1, 120


def _read(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


class SettingsService(Service):
    def idle_lock_minutes(self) -> int:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            value = _read(work.session, IDLE_LOCK_KEY)
            return int(value) if value else DEFAULT_IDLE_LOCK_MINUTES

    def set_idle_lock_minutes(self, minutes: int) -> None:
        if not MIN_IDLE <= minutes <= MAX_IDLE:
            raise BadInputError(
                f"Kies een tijd tussen {MIN_IDLE} en {MAX_IDLE} minuten voor het automatisch vergrendelen."
            )
        with self._work(Permission.MANAGE_SETTINGS) as work:
            before = _read(work.session, IDLE_LOCK_KEY)
            work.session.merge(Setting(key=IDLE_LOCK_KEY, value=str(minutes)))
            work.audit(
                "setting_changed",
                "setting",
                IDLE_LOCK_KEY,
                before={"value": before},
                after={"value": str(minutes)},
            )
