"""Beheer: accounts and settings through the real page and dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.database.settings import SettingsService
from ibp_desktop.ui.dialogs import ChangePasswordDialog, TemporaryPasswordDialog
from ibp_desktop.ui.pages import admin as admin_module
from ibp_desktop.ui.pages.admin import AdminPage
from ibp_desktop.ui.pages.overview import OverviewPage
from ibp_desktop.ui.pages.user_dialogs import NewUserDialog
from tests.ui.helpers import log_in, press_ctrl

pytestmark = pytest.mark.gui


def _usernames(page: AdminPage) -> list[str]:
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def _admin(qtbot: QtBot, make_startup, location) -> tuple:
    startup = make_startup(location)
    window = log_in(qtbot, startup, "security", "Regenboog-security")
    window.open_page("beheer")
    page = window.page("beheer")
    assert isinstance(page, AdminPage)
    qtbot.waitUntil(lambda: bool(_usernames(page)), timeout=10_000)  # the accounts load in the background
    return startup, window, page


def _add_user(qtbot: QtBot, page: AdminPage, username: str, full_name: str) -> str:
    press_ctrl(qtbot, page.table, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog)
    dialog.username.setText(username)
    dialog.full_name.setText(full_name)
    dialog.role_checks.boxes[Role.ADMINISTRATION].setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(page.dialog, TemporaryPasswordDialog), timeout=10_000)
    shown = page.dialog
    assert isinstance(shown, TemporaryPasswordDialog)
    password = shown.password
    shown.accept()
    return password


def test_new_user_appears_in_table_and_service(qtbot: QtBot, make_startup, demo_location) -> None:
    startup, _window, page = _admin(qtbot, make_startup, demo_location)
    assert "administratie" in _usernames(page)
    password = _add_user(qtbot, page, "s.devries", "Sanne de Vries")
    assert len(password) >= 10
    qtbot.waitUntil(lambda: "s.devries" in _usernames(page), timeout=10_000)
    users = UserService(startup.database, startup.context.actor).list_users()
    added = next(u for u in users if u.username == "s.devries")
    assert added.roles == (Role.ADMINISTRATION,) and added.must_change_password


def test_duplicate_username_is_refused_in_dutch(qtbot: QtBot, make_startup, demo_location) -> None:
    _startup, _window, page = _admin(qtbot, make_startup, demo_location)
    page.open_new_user()
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog)
    dialog.username.setText("directeur")
    dialog.full_name.setText("Nog een directeur")
    dialog.role_checks.boxes[Role.DIRECTOR].setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "bestaat al" in dialog.error.text(), timeout=10_000)
    assert dialog.isVisible()


def test_search_filters_and_ctrl_f_focuses(qtbot: QtBot, make_startup, demo_location) -> None:
    _startup, window, page = _admin(qtbot, make_startup, demo_location)
    window.activateWindow()
    press_ctrl(qtbot, page.table, Qt.Key.Key_F)
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClicks(page.search, "petra")
    assert _usernames(page) == ["security"]


def test_disable_asks_once_then_disables(qtbot: QtBot, make_startup, demo_location, monkeypatch) -> None:
    startup, _window, page = _admin(qtbot, make_startup, demo_location)
    questions: list[str] = []
    monkeypatch.setattr(admin_module, "ask", lambda _p, _t, text, _c: questions.append(text) or True)
    page.search.setText("ict")
    page.table.selectRow(0)
    assert page.active_button.text() == "Uitschakelen"
    page.active_button.click()
    assert len(questions) == 1 and "niet meer inloggen" in questions[0]
    qtbot.waitUntil(lambda: page.active_button.text() == "Inschakelen", timeout=10_000)
    users = {u.username: u for u in UserService(startup.database, startup.context.actor).list_users()}
    assert not users["ict"].active


def test_idle_minutes_saved(qtbot: QtBot, make_startup, demo_location) -> None:
    startup, _window, page = _admin(qtbot, make_startup, demo_location)
    page.minutes.setValue(25)
    page.save_minutes.click()
    qtbot.waitUntil(lambda: "25 minuten" in page.settings_status.text(), timeout=10_000)
    assert SettingsService(startup.database, startup.context.actor).idle_lock_minutes() == 25
    assert startup.lock.timer.interval() == 25 * 60_000


def test_temporary_password_attention_and_first_login(qtbot: QtBot, make_startup, demo_location) -> None:
    startup, window, page = _admin(qtbot, make_startup, demo_location)
    password = _add_user(qtbot, page, "nieuw", "Nieuwe Collega")
    window.open_page("overzicht")
    overview = window.page("overzicht")
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: any("tijdelijk wachtwoord" in r.text.text() for r in overview.attention_rows))
    row = next(r for r in overview.attention_rows if "tijdelijk wachtwoord" in r.text.text())
    assert row.item.area == "beheer"
    row.open_button.click()
    assert window.current_key() == "beheer"
    startup.quit()

    second = make_startup(demo_location)
    dialog = second.login_dialog
    dialog.username.setText("nieuw")
    dialog.password.setText(password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: second.password_dialog is not None, timeout=10_000)
    change = second.password_dialog
    assert isinstance(change, ChangePasswordDialog)
    change.new_field.setText("Mijn-eigen-zin-2026")
    change.repeat_field.setText("Mijn-eigen-zin-2026")
    change.ok_button.click()
    qtbot.waitUntil(lambda: second.window is not None, timeout=10_000)
    second.quit()
    database = open_location(demo_location)
    try:
        login(database, "nieuw", "Mijn-eigen-zin-2026")
    finally:
        database.dispose()


def test_backup_now_from_beheer(qtbot: QtBot, make_startup, demo_location, monkeypatch) -> None:
    from ibp_desktop.services.database.backup import list_backups

    window = log_in(qtbot, make_startup(demo_location), "security", "Regenboog-security")
    window.open_page("beheer")
    page = window.page("beheer")
    assert isinstance(page, AdminPage)
    group = page.backup_group
    qtbot.waitUntil(lambda: "Back-upmap:" in group.folder_label.text())
    assert "nog geen back-up" in group.last_label.text()
    target = demo_location.data_dir.parent / "usb"
    target.mkdir()
    monkeypatch.setattr("ibp_desktop.ui.pages.backup_box.QFileDialog.getExistingDirectory",
                        lambda *a, **k: str(target))
    group.choose_button.click()
    qtbot.waitUntil(lambda: str(target) in group.folder_label.text())
    group.backup_button.click()
    qtbot.waitUntil(lambda: "Laatste goede back-up" in group.last_label.text(), timeout=10_000)
    assert len(list_backups(target)) == 1


def test_restore_from_beheer_brings_back_the_backup(qtbot: QtBot, make_startup, demo_location,
                                                    monkeypatch) -> None:
    from ibp_desktop.services.database.backup import list_backups

    startup, _window, page = _admin(qtbot, make_startup, demo_location)
    group = page.backup_group
    group.backup_button.click()
    qtbot.waitUntil(lambda: "Laatste goede back-up" in group.last_label.text(), timeout=10_000)
    (backup,) = list_backups(demo_location.data_dir / "back-ups")
    _add_user(qtbot, page, "na-de-backup", "Na De Backup")
    said: list[str] = []
    monkeypatch.setattr("ibp_desktop.ui.pages.backup_box.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(backup.path), ""))
    monkeypatch.setattr("ibp_desktop.ui.pages.backup_box.ask", lambda *a, **k: True)
    monkeypatch.setattr("ibp_desktop.ui.dialogs.show_info", lambda _parent, text, *a: said.append(text))
    group.restore_button.click()
    qtbot.waitUntil(lambda: startup.login_dialog is not None and startup.login_dialog.isVisible(),
                    timeout=10_000)
    assert startup.window is None and "is teruggezet" in said[0]
    assert list(demo_location.data_dir.glob("ibp.voor-herstel-*.sqlite3"))  # the old one kept aside
    again = log_in(qtbot, startup, "security", "Regenboog-security")
    admin = again.page("beheer")
    assert isinstance(admin, AdminPage)
    qtbot.waitUntil(lambda: "security" in _usernames(admin))
    assert "na-de-backup" not in _usernames(admin)


def test_fg_contact_and_consent_validity_in_beheer(qtbot: QtBot, make_startup, demo_location) -> None:
    from ibp_desktop.core.consent.rules import ConsentValidity
    from ibp_desktop.services.consent.validity import ConsentValidityService
    from ibp_desktop.services.incidents.breach_letter import BreachLetterService

    startup, _window, page = _admin(qtbot, make_startup, demo_location)
    # The rows load and save in the background (ui/ops.py).
    qtbot.waitUntil(lambda: "Karin de Boer" in page.fg_contact.field.text(), timeout=10_000)  # demo's FG
    page.fg_contact.field.setText("Mr. Nguyễn Văn An, fg@stichting.example, 030 123 45 67")
    page.fg_contact.save_button.click()
    qtbot.waitUntil(lambda: page.fg_contact.status.text() == "Opgeslagen.", timeout=10_000)
    actor = startup.context.actor
    assert BreachLetterService(startup.database, actor).fg_contact().startswith("Mr. Nguyễn Văn An")

    row = page.consent_validity
    qtbot.waitUntil(row.save_button.isEnabled, timeout=10_000)
    row.choice.setCurrentIndex(row.choice.findData(ConsentValidity.SCHOOL_YEAR))
    row.save_button.click()
    qtbot.waitUntil(lambda: row.status.text() == "Opgeslagen.", timeout=10_000)
    school = startup.context.schools[0].id
    assert ConsentValidityService(startup.database, actor).validity(school) is ConsentValidity.SCHOOL_YEAR

    from ibp_desktop.core.legal_basis import SchoolType
    from ibp_desktop.services.retention.legal_basis import SchoolTypeService

    kind = page.school_type
    kind.choice.setCurrentIndex(kind.choice.findData(SchoolType.PRIVATE))
    kind.save_button.click()
    qtbot.waitUntil(lambda: kind.status.text().startswith("Opgeslagen."), timeout=10_000)
    assert SchoolTypeService(startup.database, actor).school_type(school) is SchoolType.PRIVATE
