"""The Medewerkers tab on the demo school: who is informed (words and colour), a session recorded with
its attendance turns a newcomer into "Bijgepraat", and the FG reads without record buttons."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.documents.staff_dialogs import AcknowledgeDialog, SessionDialog
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.documents.conftest import cell, choose

pytestmark = pytest.mark.gui
NEWCOMER = "Yasmina Bouzid"


def _tab(qtbot: QtBot, area: Any) -> Any:
    area.tabs.setCurrentWidget(area.staff_tab)
    tab = area.staff_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    return tab


def _button(tab: Any, text: str) -> Any:
    from PySide6.QtWidgets import QPushButton

    return next((b for b in tab.findChildren(QPushButton) if b.text() == text), None)


def test_a_session_informs_the_newcomer(qtbot: QtBot, open_documents: Any) -> None:
    tab = _tab(qtbot, open_documents("directeur"))
    text, background = cell(tab, lambda r: r.name == NEWCOMER, "Stand")
    assert text == "Nog niet bijgepraat" and background.color().name() == LEVEL_COLOURS["red"][0]
    assert cell(tab, lambda r: r.name == "Daan Kramer", "Stand")[0] == "Bijgepraat"
    assert cell(tab, lambda r: r.name == "Nguyễn Văn An", "Stand")[0] == "Nieuwe versie nog niet getekend"
    assert not any(r.name == "Şükrü Yılmaz" for r in tab.model.visible_rows)  # left: only under "Iedereen"

    choose(qtbot, tab, lambda r: r.name == NEWCOMER)
    _button(tab, "Sessie…").click()
    dialog = tab.dialog
    assert isinstance(dialog, SessionDialog)
    for i in range(dialog.people.count()):
        item = dialog.people.item(i)
        if item.text().startswith(NEWCOMER):
            item.setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: cell(tab, lambda r: r.name == NEWCOMER, "Stand")[0] == "Bijgepraat", timeout=10_000
    )

    choose(qtbot, tab, lambda r: r.name == "Nguyễn Văn An")
    _button(tab, "Getekend…").click()
    ack = tab.dialog
    assert isinstance(ack, AcknowledgeDialog)
    checked = [ack.people.item(i).text() for i in range(ack.people.count())
               if ack.people.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
    assert checked == ["Nguyễn Văn An (Conciërge)"]
    ack.ok_button.click()
    qtbot.waitUntil(
        lambda: cell(tab, lambda r: r.name == "Nguyễn Văn An", "Stand")[0] == "Bijgepraat", timeout=10_000
    )


def test_the_fg_reads_along(qtbot: QtBot, open_documents: Any) -> None:
    tab = _tab(qtbot, open_documents("fg"))
    assert _button(tab, "Sessie…") is None and _button(tab, "Getekend…") is None
    actions = [a.text() for a in tab.more_button.menu().actions()]
    assert actions[0].startswith("Aftekenlijst") and not any("importeren" in a for a in actions)


def test_the_board_has_no_staff_tab(qtbot: QtBot, open_documents: Any) -> None:
    area = open_documents("bestuur")
    assert getattr(area, "staff_tab", None) is None
