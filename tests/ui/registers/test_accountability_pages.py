"""Verwerkingsregister, DPIA's and Klachten through the real pages, as the demo users see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.accountability.activity_dialog import ActivityDialog
from ibp_desktop.ui.pages.accountability.complaints_page import AnswerDialog, ComplaintsPage
from ibp_desktop.ui.pages.accountability.dpia_dialogs import (
    AdviceDialog,
    DescribeDialog,
    PrescanDialog,
    RiskDialog,
)
from ibp_desktop.ui.pages.accountability.dpia_page import DpiaPage
from ibp_desktop.ui.pages.accountability.processing_page import ProcessingPage
from ibp_desktop.ui.widgets import evidence_box
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.registers.conftest import PASSWORDS, cell, choose

pytestmark = pytest.mark.gui
PASSWORDS.setdefault("bestuur", "Regenboog-bestuur")


def _id(row: object) -> int:
    return row.id  # type: ignore[attr-defined]


def test_processing_register_status_review_and_edit(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verwerkingen")
    assert isinstance(page, ProcessingPage)
    assert page.model.rowCount() == 11
    text, background = cell(page, lambda r: r.name == "Beeldmateriaal van leerlingen", "Status")
    assert text == "Geen verwerkersovereenkomst met Fotostudio Zonnestraal (demo)"
    assert background.color().name() == LEVEL_COLOURS["red"][0]
    assert cell(page, lambda r: r.name == "Camerabewaking", "Status")[0].startswith(
        "Jaarlijkse controle te laat"
    )
    choose(qtbot, page, lambda r: r.name == "Camerabewaking", _id)
    assert "Camerabeelden: 4 weken na opname" in page.pane.body.text()
    page.row_buttons["Nagekeken, klopt nog"].click()
    qtbot.waitUntil(
        lambda: cell(page, lambda r: r.name == "Camerabewaking", "Status")[0] == "In orde", timeout=10_000
    )
    page.row_buttons["Wijzigen…"].click()
    qtbot.waitUntil(lambda: isinstance(page.dialog, ActivityDialog), timeout=10_000)
    dialog = page.dialog
    dialog.name.setText("Camerabewaking gebouw")
    dialog.special.setText("")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: any(r.name == "Camerabewaking gebouw" for r in page.model.all_rows), timeout=10_000
    )


def test_the_board_reads_the_register_without_buttons(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("bestuur", "verwerkingen")
    assert not page.row_buttons and not page.can_manage


def test_a_prescan_and_a_risk_from_the_dpia_page(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("security", "dpias")
    assert isinstance(page, DpiaPage)
    page.open_prescan()
    qtbot.waitUntil(lambda: isinstance(page.dialog, PrescanDialog), timeout=10_000)
    dialog = page.dialog
    dialog.subject.setText("Nieuwe ouderapp")
    dialog.criteria["kwetsbaar"].setChecked(True)
    dialog.criteria["grootschalig"].setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.subject == "Nieuwe ouderapp" for r in page.model.all_rows), timeout=10_000)
    assert cell(page, lambda r: r.subject == "Nieuwe ouderapp", "Status")[0] == "In uitvoering"
    choose(qtbot, page, lambda r: r.subject == "Nieuwe ouderapp", _id)
    assert "2 van de 9 EDPB-criteria" in page.pane.body.text()
    page.row_buttons["Risico toevoegen…"].click()
    risk = page.dialog
    assert isinstance(risk, RiskDialog)
    risk.description.setPlainText("Berichten bij de verkeerde ouder")
    risk.measure.setPlainText("Groepen elk jaar controleren")
    risk.ok_button.click()
    qtbot.waitUntil(lambda: page.current is not None and len(page.current.risks) == 1, timeout=10_000)
    assert "Groepen elk jaar controleren (actie: Open)" in page.pane.body.text()


def test_the_fg_records_advice(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("fg", "dpias")
    row = choose(qtbot, page, lambda r: r.subject.startswith("Zorg en begeleiding"), _id)
    assert page.pane.badge.text().startswith("Wacht op advies FG")
    assert "Besluit…" not in page.row_buttons
    page.row_buttons["Advies vastleggen…"].click()
    dialog = page.dialog
    assert isinstance(dialog, AdviceDialog)
    dialog.advice.setPlainText("Akkoord als alleen de IB'er het zorgdossier ziet.")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: cell(page, lambda r: r.id == row.id, "Status")[0] == "In uitvoering", timeout=10_000
    )


def test_answering_a_complaint_and_opening_its_evidence(
    qtbot: QtBot, open_register, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(
        evidence_box.QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True
    )
    _startup, page = open_register("directeur", "klachten")
    assert isinstance(page, ComplaintsPage)
    text, background = cell(page, lambda r: r.status.answered is False, "Status")
    assert text == "Open, nog 5 dagen" and background.color().name() == LEVEL_COLOURS["amber"][0]
    choose(qtbot, page, lambda r: r.status.answered, _id)
    qtbot.waitUntil(
        lambda: (
            page.evidence.files.count() == 1
            and page.evidence.files.item(0).data(evidence_box.ID_ROLE) is not None
        ),
        timeout=10_000,
    )
    page.evidence.files.setCurrentRow(0)
    page.evidence.open_selected()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].name == "antwoord-klacht.eml" and b"Autoriteit" in opened[0].read_bytes()
    evidence_box.copies().remove_all()
    assert not opened[0].exists()

    choose(qtbot, page, lambda r: not r.status.answered, _id)
    page.row_buttons["Beantwoorden…"].click()
    dialog = page.dialog
    assert isinstance(dialog, AnswerDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "Autoriteit Persoonsgegevens" in dialog.error.text()
    dialog.ap_told.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: all(r.status.answered for r in page.model.all_rows), timeout=10_000)


def test_a_new_complaint_about_a_request(qtbot: QtBot, open_register) -> None:
    from ibp_desktop.ui.pages.accountability.complaints_page import ComplaintDialog

    _startup, page = open_register("directeur", "klachten")
    page.open_new()
    qtbot.waitUntil(lambda: isinstance(page.dialog, ComplaintDialog), timeout=10_000)
    dialog = page.dialog
    assert dialog.request.count() > 1 and dialog.incident.count() > 1
    dialog.request.setCurrentIndex(1)
    number = dialog.request.currentText().split(" · ")[0]
    dialog.subject.setPlainText("Inzage niet compleet")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.facts.subject == "Inzage niet compleet",
        timeout=10_000,
    )
    assert page.current.request_number == number
    assert f"verzoek {number}" in page.pane.body.text()


def test_choosing_a_bijzondere_school_moves_the_default_bases(
    qtbot: QtBot, open_register, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ibp_desktop.core.accountability.processing import Denomination
    from ibp_desktop.ui.pages.accountability import processing_page

    said: list[str] = []
    monkeypatch.setattr(processing_page, "show_info", lambda _p, text, *_a: said.append(text))
    _startup, page = open_register("directeur", "verwerkingen")
    box = page.school_type
    qtbot.waitUntil(lambda: box.currentData() == Denomination.PUBLIC, timeout=10_000)
    box.setCurrentIndex(box.findData(Denomination.PRIVATE))
    box.activated.emit(box.currentIndex())
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == ["Opgeslagen: bijzondere school. 3 verwerkingen kregen de grondslag die daarbij hoort."]
    qtbot.waitUntil(
        lambda: cell(page, lambda r: r.name == "Camerabewaking", "Grondslag")[0].startswith(
            "Gerechtvaardigd"
        ),
        timeout=10_000,
    )


def test_asking_advice_and_adding_then_removing_evidence_on_the_dpia_page(
    qtbot: QtBot, open_register, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ibp_desktop.ui import dialogs

    monkeypatch.setattr(evidence_box, "ask", lambda *_a, **_k: True)
    monkeypatch.setattr(dialogs, "last_error_dialog", None)
    _startup, page = open_register("security", "dpias")
    page.open_prescan()
    qtbot.waitUntil(lambda: isinstance(page.dialog, PrescanDialog), timeout=10_000)
    dialog = page.dialog
    dialog.subject.setText("Leerlingvolgsysteem in de cloud")
    dialog.criteria["kwetsbaar"].setChecked(True)
    dialog.criteria["grootschalig"].setChecked(True)
    dialog.ok_button.click()
    wanted = lambda r: r.subject == "Leerlingvolgsysteem in de cloud"  # noqa: E731
    qtbot.waitUntil(lambda: any(wanted(r) for r in page.model.all_rows), timeout=10_000)
    choose(qtbot, page, wanted, _id)
    qtbot.waitUntil(lambda: page.current is not None and wanted(page.current), timeout=10_000)
    page.row_buttons["Advies FG vragen"].click()  # refused: nothing described yet
    qtbot.waitUntil(lambda: dialogs.last_error_dialog is not None, timeout=10_000)
    assert "Beschrijf de verwerking eerst" in dialogs.last_error_dialog.text
    assert "Er is niets opgeslagen" in dialogs.last_error_dialog.text
    assert cell(page, wanted, "Status")[0] == "In uitvoering"
    dialogs.last_error_dialog.close()
    page.row_buttons["Beschrijven…"].click()
    describe = page.dialog
    assert isinstance(describe, DescribeDialog)
    describe.description.setPlainText("Cijfers en notities in een clouddienst.")
    describe.necessity.setPlainText("Nodig om de ontwikkeling te volgen.")
    describe.ok_button.click()
    qtbot.waitUntil(lambda: page.current is not None and bool(page.current.description), timeout=10_000)
    page.row_buttons["Advies FG vragen"].click()
    qtbot.waitUntil(lambda: cell(page, wanted, "Status")[0].startswith("Wacht op advies FG"), timeout=10_000)

    qtbot.waitUntil(lambda: page.current is not None and page.evidence.owner_id == page.current.id,
                    timeout=10_000)
    scan = tmp_path / "advies-fg.pdf"
    scan.write_bytes(b"%PDF-1.4\n% advies\n%%EOF\n")
    page.evidence.attach(scan)
    qtbot.waitUntil(lambda: page.evidence.files.item(0).text().startswith("advies-fg.pdf"), timeout=10_000)
    assert page.evidence.files.count() == 1 and page.evidence.add_button.isEnabled()
    page.evidence.files.setCurrentRow(0)
    page.evidence.remove_selected()
    qtbot.waitUntil(lambda: page.evidence.files.item(0).text() == "Nog geen bestanden.", timeout=10_000)
