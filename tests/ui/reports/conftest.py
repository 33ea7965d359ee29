"""Log in to the demo school as one of its users and show the area "Rapporten"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import log_in

PASSWORDS = {
    "directeur": "Regenboog-directeur",
    "bestuur": "Regenboog-bestuur",
    "fg": "Regenboog-fg",
    "administratie": "Regenboog-administratie",
}


@pytest.fixture
def login(qtbot: QtBot, make_startup: Any, demo_location: Any) -> Callable[[str], Any]:
    def log_in_as(username: str) -> Any:
        return log_in(qtbot, make_startup(demo_location), username, PASSWORDS[username])

    return log_in_as


@pytest.fixture
def open_reports(login: Callable[[str], Any]) -> Callable[[str], tuple[Any, Any]]:
    def open_as(username: str) -> tuple[Any, Any]:
        window = login(username)
        assert window.open_page("rapporten")
        return window, window.page("rapporten")

    return open_as


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str]]:
    """Every print preview the page opens: the PDF bytes and the title."""
    from ibp_desktop.ui import printing

    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _parent, data, title: shown.append((data, title)))
    return shown
