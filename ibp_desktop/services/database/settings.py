"""Program settings kept in the database (shared by every PC of the school)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service
from ibp_desktop.store.models import Setting

if TYPE_CHECKING:
    from ibp_desktop.services.database.backup import BackupInfo, LastBackup
    from ibp_desktop.services.location import Location

IDLE_LOCK_KEY = "idle_lock_minutes"
BACKUP_FOLDER_KEY = "backup_folder"  # read by services/backup.py too
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


class BackupSettingsService(Service):
    """Where the automatic backups go, and making one now (the security officer or director)."""

    def backup_state(self, location: Location) -> BackupState:
        from ibp_desktop.services.database.backup import backup_folder, last_backup

        self._check_permission(Permission.MANAGE_SETTINGS)
        return BackupState(
            folder=str(backup_folder(self.database, location)),
            last=last_backup(self.database),
            on_server=not self.database.is_sqlite,
        )

    def set_backup_folder(self, folder: str) -> None:
        path = Path(folder).expanduser()
        if not folder.strip() or not path.is_absolute():
            raise BadInputError("Kies een volledige map, bijvoorbeeld op een netwerkschijf of USB-schijf.")
        with self._work(Permission.MANAGE_SETTINGS) as work:
            before = _read(work.session, BACKUP_FOLDER_KEY)
            work.session.merge(Setting(key=BACKUP_FOLDER_KEY, value=str(path)))
            work.audit(
                "setting_changed",
                "setting",
                BACKUP_FOLDER_KEY,
                before={"value": before},
                after={"value": str(path)},
            )

    def backup_now(self, location: Location) -> BackupInfo:
        from ibp_desktop.services.database.backup import make_backup

        self._check_permission(Permission.MANAGE_SETTINGS)
        return make_backup(self.database, location)


@dataclass(frozen=True)
class BackupState:
    folder: str
    last: LastBackup | None
    on_server: bool
