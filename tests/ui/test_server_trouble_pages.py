"""The database server goes away while the program is open (issue 19, finding 5): every page says so in
Dutch, never the driver's text or SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from ibp_desktop.services.database.connection import Location
from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


def test_every_page_says_it_in_dutch(
    qtbot: Any, make_startup: Any, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logged in, then the server goes away: each page shows the Dutch message, never driver text."""
    from PySide6.QtWidgets import QLabel, QMessageBox

    from tests.conftest import make_school_db
    from tests.ui.helpers import log_in

    location = Location(data_dir=tmp_path / "data", database_url=postgres_url)
    make_school_db(location).database.dispose()
    startup = make_startup(location)
    window = log_in(qtbot, startup, "eerste", TEST_PASSWORD)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dead = create_engine("postgresql+psycopg://ibp@127.0.0.1:1/ibp", pool_pre_ping=True)
    startup.database.sessions.configure(bind=dead)
    from ibp_desktop.ui import background

    seen: list[str] = []
    for key in window.page_keys():
        window.open_page(key)
        # wait until every load this page started has been answered on the GUI thread (not a fixed time)
        qtbot.waitUntil(lambda: not background._running, timeout=10_000)
        seen += [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    texts = shown + seen
    told = sum("De databaseserver is niet bereikbaar" in t for t in texts)
    assert told >= len(window.page_keys()) // 2, texts  # ten pages: each that loads data says it
    for text in texts:
        for leak in ("psycopg", "OperationalError", "SELECT", "connection failed"):
            assert leak not in text, (leak, text)
    startup.quit()

