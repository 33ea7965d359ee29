"""The Documenten area as its users see it: status in words and colour, only the allowed next steps,
a new version from a file and opening it, ticking off the calendar, the year plan preview, and a
leaver's checklist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from ibp_desktop.ui import printing
from ibp_desktop.ui.pages.documents import policy_tab
from ibp_desktop.ui.pages.documents.access_lists import ChecklistDialog
from ibp_desktop.ui.pages.documents.policy_dialogs import StepDialog
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.documents.conftest import cell, choose

pytestmark = pytest.mark.gui
PHOTOS = "Protocol foto's en video's"
SOCIAL = "Gedragscode sociale media"


def _loaded(qtbot: QtBot, tab: Any) -> None:
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)


def test_status_words_colours_and_only_the_allowed_steps(qtbot: QtBot, open_documents: Any) -> None:
    area = open_documents("directeur")
    tab = area.policy_tab
    _loaded(qtbot, tab)
    text, background = cell(tab, lambda r: r.title == SOCIAL, "Status")
    assert text == "GMR-instemming geweigerd" and background.color().name() == LEVEL_COLOURS["red"][0]
    assert (
        cell(tab, lambda r: r.title.startswith("Privacyverklaring leerlingen"), "Status")[0] == "Gepubliceerd"
    )
    assert cell(tab, lambda r: r.title == PHOTOS, "Status")[0] == "Voorstel ligt bij de OGMR"
    assert cell(tab, lambda r: r.title == PHOTOS, "GMR")[0] == "OGMR"

    choose(qtbot, tab, lambda r: r.title == PHOTOS)  # the proposal lies with the parents' section
    qtbot.waitUntil(lambda: bool(tab.step_buttons), timeout=10_000)
    assert [b.text() for b in tab.step_buttons.values()] == ["GMR stemt in…", "GMR weigert instemming…"]
    tab.step_buttons[next(iter(tab.step_buttons))].click()
    dialog = tab.dialog
    assert isinstance(dialog, StepDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: cell(tab, lambda r: r.title == PHOTOS, "Status")[0] == "GMR heeft ingestemd, nog vaststellen",
        timeout=10_000,
    )
    # Adoption is the board's; the director sees no step now (and never a publication before adoption).
    qtbot.waitUntil(lambda: tab.step_buttons == {}, timeout=10_000)


def test_new_version_from_a_file_and_opening_it(
    qtbot: QtBot, open_documents: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b"%PDF-1.4\n(Gedragscode sociale media, versie 2: Wi\xc5\x9bniewska)\n%%EOF\n"
    source = tmp_path / "gedragscode v2.pdf"
    source.write_bytes(content)
    monkeypatch.setattr(policy_tab.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))
    opened: list[QUrl] = []
    monkeypatch.setattr(policy_tab.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    area = open_documents("directeur")
    tab = area.policy_tab
    _loaded(qtbot, tab)
    choose(qtbot, tab, lambda r: r.title == SOCIAL)
    tab.version_button.click()
    qtbot.waitUntil(lambda: cell(tab, lambda r: r.title == SOCIAL, "Versie")[0] == "2", timeout=10_000)
    assert cell(tab, lambda r: r.title == SOCIAL, "Status")[0] == "Geen GMR-instemming"  # the path restarts
    qtbot.waitUntil(
        lambda: tab.detail_data is not None and tab.detail_data.versions[0].number == 2, timeout=10_000
    )
    assert tab.step_buttons == {}  # the next step is the FG's advice: not for the director
    tab.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    path = Path(opened[0].toLocalFile())
    assert path.name == "gedragscode v2.pdf" and path.read_bytes() == content
    tab.remove_copies()
    assert not path.exists()


def test_administration_ticks_off_the_consent_campaign_and_previews_the_plan(
    qtbot: QtBot, open_documents: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    previews: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        printing, "preview_pdf", lambda _p, data, title: previews.append((data, title))
    )
    area = open_documents("administratie")
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["Jaarkalender"]
    tab = area.calendar_tab
    _loaded(qtbot, tab)
    row = choose(qtbot, tab, lambda r: r.title.startswith("Toestemmingscampagne"))
    assert not row.done and tab.done_button.isEnabled()
    tab.done_button.click()
    tab.dialog.note.setText("Respons 94%, drie herinneringen")
    tab.dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: cell(tab, lambda r: r.title.startswith("Toestemmingscampagne"), "Stand")[0] == "Gedaan",
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: "Respons 94%" in tab.pane.body.text(), timeout=10_000)
    verwerkers = choose(qtbot, tab, lambda r: r.title.startswith("Verwerkersovereenkomsten"))
    assert verwerkers.owner_label == "Schooldirecteur" and not tab.done_button.isEnabled()  # not hers
    tab.table.setFocus()
    tab.window().activateWindow()
    qtbot.waitUntil(tab.table.hasFocus, timeout=10_000)
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(previews), timeout=10_000)
    data, title = previews[0]
    assert data.startswith(b"%PDF-") and title.startswith("Jaarplan IBP")


def test_a_leavers_checklist_lists_that_persons_accesses(qtbot: QtBot, open_documents: Any) -> None:
    area = open_documents("security")
    area.tabs.setCurrentWidget(area.access_tab)
    tab = area.access_tab
    qtbot.waitUntil(lambda: tab.matrix is not None and tab.table.rowCount() > 0, timeout=10_000)
    row = [p.name for p in tab.matrix.people].index("Şükrü Yılmaz")
    tab.table.setCurrentCell(row, 0)
    tab.buttons["Vertrek of andere functie…"].click()
    qtbot.waitUntil(lambda: isinstance(tab.dialog, ChecklistDialog), timeout=10_000)
    dialog = tab.dialog
    texts = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())
    }
    assert set(texts) == {"Bestandsopslag", "E-mail en agenda", "Leerlingvolgsysteem", "Ouderapp"}
    assert sum(t == "Nog te doen" for t in texts.values()) == 2
    for r in range(dialog.table.rowCount()):
        if dialog.table.item(r, 2).text() == "Nog te doen":
            dialog.table.selectRow(r)
            dialog.line_buttons[0].click()
            qtbot.waitUntil(
                lambda r=r: dialog.table.item(r, 2).text().startswith("Ingetrokken"), timeout=10_000
            )
    assert dialog.status.text() == "Alles is afgevinkt."
    dialog.accept()
    qtbot.waitUntil(lambda: "Şükrü Yılmaz" not in [p.name for p in tab.matrix.people], timeout=10_000)
