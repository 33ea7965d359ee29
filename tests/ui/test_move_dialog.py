"""Beheer on the board's server: a school's own file moves in through the dialog, dry run first."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ibp_desktop.services.database.connection import Location
from ibp_desktop.services.demo.school import create_demo
from ibp_desktop.ui.pages.admin import AdminPage
from ibp_desktop.ui.pages.move_dialog import MoveSchoolDialog
from tests.conftest import TEST_PASSWORD, make_school_db
from tests.ui.helpers import log_in

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


def _schools(page: AdminPage) -> list[str]:
    table = page.schools_group.table
    return [table.item(r, 1).text() for r in range(table.rowCount())]


def test_move_a_school_in_beheer(
    qtbot: Any, make_startup: Any, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Location(data_dir=tmp_path / "server", database_url=postgres_url)
    make_school_db(server).database.dispose()
    local = Location(data_dir=tmp_path / "regenboog")
    create_demo(local, date(2026, 11, 16))
    monkeypatch.setattr("ibp_desktop.ui.pages.move_dialog.ask", lambda *a: True)
    startup = make_startup(server)
    window = log_in(qtbot, startup, "eerste", TEST_PASSWORD)
    window.open_page("beheer")
    page = window.page("beheer")
    assert isinstance(page, AdminPage)
    assert _schools(page) == ["12AB"]
    page.tabs.setCurrentIndex(1)
    assert page.schools_group.move_button.isVisible()
    page.schools_group.move_button.click()
    dialog = page.schools_group.dialog
    assert isinstance(dialog, MoveSchoolDialog)
    dialog.ok_button.click()
    assert dialog.error.text() == "Kies de gegevensmap van de school."
    dialog.folder.setText(str(local.data_dir))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Verhuizen", timeout=30_000)
    assert "Proefdraai: OBS De Regenboog (99ZZ)" in dialog.report.toPlainText()
    assert _schools(page) == ["12AB"]
    window.resize(1366, 768)
    dialog.grab().save(str(tmp_path / "verhuizen-proefdraai.png"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Sluiten", timeout=30_000)
    text = dialog.report.toPlainText()
    assert "Verhuisd: OBS De Regenboog (99ZZ)" in text and "FOUT" not in text
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: _schools(page) == ["99ZZ", "12AB"] or _schools(page) == ["12AB", "99ZZ"])
    startup.quit()
    # The school's own copy opens for viewing, and says why all the time.
    own_copy = make_startup(local)
    viewer = log_in(qtbot, own_copy, "security", "Regenboog-security")
    assert "Deze school is verhuisd naar de databaseserver" in viewer.statusBar().currentMessage()
    own_copy.quit()
