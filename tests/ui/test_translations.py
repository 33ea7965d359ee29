"""Qt's own texts are Dutch (issue 16): the text fields' context menu, the print preview, buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from ibp_desktop.ui.app import setup_application

pytestmark = pytest.mark.gui


def test_qt_speaks_dutch_after_start_up(qapp: QApplication) -> None:
    setup_application()
    assert QCoreApplication.translate("QLineEdit", "&Undo") == "&Ongedaan maken"
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Alles selecteren"
    assert QCoreApplication.translate("QPrintPreviewDialog", "Fit width") == "Passend in de breedte"
    field = QLineEdit("Şükrü Yılmaz")
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert "&Ongedaan maken" in texts and "&Undo" not in texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
    menu.deleteLater()


def test_the_bundle_ships_the_dutch_catalogue() -> None:
    from pathlib import Path

    spec = (Path(__file__).parents[2] / "packaging" / "ibp_desktop.spec").read_text(encoding="utf-8")
    assert "qtbase_nl.qm" in spec
