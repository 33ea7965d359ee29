"""Helpers for the retention page tests: log in as a demo user and open "Bewaartermijnen"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.retention.area import RetentionArea
from tests.ui.helpers import log_in

PASSWORDS = {
    "administratie": "Regenboog-administratie",
    "directeur": "Regenboog-directeur",
    "fg": "Regenboog-fg",
}


@pytest.fixture
def open_retention(qtbot: QtBot, make_startup: Any, demo_location: Any) -> Callable[[str], RetentionArea]:
    """Log in as ``username`` (logging off whoever was logged in) and show the retention area with the
    due list loaded."""
    current: list[Any] = []

    def open_as(username: str) -> RetentionArea:
        if current:
            current.pop().quit()
        startup = make_startup(demo_location)
        current.append(startup)
        window = log_in(qtbot, startup, username, PASSWORDS[username])
        assert window.open_page("bewaartermijnen")
        area = window.page("bewaartermijnen")
        assert isinstance(area, RetentionArea)
        qtbot.waitUntil(lambda: area.due_tab.model.rowCount() > 0, timeout=10_000)
        return area

    return open_as


def show_runs(qtbot: QtBot, area: RetentionArea) -> None:
    area.show_tab("Opruimrondes")
    qtbot.waitUntil(lambda: area.runs_tab.model.rowCount() > 0, timeout=10_000)


def select_run(qtbot: QtBot, area: RetentionArea, number: str) -> None:
    tab = area.runs_tab
    tab.select_where(lambda row: row.number == number)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.run.number == number, timeout=10_000)


def statuses(area: RetentionArea) -> list[str]:
    model = area.due_tab.model
    column = [c.header for c in model.columns].index("Status")
    return [model.columns[column].text(row) for row in model.all_rows]
