"""Beheer for a board: the schools, an account for one school, and edits that carry the record version."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.ui.dialogs import TemporaryPasswordDialog
from ibp_desktop.ui.pages import admin as admin_module
from ibp_desktop.ui.pages.admin import AdminPage
from ibp_desktop.ui.pages.user_dialogs import NewUserDialog, RolesDialog
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


def _beheer(qtbot: QtBot, make_startup, location, user: str = "security") -> tuple:
    startup = make_startup(location)
    window = log_in(qtbot, startup, user, f"Regenboog-{user}")
    window.open_page("beheer")
    page = window.page("beheer")
    assert isinstance(page, AdminPage)
    return startup, window, page


def _schools(page: AdminPage) -> list[tuple[str, str]]:
    table = page.schools_group.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def _usernames(page: AdminPage) -> set[str]:
    return {page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())}


def _row_of(page: AdminPage, username: str) -> int:
    return next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 1).data() == username)


def _wait_for_user(qtbot: QtBot, page: AdminPage, username: str) -> int:
    """The account list loads in the background (ui/ops.py): wait for the row."""
    qtbot.waitUntil(lambda: username in _usernames(page), timeout=10_000)
    return _row_of(page, username)


def test_board_adds_a_school_and_an_account_for_it(
    qtbot: QtBot, make_startup, demo_location, tmp_path
) -> None:
    startup, window, page = _beheer(qtbot, make_startup, demo_location)
    assert _schools(page) == [("OBS De Regenboog", "99ZZ")]
    page.schools_group.add_button.click()
    dialog = page.schools_group.dialog
    dialog.name.setText("CBS Het Kompas")
    dialog.brin.setText("99zz")
    dialog.ok_button.click()
    assert dialog.isVisible() and "al een school met BRIN-code 99ZZ" in dialog.error.text()
    dialog.brin.setText("56ef")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert _schools(page) == [("CBS Het Kompas", "56EF"), ("OBS De Regenboog", "99ZZ")]

    page.open_new_user()
    new = page.dialog
    assert isinstance(new, NewUserDialog)
    checks = new.school_checks
    assert [box.text() for box in checks.boxes.values()] == [
        "CBS Het Kompas (56EF)",
        "OBS De Regenboog (99ZZ)",
    ]
    assert checks.board.isVisible() or not checks.board.isHidden()
    new.username.setText("sukru")
    new.full_name.setText("Şükrü Yılmaz")
    new.role_checks.boxes[Role.DIRECTOR].setChecked(True)
    for box in checks.boxes.values():
        box.setChecked(False)
    new.ok_button.click()
    assert new.isVisible() and new.error.text() == "Kies minstens één school."
    next(b for b in checks.boxes.values() if "56EF" in b.text()).setChecked(True)
    new.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(page.dialog, TemporaryPasswordDialog), timeout=10_000)
    page.dialog.accept()
    row = _wait_for_user(qtbot, page, "sukru")
    assert page.proxy.index(row, 5).data() == "CBS Het Kompas"
    assert page.proxy.index(_row_of(page, "bestuur"), 5).data() == "Heel het bestuur"
    window.resize(1366, 768)
    page.tabs.setCurrentIndex(1)
    window.grab().save(str(tmp_path / "beheer-scholen-tab.png"))
    page.tabs.setCurrentIndex(0)
    window.grab().save(str(tmp_path / "beheer-scholen.png"))
    startup.quit()


def test_an_edit_over_someone_elses_change_is_refused(
    qtbot: QtBot, make_startup, demo_location, monkeypatch
) -> None:
    """Finding 6: the roles dialog and the disable button carry the version the table showed."""
    startup, _window, page = _beheer(qtbot, make_startup, demo_location)
    errors: list[str] = []
    monkeypatch.setattr("ibp_desktop.ui.ops.show_failure",
                        lambda _parent, error, *_a: errors.append(str(error)))
    monkeypatch.setattr(admin_module, "ask", lambda *a: True)
    page.table.selectRow(_wait_for_user(qtbot, page, "ict"))
    shown = page.selected_user()
    # Meanwhile another Beheer (another PC) gives the ICT'er the administration role.
    UserService(startup.database, startup.context.actor).set_roles(
        shown.id, frozenset({Role.ICT, Role.ADMINISTRATION})
    )
    page.open_roles()
    dialog = page.dialog
    assert isinstance(dialog, RolesDialog)
    dialog.role_checks.boxes[Role.ADMINISTRATION].setChecked(False)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Iemand anders heeft dit account net gewijzigd" in dialog.error.text(),
                    timeout=10_000)
    assert dialog.isVisible()
    dialog.reject()
    page.table.selectRow(_row_of(page, "ict"))
    UserService(startup.database, startup.context.actor).set_roles(shown.id, frozenset({Role.ICT}))
    page.active_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "Iemand anders heeft dit account net gewijzigd" in errors[-1]
    users = {u.username: u for u in UserService(startup.database, startup.context.actor).list_users()}
    assert users["ict"].active and users["ict"].roles == (Role.ICT,)
    startup.quit()


def test_school_officer_sees_only_own_school(qtbot: QtBot, make_startup, demo_location) -> None:
    """A school-level security officer: no adding schools, only the own school's accounts."""
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.accounts.schools import SchoolService
    from ibp_desktop.services.database.connection import open_location

    database = open_location(demo_location)
    try:
        board = login(database, "security", "Regenboog-security")
        other = SchoolService(database, board).add_school("CBS Het Kompas", "56EF")
        users = UserService(database, board)
        own = SchoolService(database, board).school_by_brin("99ZZ").id
        users.add_user(
            "so-school",
            "Łucja Wiśniewska",
            "Regenboog-so-school",
            frozenset({Role.SECURITY_OFFICER}),
            frozenset({own}),
        )
        users.add_user(
            "dir-kompas",
            "Dir Kompas",
            "Regenboog-dir-kompas",
            frozenset({Role.DIRECTOR}),
            frozenset({other.id}),
        )
        from ibp_desktop.services.accounts.auth import change_own_password

        change_own_password(
            database,
            login(database, "so-school", "Regenboog-so-school"),
            "Regenboog-so-school",
            "Regenboog-so-school2",
        )
    finally:
        database.dispose()
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "so-school", "Regenboog-so-school2")
    window.open_page("beheer")
    page = window.page("beheer")
    assert not page.schools_group.add_button.isEnabled()
    _wait_for_user(qtbot, page, "so-school")
    names = _usernames(page)
    assert "dir-kompas" not in names and "bestuur" not in names and "so-school" in names
    page.open_new_user()
    dialog = page.dialog
    assert [b.text() for b in dialog.school_checks.boxes.values()] == ["OBS De Regenboog (99ZZ)"]
    assert dialog.school_checks.board.isHidden()
    startup.quit()
