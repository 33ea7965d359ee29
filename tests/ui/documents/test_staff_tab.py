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


def test_the_staff_export_is_previewed_then_imported(
    qtbot: QtBot, open_documents: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ibp_desktop.ui import ops
    from ibp_desktop.ui.pages.documents import staff_tab
    from tests.importers.staff_files import write_afas_xlsx

    export = write_afas_xlsx(tmp_path / "medewerkers.xlsx")
    monkeypatch.setattr(staff_tab.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(export), ""))
    asked: list[str] = []
    monkeypatch.setattr(staff_tab, "ask", lambda _p, _t, text, _c: asked.append(text) or True)
    errors: list[str] = []
    monkeypatch.setattr(ops, "show_failure", lambda _p, error, *_a: errors.append(str(error)))
    tab = _tab(qtbot, open_documents("directeur"))
    tab.import_file()
    qtbot.waitUntil(lambda: bool(asked or errors), timeout=10_000)
    assert not errors
    # Matched by name, also "Văn An Nguyễn" in the export with "Nguyễn Văn An" typed by the school.
    assert "Nieuw: 0, gewijzigd: 4" in asked[0] and "Niet gebruikt: Afdeling." in asked[0]
    assert "Rij 1 (boven de kopregel)" in asked[0]
    qtbot.waitUntil(
        lambda: cell(tab, lambda r: r.name.startswith("Anne-Fleur"), "In dienst")[0] == "01-09-2026",
        timeout=10_000,
    )


def test_the_acknowledgement_list_from_the_menu(
    qtbot: QtBot, open_documents: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ibp_desktop.ui import ops
    from tests.reports.pdf_helpers import page_texts

    target = tmp_path / "aftekenlijst.pdf"
    monkeypatch.setattr(ops.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(ops, "show_info", lambda *_a, **_k: None)
    tab = _tab(qtbot, open_documents("fg"))
    action = next(a for a in tab.more_button.menu().actions() if a.text().startswith("Aftekenlijst"))
    action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    text = " ".join(" ".join(page_texts(target.read_bytes())).split())
    assert "Aftekenlijst gedragsregels" in text and "Yasmina Bouzid" in text and "Handtekening" in text


def test_the_overzicht_item_opens_the_medewerkers_tab(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> None:
    from tests.ui.documents.conftest import PASSWORDS
    from tests.ui.helpers import log_in

    window = log_in(qtbot, make_startup(demo_location), "directeur", PASSWORDS["directeur"])
    overview = window.page("overzicht")

    def staff_row() -> Any:
        return next((r for r in overview.attention_rows if r.item.area == "documenten#Medewerkers"), None)

    qtbot.waitUntil(lambda: staff_row() is not None, timeout=10_000)
    staff_row().open()  # as a click on the item does
    area = window.page("documenten")
    assert window.current_key() == "documenten" and area.tabs.currentWidget() is area.staff_tab
