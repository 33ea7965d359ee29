"""Helpers for the incident page tests: log in as a demo user and open the page with its rows loaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.records import IncidentRow
from ibp_desktop.ui.pages.incidents.page import IncidentsPage
from tests.ui.helpers import log_in

PASSWORDS = {
    "security": "Regenboog-security",
    "fg": "Regenboog-fg",
    "administratie": "Regenboog-administratie",
    "directeur": "Regenboog-directeur",
    "ict": "Regenboog-ict",
}


@pytest.fixture
def open_incidents(qtbot: QtBot, make_startup: Any, demo_location: Any) -> Callable[[str], tuple[Any, Any]]:
    """Log in as ``username`` and show the incident page; the register's rows are loaded when it has any."""

    def open_as(username: str) -> tuple[Any, Any]:
        startup = make_startup(demo_location)
        window = log_in(qtbot, startup, username, PASSWORDS[username])
        assert window.open_page("incidenten")
        page = window.page("incidenten")
        if isinstance(page, IncidentsPage):
            qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
        return startup, page

    return open_as


def row_titled(page: IncidentsPage, title: str) -> IncidentRow:
    return next(row for row in page.model.all_rows if row.title == title)


def select(qtbot: QtBot, page: IncidentsPage, title: str) -> None:
    page.select_where(lambda row: row.title == title)
    qtbot.waitUntil(lambda: page.current is not None and page.current.facts.title == title, timeout=10_000)
