"""The pupils area on a copy of the demo school, logged in through the real login dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.importers.existing_pupil import ExistingPupil
from ibp_desktop.services.pupils.importing import existing_pupils
from ibp_desktop.services.pupils.register import PupilRow, PupilService
from ibp_desktop.ui import ops
from ibp_desktop.ui.app import Startup
from ibp_desktop.ui.main_window import MainWindow
from ibp_desktop.ui.pages.pupils.area import PupilsArea
from ibp_desktop.ui.pages.pupils.pupils_tab import PupilsTab
from tests.importers.files import write_parnassys
from tests.ui.helpers import log_in

PARNASSYS_HEADER = (
    "Leerlingnummer",
    "Roepnaam",
    "Tussenvoegsel",
    "Achternaam",
    "Geboortedatum",
    "Groep",
    "Datum inschrijving",
)


@dataclass
class PupilsScreen:
    startup: Startup
    window: MainWindow
    area: PupilsArea
    tab: PupilsTab

    @property
    def school_id(self) -> int:
        school_id = self.startup.context.school_id if self.startup.context else None
        assert school_id is not None
        return school_id

    def service(self) -> PupilService:
        assert self.startup.context is not None
        return PupilService(self.startup.database, self.startup.context.actor)

    def enrolled(self) -> list[PupilRow]:
        return self.service().list_pupils(self.school_id)

    def existing(self) -> list[ExistingPupil]:
        with self.startup.database.transaction() as session:
            return existing_pupils(session, self.school_id)


def open_pupils(qtbot: QtBot, make_startup, location, username: str, password: str) -> PupilsScreen:
    startup = make_startup(location)
    window = log_in(qtbot, startup, username, password)
    assert window.open_page("leerlingen")
    area = window.page("leerlingen")
    assert isinstance(area, PupilsArea)
    tab = area.pupils_tab
    wait_loaded(qtbot, tab)
    return PupilsScreen(startup, window, area, tab)


def wait_loaded(qtbot: QtBot, tab: PupilsTab) -> None:
    qtbot.waitUntil(lambda: not ops.busy(tab) and tab._loaded_query == tab._query, timeout=10_000)


@pytest.fixture
def administration(qtbot: QtBot, make_startup, demo_location) -> PupilsScreen:
    return open_pupils(qtbot, make_startup, demo_location, "administratie", "Regenboog-administratie")


def cp1252_pupil(screen: PupilsScreen) -> ExistingPupil:
    """An enrolled demo pupil with a group whose name a Windows-1252 (ParnasSys) file can hold."""
    for pupil in screen.existing():
        if pupil.deregistered_on is None and pupil.group_name and pupil.pupil_number:
            try:
                pupil.display_name.encode("cp1252")
            except UnicodeEncodeError:
                continue
            return pupil
    raise AssertionError("no suitable demo pupil")


def write_file(path: Path, rows: list[tuple[str, ...]]) -> Path:
    return write_parnassys(path, [PARNASSYS_HEADER, *rows])
