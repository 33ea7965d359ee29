"""What every page gets: the open database, the logged-in actor, the chosen school and a few hooks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo
    from ibp_desktop.services.context import Actor
    from ibp_desktop.services.location import Location
    from ibp_desktop.store.database import Database


class AppContext(QObject):
    """The logged-in session as the GUI sees it. Pages call services with ``database`` and ``actor``."""

    school_changed = Signal(object)  # the chosen school id, or None for "all schools"
    lock_requested = Signal()
    idle_minutes_changed = Signal(int)
    restore_requested = Signal(object)  # a backup file (Path): the start-up controller restores it

    def __init__(
        self,
        database: Database,
        actor: Actor,
        location: Location,
        *,
        schools: list[SchoolInfo],
        idle_minutes: int,
        demo: bool = False,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        self.location = location
        self.schools = schools
        self.idle_minutes = idle_minutes
        self.demo = demo
        self.today = today
        self._school_id: int | None = schools[0].id if len(schools) == 1 else None
        # Set by the main window: open the page with this key; False when it does not exist for this user.
        self.open_page: Callable[[str], bool] = lambda _key: False
        self.has_page: Callable[[str], bool] = lambda _key: False

    @classmethod
    def load(cls, database: Database, actor: Actor, location: Location, *, demo: bool = False) -> AppContext:
        from ibp_desktop.services.accounts.schools import SchoolService
        from ibp_desktop.services.database.settings import SettingsService

        schools = SchoolService(database, actor).visible_schools()
        minutes = SettingsService(database, actor).idle_lock_minutes()
        return cls(database, actor, location, schools=schools, idle_minutes=minutes, demo=demo)

    @property
    def school_id(self) -> int | None:
        """The school chosen in the top bar; None means all schools the user may see."""
        return self._school_id

    def set_school_id(self, school_id: int | None) -> None:
        if school_id != self._school_id:
            self._school_id = school_id
            self.school_changed.emit(school_id)

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_minutes = minutes
        self.idle_minutes_changed.emit(minutes)

    def confirm_password(self, password: str) -> bool:
        """Unlock check (runs in the background: argon2 takes a moment)."""
        from ibp_desktop.services.accounts.auth import confirm_password

        return confirm_password(self.database, self.actor, password)
