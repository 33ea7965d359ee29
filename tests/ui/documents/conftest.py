"""Log in to the demo school as one of its users and show the Documenten area."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import log_in

PASSWORDS = {
    "directeur": "Regenboog-directeur",
    "security": "Regenboog-security",
    "administratie": "Regenboog-administratie",
    "fg": "Regenboog-fg",
    "bestuur": "Regenboog-bestuur",
}


@pytest.fixture
def open_documents(qtbot: QtBot, make_startup: Any, demo_location: Any) -> Callable[[str], Any]:
    def open_as(username: str) -> Any:
        startup = make_startup(demo_location)
        window = log_in(qtbot, startup, username, PASSWORDS[username])
        assert window.open_page("documenten")
        return window.page("documenten")

    return open_as


def cell(page: Any, predicate: Callable[[Any], bool], header: str) -> tuple[str, Any]:
    from PySide6.QtCore import Qt

    column = [c.header for c in page.model.columns].index(header)
    row = next(i for i, r in enumerate(page.model.visible_rows) if predicate(r))
    index = page.model.index(row, column)
    return index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.BackgroundRole)


def choose(qtbot: QtBot, page: Any, predicate: Callable[[Any], bool]) -> Any:
    row = next(r for r in page.model.visible_rows if predicate(r))
    page.select_where(lambda r: r is row)
    qtbot.waitUntil(lambda: page.current is row, timeout=10_000)
    return row
