"""A second program on the same database file: told who has it open; it may only look, or stop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.store.database import Database
from ibp_desktop.store.file_lock import lock_path, read_owner
from ibp_desktop.ui.app import Startup
from ibp_desktop.ui.background import wait_for_all
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


@pytest.fixture
def other_program(demo_location: Location) -> Iterator[Database]:
    """The database already open elsewhere (here: in this process, which the lock treats the same)."""
    database = open_location(demo_location)
    yield database
    database.dispose()


def _start(app: QApplication, location: Location, quits: list[bool]) -> Startup:
    startup = Startup(location, quit_app=lambda: quits.append(True))
    startup.start()
    return startup


def _button(dialog: QMessageBox, text: str) -> QPushButton:
    found = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
    assert found, [b.text() for b in dialog.findChildren(QPushButton)]
    return found[0]


def _in_use_dialog(qtbot: QtBot, startup: Startup) -> QMessageBox:
    qtbot.waitUntil(lambda: startup.in_use_dialog is not None, timeout=10_000)
    dialog = startup.in_use_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_in_use_says_by_whom_and_can_open_for_viewing(
    qtbot: QtBot, app: QApplication, demo_location: Location, other_program: Database
) -> None:
    quits: list[bool] = []
    startup = _start(app, demo_location, quits)
    try:
        dialog = _in_use_dialog(qtbot, startup)
        owner = read_owner(lock_path(demo_location.db_path))
        assert owner is not None
        assert f"De database is in gebruik door {owner.user} op {owner.computer} sinds " in dialog.text()
        assert "U kunt de gegevens alleen bekijken, of later opnieuw proberen." in dialog.text()
        _button(dialog, "Alleen bekijken").click()
        qtbot.waitUntil(lambda: startup.database is not None, timeout=10_000)
        assert startup.database is not None and startup.database.read_only
        window = log_in(qtbot, startup, "security", "Regenboog-security")  # logging in writes nothing
        assert window.isVisible() and not quits
    finally:
        startup.quit()
    wait_for_all()
    assert quits == [True]
    # The viewer made no backup at close and left the other program's lock alone.
    assert not (Path(demo_location.data_dir) / "back-ups").exists()
    still = read_owner(lock_path(demo_location.db_path))
    assert still is not None and still == owner and other_program.lock is not None and other_program.lock.held


def test_in_use_and_stop(
    qtbot: QtBot, app: QApplication, demo_location: Location, other_program: Database
) -> None:
    quits: list[bool] = []
    startup = _start(app, demo_location, quits)
    try:
        dialog = _in_use_dialog(qtbot, startup)
        _button(dialog, "Afsluiten").click()
        qtbot.waitUntil(lambda: bool(quits), timeout=10_000)
        assert startup.database is None and startup.window is None
    finally:
        startup.quit()
        for widget in QApplication.topLevelWidgets():
            widget.close()
        wait_for_all()
