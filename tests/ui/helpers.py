"""Small steps the GUI tests share: log in through the real login dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.app import Startup
from ibp_desktop.ui.main_window import MainWindow


def type_login(qtbot: QtBot, startup: Startup, username: str, password: str) -> None:
    dialog = startup.login_dialog
    assert dialog is not None
    dialog.username.setText(username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def log_in(qtbot: QtBot, startup: Startup, username: str, password: str) -> MainWindow:
    type_login(qtbot, startup, username, password)
    qtbot.waitUntil(lambda: startup.window is not None, timeout=10_000)
    assert startup.window is not None
    return startup.window
