"""Helpers for the register page tests (verzoeken, verwerkers, plan van aanpak): log in as a demo user
and show a page with its rows loaded."""

from __future__ import annotations

from collections.abc import Callable
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


@pytest.fixture
def open_register(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> Callable[[str, str], tuple[Any, Any]]:
    """Log in as ``username`` and show the page ``key``; waits until its rows are there."""

    def open_as(username: str, key: str) -> tuple[Any, Any]:
        startup = make_startup(demo_location)
        window = log_in(qtbot, startup, username, PASSWORDS[username])
        assert window.open_page(key)
        page = window.page(key)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
        return startup, page

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
