"""What every page gets: the open database, the logged-in actor, the chosen school and a few hooks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo
    from ibp_desktop.services.context import Actor
    from ibp_desktop.services.dashboard.overview import Dashboard
    from ibp_desktop.services.location import Location
    from ibp_desktop.store.database import Database


@dataclass(frozen=True)
class StartData:
    """What the first window needs of the database, read off the GUI thread right after the password
    check (issue 17: after Enter only the check and the user's own figures remain)."""

    schools: list[SchoolInfo]
    idle_minutes: int
    day: date
    dashboard: Dashboard | None  # the Overzicht's figures on ``day``; None: the page loads them itself


def read_start(database: Database, actor: Actor, day: date) -> StartData:
    from ibp_desktop.core.errors import IbpError
    from ibp_desktop.services.accounts.schools import SchoolService
    from ibp_desktop.services.dashboard.overview import DashboardService
    from ibp_desktop.services.database.settings import SettingsService

    schools = SchoolService(database, actor).visible_schools()
    minutes = SettingsService(database, actor).idle_lock_minutes()
    try:
        dashboard: Dashboard | None = DashboardService(database, actor).overview(day)
    except IbpError:  # e.g. a role without the Overzicht: the page says so when it is opened
        dashboard = None
    return StartData(schools, minutes, day, dashboard)


def moment_on(day: date) -> datetime:
    """The computer's clock moved to ``day`` by whole days (same time of day), as an aware UTC moment;
    on the computer's own day (``date.today()``, the context's default day) it is simply now."""
    real = datetime.now().astimezone()
    return (real + timedelta(days=(day - real.date()).days)).astimezone(UTC)


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
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.actor = actor
        self.location = location
        self.schools = schools
        self.idle_minutes = idle_minutes
        self.demo = demo
        self.today = today
        # The moment pages measure hours by (the 72 hours of a data breach). By default the real time of
        # day on the context's day, so whoever sets ``today`` (a test, the demo) moves it too; set ``now``
        # itself for an exact moment. Recorded facts (reported at, notified at) keep the real clock.
        self.now: Callable[[], datetime] = now if now is not None else lambda: moment_on(self.today())
        self._prepared: StartData | None = None
        self._school_id: int | None = schools[0].id if len(schools) == 1 else None
        # Set by the main window: open the page with this key; False when it does not exist for this user.
        self.open_page: Callable[[str], bool] = lambda _key: False
        self.has_page: Callable[[str], bool] = lambda _key: False

    @classmethod
    def from_start(cls, database: Database, actor: Actor, location: Location, start: StartData, *,
                   demo: bool = False) -> AppContext:
        context = cls(database, actor, location, schools=start.schools, idle_minutes=start.idle_minutes,
                      demo=demo)
        context._prepared = start
        return context

    @classmethod
    def load(cls, database: Database, actor: Actor, location: Location, *, demo: bool = False) -> AppContext:
        """Read what the window needs on this thread (the tests' pages)."""
        return cls.from_start(database, actor, location, read_start(database, actor, date.today()), demo=demo)

    def take_prepared_dashboard(self) -> Dashboard | None:
        """The Overzicht read with the login, once, and only while it is still today's."""
        start, self._prepared = self._prepared, None
        if start is None or start.dashboard is None or start.day != self.today():
            return None
        return start.dashboard

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
