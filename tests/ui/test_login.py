"""Start-up and login as a user notices it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.ui.pages.overview import OverviewPage, SchoolCard
from tests.ui.helpers import finish_background_work, log_in, type_login

pytestmark = pytest.mark.gui


def test_first_window_needs_qt_only() -> None:
    """The login dialog appears before SQLAlchemy, keyring, the services or ReportLab are imported."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from ibp_desktop.ui.app import setup_application\n"
        "from ibp_desktop.ui.login import LoginDialog\n"
        "app = setup_application([]); d = LoginDialog(demo=True); d.show(); app.processEvents()\n"
        "heavy = [m for m in ('sqlalchemy', 'keyring', 'reportlab', 'ibp_desktop.services.accounts.auth',"
        " 'alembic') if m in sys.modules]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_wrong_password_shows_dutch_error_and_stays(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    type_login(qtbot, startup, "security", "niet-het-goede-wachtwoord")
    dialog = startup.login_dialog
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=10_000)
    assert "klopt niet" in dialog.error.text()
    assert dialog.isVisible()
    assert startup.window is None


def test_demo_box_lists_accounts(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    box = startup.login_dialog.demo_box
    assert box is not None
    qtbot.waitUntil(lambda: any(lbl.text() == "Regenboog-security" for lbl in box.findChildren(QLabel)))


def test_every_demo_account_line_is_shown_whole(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    box = startup.login_dialog.demo_box
    qtbot.waitUntil(lambda: any("Functionaris" in lbl.text() for lbl in box.findChildren(QLabel)))
    cells = [lbl for lbl in box.findChildren(QLabel) if not lbl.wordWrap()]

    def cut_off() -> list[str]:
        return [lbl.text() for lbl in cells if lbl.width() < lbl.sizeHint().width()]

    qtbot.waitUntil(lambda: not cut_off(), timeout=5_000)  # the dialog grows once the lines are added
    assert "Functionaris gegevensbescherming (FG)" in [lbl.text() for lbl in cells]


def test_login_shows_school_and_real_figures(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "security", "Regenboog-security")
    assert window.isVisible()
    assert startup.login_dialog is None
    assert "OBS De Regenboog" in window.windowTitle()
    assert window.current_key() == "overzicht"
    page = window.page("overzicht")
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.dashboard is not None)  # the figures load in the background
    cards = page.findChildren(SchoolCard)
    assert len(cards) == 1
    database = startup.database  # the program has the file open (and locked): use its connection
    assert database is not None
    actor = login(database, "security", "Regenboog-security")
    expected = SchoolService(database, actor).visible_schools()[0].pupils_enrolled
    assert cards[0].figures.pupils_enrolled == expected
    shown = [lbl.text() for lbl in cards[0].findChildren(QLabel)]
    assert str(expected) in shown
    assert page.year_label.text().startswith("Schooljaar ")
    assert date.today().strftime("%d-%m-%Y") in page.year_label.text()


def test_ict_does_not_see_beheer(qtbot: QtBot, make_startup, demo_location) -> None:
    window = log_in(qtbot, make_startup(demo_location), "ict", "Regenboog-ict")
    keys = window.page_keys()
    assert keys[0] == "overzicht" and "beheer" not in keys
    assert not window.open_page("beheer")


def test_security_officer_sees_beheer(qtbot: QtBot, make_startup, demo_location) -> None:
    window = log_in(qtbot, make_startup(demo_location), "security", "Regenboog-security")
    keys = window.page_keys()
    assert keys[0] == "overzicht" and keys[-1] == "beheer"
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[0] == "Overzicht" and labels[-1] == "Beheer"


def test_last_page_is_remembered(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "security", "Regenboog-security")
    window.open_page("beheer")
    startup.quit()
    again = log_in(qtbot, make_startup(demo_location), "security", "Regenboog-security")
    assert again.current_key() == "beheer"


def test_the_program_has_its_own_icon(app) -> None:
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()  # the PNGs from resources/icons were found


def test_a_server_password_is_asked_when_the_keyring_has_none(qtbot: QtBot, make_startup, demo_location,
                                                              monkeypatch) -> None:
    """A board's PostgreSQL server wants a password: a dialog asks it, then the login goes on."""
    from ibp_desktop.services.database.connection import ServerPasswordNeededError, open_location
    from ibp_desktop.ui import app as app_module
    from ibp_desktop.ui.dialogs import ServerPasswordDialog

    given: list[str | None] = []

    def fake_open(location, recovery_key=None, read_only=False, server_password=None):
        given.append(server_password)
        if server_password != "geheim-van-de-server":
            raise ServerPasswordNeededError("De databaseserver vraagt een wachtwoord.")
        return open_location(location)

    monkeypatch.setattr(app_module, "open_database", fake_open)
    startup = make_startup(demo_location)
    type_login(qtbot, startup, "security", "Regenboog-security")
    qtbot.waitUntil(lambda: isinstance(startup.server_dialog, ServerPasswordDialog))
    dialog = startup.server_dialog
    assert isinstance(dialog, ServerPasswordDialog)
    dialog.password.setText("geheim-van-de-server")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: startup.window is not None, timeout=10_000)
    assert given[-1] == "geheim-van-de-server"


def test_a_failing_start_of_the_window_is_said_in_dutch_and_logged(
    qtbot: QtBot, make_startup, demo_location, monkeypatch, caplog
) -> None:
    import logging

    from ibp_desktop.ui import context

    def broken(*_args, **_kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(context, "read_start", broken)
    startup = make_startup(demo_location)
    with caplog.at_level(logging.ERROR):
        type_login(qtbot, startup, "directeur", "Regenboog-directeur")
        dialog = startup.login_dialog
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert startup.window is None
    assert "kapot" not in dialog.error.text()  # a Dutch message, not the exception's own words
    assert any("login failed" in r.getMessage() for r in caplog.records)


def test_the_overzicht_figures_come_with_the_login(
    qtbot: QtBot, make_startup, demo_location, monkeypatch
) -> None:
    """Issue 17: after Enter only the password check and the user's own figures remain; both are read in
    one go off the GUI thread, and the Overzicht shows them without asking the database again."""
    import threading

    from ibp_desktop.services.dashboard.overview import DashboardService

    on_gui_thread: list[bool] = []
    original = DashboardService.overview

    def counted(self, *args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DashboardService, "overview", counted)
    window = log_in(qtbot, make_startup(demo_location), "directeur", "Regenboog-directeur")
    page = window.pages["overzicht"]
    assert isinstance(page, OverviewPage)
    assert page.dashboard is not None and page.attention_rows  # on screen with the window, no second wait
    finish_background_work()
    assert on_gui_thread == [False]  # read once, with the login, in the background
