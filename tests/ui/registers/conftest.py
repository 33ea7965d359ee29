"""Helpers for the register page tests (verzoeken, verwerkers, plan van aanpak): log in as a demo user
and show a page with its rows loaded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import log_in

PASSWORDS = {
    "directeur": "Regenboog-directeur",
    "fg": "Regenboog-fg",
    "security": "Regenboog-security",
    "administratie": "Regenboog-administratie",
}

REAL = date.today()  # the demo school is made on this day (tests/ui/conftest.py)
# A day on which open complaints and requests are overdue, agreements expired, yearly checks, DPIA
# reviews and actions due.
LATER = REAL + timedelta(days=400)


def open_page_as(qtbot: QtBot, startup: Any, username: str, key: str, today: date | None = None) -> Any:
    """Log in as ``username`` (the program's day ``today``, if given) and show the page ``key``; waits
    until its rows are there."""
    window = log_in(qtbot, startup, username, PASSWORDS[username])
    if today is not None:
        window.context.today = lambda: today
    assert window.open_page(key)
    page = window.page(key)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    return page


@pytest.fixture
def open_register(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> Callable[[str, str], tuple[Any, Any]]:
    """Log in as ``username`` and show the page ``key``; waits until its rows are there."""

    def open_as(username: str, key: str) -> tuple[Any, Any]:
        startup = make_startup(demo_location)
        return startup, open_page_as(qtbot, startup, username, key)

    return open_as


def cell(page: Any, predicate: Callable[[Any], bool], header: str) -> tuple[str, Any]:
    """The text and background colour a user sees in one cell."""
    from PySide6.QtCore import Qt

    column = [c.header for c in page.model.columns].index(header)
    row = next(i for i, r in enumerate(page.model.visible_rows) if predicate(r))
    index = page.model.index(row, column)
    return index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.BackgroundRole)


def choose(
    qtbot: QtBot, page: Any, predicate: Callable[[Any], bool], current_id: Callable[[Any], int]
) -> Any:
    """Select the first row matching ``predicate`` and wait until the detail pane shows it."""
    row = next(r for r in page.model.visible_rows if predicate(r))
    page.select_where(lambda r: r.id == row.id)
    qtbot.waitUntil(lambda: page.current is not None and current_id(page.current) == row.id, timeout=10_000)
    return row
