"""The GUI's login dialog says the same wait as the command line (the wait is in the database)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_login

pytestmark = pytest.mark.gui


def test_the_login_dialog_says_how_long_to_wait(qtbot: QtBot, make_startup, demo_location, tmp_path) -> None:
    startup = make_startup(demo_location)
    dialog = startup.login_dialog
    for attempt in range(6):
        type_login(qtbot, startup, "security", f"verkeerd-{attempt}")
        qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=10_000)
    assert "Probeer het over" in dialog.error.text() and "seconden opnieuw" in dialog.error.text()
    dialog.grab().save(str(tmp_path / "login-wachten.png"))
    type_login(qtbot, startup, "security", "Regenboog-security")  # the right one: still waits
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert startup.window is None and "Probeer het over" in dialog.error.text()
