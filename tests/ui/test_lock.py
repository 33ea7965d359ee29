"""The idle lock covers the window and keeps every unsaved input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.lock import WRONG_PASSWORD
from ibp_desktop.ui.pages.admin import AdminPage
from tests.ui.helpers import log_in, press_ctrl, type_in_window

pytestmark = pytest.mark.gui

# No wall clock: the idle time is an hour, and a test says when it has passed (the timer's timeout), so
# a slow machine cannot lock the window halfway through typing.
HOUR = 3_600_000


def _beheer_with_an_hour_idle_time(qtbot: QtBot, make_startup, demo_location) -> tuple:
    startup = make_startup(demo_location, idle_timeout_ms=HOUR)
    window = log_in(qtbot, startup, "security", "Regenboog-security")
    window.open_page("beheer")
    page = window.page("beheer")
    assert isinstance(page, AdminPage)
    return startup, window, page


def test_idle_lock_keeps_input_and_needs_the_right_password(
    qtbot: QtBot, make_startup, demo_location
) -> None:
    startup, window, page = _beheer_with_an_hour_idle_time(qtbot, make_startup, demo_location)
    lock = startup.lock
    assert lock is not None and not lock.locked
    lock.timer.stop()
    type_in_window(qtbot, page.search, "Jansen")
    assert lock.timer.isActive() and lock.timer.interval() == HOUR  # typing starts the idle time again
    assert not lock.locked

    lock.timer.timeout.emit()  # the hour without input is over
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    assert dialog.geometry().contains(window.geometry().center())
    assert page.search.text() == "Jansen"

    qtbot.keyClicks(dialog.password, "fout-wachtwoord")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=5_000)
    assert dialog.error.text() == WRONG_PASSWORD
    assert lock.locked

    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)  # Esc does not unlock
    assert lock.locked

    qtbot.keyClicks(dialog.password, "Regenboog-security")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=5_000)
    assert page.search.text() == "Jansen"
    assert window.isVisible()


def test_ctrl_l_and_the_button_lock(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "directeur", "Regenboog-directeur")
    lock = startup.lock
    press_ctrl(qtbot, window.navigation, Qt.Key.Key_L)
    assert lock.locked
    lock.dialog.done_ok()  # (unlock path is tested above)
    assert not lock.locked
    window.lock_button.click()
    assert lock.locked


def test_logging_off_while_locked_takes_the_lock_away(qtbot: QtBot, make_startup, demo_location) -> None:
    """The lock is application-modal: left behind, it would keep every later window from taking input."""
    from PySide6.QtWidgets import QApplication

    from ibp_desktop.ui.lock import LockDialog

    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "directeur", "Regenboog-directeur")
    window.lock_button.click()
    assert any(isinstance(w, LockDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    startup.quit()
    assert not any(isinstance(w, LockDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_dialog_opened_later_counts_as_input_and_takes_ctrl_l(
    qtbot: QtBot, make_startup, demo_location
) -> None:
    """The lock watches the program's windows; a dialog opened after log-in is one of them."""
    from ibp_desktop.ui.pages.admin import NewUserDialog

    startup, _window, page = _beheer_with_an_hour_idle_time(qtbot, make_startup, demo_location)
    lock = startup.lock
    press_ctrl(qtbot, page.table, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)

    lock.timer.stop()
    type_in_window(qtbot, dialog.full_name, "Şükrü Yılmaz")
    assert dialog.full_name.text() == "Şükrü Yılmaz"
    assert lock.timer.isActive()  # typing in the dialog starts the idle time again

    press_ctrl(qtbot, dialog.full_name, Qt.Key.Key_L)
    assert lock.locked
    assert dialog.windowOpacity() == 0.0  # veiled, not closed
    lock.dialog.done_ok()
    assert dialog.isVisible() and dialog.windowOpacity() == 1.0
    assert dialog.full_name.text() == "Şükrü Yılmaz"
