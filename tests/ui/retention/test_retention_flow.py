"""The routine in two clicks: the administration proposes a clean-up run from the due list, the director
approves it, the administration carries it out; four eyes hold, and the certificate can be printed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.retention.records import RunStatus
from ibp_desktop.ui import printing
from ibp_desktop.ui.pages.retention import due_tab, runs_tab
from ibp_desktop.ui.pages.retention.run_dialogs import RecordExternalDialog
from ibp_desktop.ui.pages.retention.runs_tab import APPROVE, EXECUTE, EXTERNAL
from tests.ui.helpers import capture_errors, press_ctrl
from tests.ui.retention.conftest import select_run, show_runs, statuses

pytestmark = pytest.mark.gui
PROGRAM_KEY = "pupil:leerlingen_programma:"


def test_due_list_shows_status_in_words(qtbot: QtBot, open_retention) -> None:
    area = open_retention("fg")
    words = statuses(area)
    assert any(w.startswith("In opruimronde ") for w in words)  # the demo's proposed run
    assert "Bewaren: Klacht van de ouders loopt nog (geschillencommissie)" in words
    assert "propose" not in area.due_tab.buttons and "hold" not in area.due_tab.buttons  # the FG only reads
    area.due_tab.system_filter.setCurrentIndex(area.due_tab.system_filter.findText("Dit programma"))
    assert {r.system_label for r in area.due_tab.model.visible_rows} == {"dit programma"}


def test_propose_approve_execute(qtbot: QtBot, open_retention, monkeypatch) -> None:
    asked: list[str] = []

    def confirm(_parent, title, text, _ok, _cancel="Annuleren") -> bool:
        asked.append(f"{title}\n{text}")
        return True

    monkeypatch.setattr(due_tab, "ask", confirm)
    monkeypatch.setattr(runs_tab, "ask", confirm)
    errors = capture_errors(monkeypatch)

    # The administration cancels the demo's run, so its records are due again, and proposes a new one.
    area = open_retention("administratie")
    show_runs(qtbot, area)
    first = area.runs_tab.model.all_rows[0].number
    select_run(qtbot, area, first)
    area.runs_tab.row_buttons["Ronde annuleren…"].click()
    qtbot.waitUntil(lambda: area.runs_tab.current.run.status is RunStatus.CANCELLED, timeout=10_000)
    area.show_tab("Wat moet weg")
    qtbot.waitUntil(lambda: "Termijn verlopen" in statuses(area), timeout=10_000)
    area.due_tab.buttons["propose"].click()
    assert "in dit programma definitief verwijderd" in asked[-1]
    assert "buiten het programma" in asked[-1]
    qtbot.waitUntil(lambda: area.tabs.currentWidget() is area.runs_tab, timeout=10_000)
    qtbot.waitUntil(
        lambda: area.runs_tab.current is not None and area.runs_tab.current.run.number != first,
        timeout=10_000,
    )
    number = area.runs_tab.current.run.number
    row = next(r for r in area.runs_tab.model.all_rows if r.number == number)
    assert area.runs_tab.model.columns[1].text(row).startswith("Voorgesteld")
    assert APPROVE not in area.runs_tab.row_buttons  # the administration cannot approve at all

    # The director approves; carrying out is for the administration.
    area = open_retention("directeur")
    show_runs(qtbot, area)
    select_run(qtbot, area, number)
    assert EXECUTE not in area.runs_tab.row_buttons
    area.runs_tab.row_buttons[APPROVE].click()
    assert "Daarna kan de administratie hem uitvoeren" in asked[-1]
    qtbot.waitUntil(lambda: area.runs_tab.current.run.status is RunStatus.APPROVED, timeout=10_000)

    area = open_retention("administratie")
    program_keys = [
        r.key for r in area.due_tab.model.all_rows if r.key.startswith(PROGRAM_KEY) and not r.held
    ]
    assert program_keys
    show_runs(qtbot, area)
    select_run(qtbot, area, number)
    button = area.runs_tab.row_buttons[EXECUTE]
    assert button.isVisible()
    button.click()
    assert "Dit kan niet ongedaan worden gemaakt" in asked[-1] and "gegeven" in asked[-1]
    qtbot.waitUntil(lambda: area.runs_tab.current.run.status is RunStatus.CARRIED_OUT, timeout=20_000)
    assert not errors
    qtbot.waitUntil(
        lambda: (
            next(r for r in area.runs_tab.model.all_rows if r.number == number).status
            is RunStatus.CARRIED_OUT
        ),
        timeout=10_000,
    )
    assert "nog" in area.runs_tab.status_badge.text()  # the records outside still have to be recorded
    area.show_tab("Wat moet weg")
    qtbot.waitUntil(
        lambda: not any(r.key in program_keys for r in area.due_tab.model.all_rows), timeout=10_000
    )

    # Record the destruction outside the program for all open lines.
    area.show_tab("Opruimrondes")
    select_run(qtbot, area, number)
    area.runs_tab.row_buttons[EXTERNAL].click()
    dialog = area.runs_tab.dialog
    assert isinstance(dialog, RecordExternalDialog) and dialog.checked_ids()
    dialog.done_by.setText("Shredderbedrijf Veilig BV")
    dialog.method.setText("vernietigd door shredderbedrijf")
    dialog.certificate.setText("4471")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: area.runs_tab.current.run.external_open == 0, timeout=10_000)
    assert "Helemaal afgerond" in area.runs_tab.status_badge.text()


def test_same_user_cannot_approve_own_proposal(
    qtbot: QtBot, open_retention, demo_location, monkeypatch
) -> None:
    """Someone who may both propose and approve sees the button on their own proposal; the service
    refuses and its Dutch message is shown."""
    from ibp_desktop.core.roles import Role
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.accounts.users import UserService
    from ibp_desktop.services.database.connection import open_location

    database = open_location(demo_location)
    try:
        security = login(database, "security", "Regenboog-security")
        users = UserService(database, security)
        clerk = next(u for u in users.list_users() if u.username == "administratie")
        users.set_roles(clerk.id, frozenset({Role.ADMINISTRATION, Role.DIRECTOR}))
    finally:
        database.dispose()
    monkeypatch.setattr(runs_tab, "ask", lambda *_a, **_k: True)
    errors = capture_errors(monkeypatch)
    area = open_retention("administratie")
    show_runs(qtbot, area)
    tab = area.runs_tab
    tab.select_where(lambda r: r.status is RunStatus.PROPOSED)  # the demo's run, proposed by this user
    qtbot.waitUntil(lambda: tab.current is not None, timeout=10_000)
    tab.row_buttons[APPROVE].click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "zelf voorgesteld" in errors[0]
    assert tab.current.run.status is RunStatus.PROPOSED


def test_certificate_print_preview_gets_the_pdf(qtbot: QtBot, open_retention, monkeypatch) -> None:
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _parent, data, title: shown.append((data, title)))
    area = open_retention("directeur")
    show_runs(qtbot, area)
    number = area.runs_tab.model.all_rows[0].number
    select_run(qtbot, area, number)
    press_ctrl(qtbot, area.runs_tab.table, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0][0].startswith(b"%PDF") and shown[0][1] == f"Verklaring van vernietiging {number}"
    area.show_tab("Wat moet weg")
    press_ctrl(qtbot, area.due_tab.table, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    assert shown[1][0].startswith(b"%PDF") and shown[1][1].startswith("Wat moet weg tot en met")
