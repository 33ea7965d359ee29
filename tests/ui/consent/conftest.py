"""Consent tabs on a copy of the demo school, with an AppContext for a logged-in demo user.

The tabs are shown in a window of their own (the area only hosts them); one test goes through the
real main window and the "Leerlingen en toestemming" area.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.demo.school import DEMO_ACCOUNTS
from ibp_desktop.store.database import Database
from ibp_desktop.ui.background import wait_for_all
from ibp_desktop.ui.context import AppContext


@dataclass
class ConsentSession:
    database: Database
    context: AppContext

    @property
    def school_id(self) -> int:
        assert self.context.school_id is not None
        return self.context.school_id

    def service(self) -> ConsentService:
        return ConsentService(self.database, self.context.actor)


@pytest.fixture
def consent_session(app: QApplication, demo_location: Location) -> Iterator[Callable[[str], ConsentSession]]:
    """``consent_session("administratie")``: the demo school, logged in as that demo user."""
    opened: list[Database] = []  # one open database per test: the file is locked while open

    def make(username: str) -> ConsentSession:
        account = next(a for a in DEMO_ACCOUNTS if a.username == username)
        if not opened:
            opened.append(open_location(demo_location))
        database = opened[0]
        actor = login(database, account.username, account.password)
        return ConsentSession(database, AppContext.load(database, actor, demo_location, demo=True))

    yield make
    for widget in QApplication.topLevelWidgets():
        widget.close()
    wait_for_all()
    for database in opened:
        database.dispose()


def show(qtbot: QtBot, widget: QWidget) -> QWidget:
    """Show a tab as the active window, so that focus and shortcuts behave as in the program."""
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget
