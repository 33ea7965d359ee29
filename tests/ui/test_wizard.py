"""First run: the wizard creates the encrypted database and shows the recovery key once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from ibp_desktop.services.database.connection import resolve_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.ui.dialogs import RecoveryKeyDialog
from tests.ui.helpers import type_login

pytestmark = pytest.mark.gui


def test_wizard_creates_database_and_shows_key(
    qtbot: QtBot, make_startup, tmp_path: Path, memory_keyring
) -> None:
    location = resolve_location(tmp_path / "nieuw")
    startup = make_startup(location)
    wizard = startup.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.school_page.school.setText("De Vlieger")
    wizard.school_page.brin.setText("12ab")
    wizard.next()
    assert wizard.currentPage() is wizard.account_page
    page = wizard.account_page
    page.username.setText("Directie ")
    page.full_name.setText("Mirjam Smit")
    page.password.setText("Een-lange-zin-2026")
    page.repeat.setText("Een-ander-zin-2026")
    wizard.next()
    assert "niet gelijk" in page.error.text()
    page.repeat.setText("Een-lange-zin-2026")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=15_000)

    assert location.db_path.exists()
    key = wizard.recovery_page.key.text().replace("\n", "")
    assert key == wizard.account_page.result.recovery_key and len(key) > 40
    assert memory_keyring.secrets  # the database key sits in the (test) keyring
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.recovery_page.confirm.setChecked(True)
    assert finish.isEnabled()

    pdf = tmp_path / "sleutel.pdf"
    wizard.recovery_page.write_pdf(pdf)
    qtbot.waitUntil(lambda: "Opgeslagen" in wizard.recovery_page.saved.text(), timeout=15_000)
    assert pdf.read_bytes().startswith(b"%PDF")

    finish.click()
    qtbot.waitUntil(lambda: startup.login_dialog is not None and startup.login_dialog.isVisible())
    # Issue 16: the account just made is filled in; the user types only the password.
    assert startup.login_dialog.username.text() == "directie"
    qtbot.keyClicks(startup.login_dialog.password, "Een-lange-zin-2026")
    qtbot.keyClick(startup.login_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None, timeout=10_000)
    window = startup.window
    assert "De Vlieger" in window.windowTitle()
    # An empty school's Overzicht points to the import first.
    overview = window.pages["overzicht"]
    qtbot.waitUntil(lambda: bool(overview.attention_rows), timeout=10_000)
    first = overview.attention_rows[0]
    assert "Importeer de leerlingenexport" in first.text.text() and first.item.area == "leerlingen"


def test_missing_keyring_key_asks_for_recovery_key(qtbot: QtBot, make_startup, tmp_path: Path,
                                                   memory_keyring) -> None:
    location = resolve_location(tmp_path / "school")
    result = initialise(location, NewSchool("", "De Vlieger", "12AB", "directie", "Mirjam Smit",
                                            "Een-lange-zin-2026"))
    memory_keyring.secrets.clear()  # a new PC: the keyring does not know this database
    startup = make_startup(location)
    type_login(qtbot, startup, "directie", "Een-lange-zin-2026")
    qtbot.waitUntil(lambda: startup.recovery_dialog is not None, timeout=10_000)
    dialog = startup.recovery_dialog
    assert isinstance(dialog, RecoveryKeyDialog) and dialog.isVisible()
    dialog.key_field.setText("ABCDE-FGHJK")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=10_000)
    assert "herstelsleutel klopt niet" in dialog.error.text()
    dialog.key_field.setText(result.recovery_key.lower())
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: startup.window is not None, timeout=10_000)
    assert memory_keyring.secrets  # stored again: next start opens without the sheet
