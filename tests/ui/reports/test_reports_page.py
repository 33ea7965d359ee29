"""The area "Rapporten": the board previews and adopts the annual report and prints the adopted version
again byte for byte; the FG makes the FG report; the director the access request PDF; the
administration does not see the area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.services.reports.annual import AnnualReportService
from ibp_desktop.store.report_models import AdoptedReport
from ibp_desktop.ui.pages.reports import annual_tab
from tests.ui.helpers import capture_errors, pdf_text, save_to

pytestmark = pytest.mark.gui

WAIT = 30_000


def tab_titles(page) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_board_previews_adopts_and_prints_the_adopted_report_again(qtbot: QtBot, open_reports, previews,
                                                                     monkeypatch) -> None:
    questions: list[str] = []
    monkeypatch.setattr(annual_tab, "ask", lambda _p, _t, text, *_a, **_k: questions.append(text) or True)
    monkeypatch.setattr(annual_tab, "show_info", lambda *_a, **_k: None)
    window, page = open_reports("bestuur")
    tab = page.annual_tab
    assert tab_titles(page)[0] == "Jaarverslag IBP"
    assert tab.year_box.currentText() == tab.period.short_label
    assert "-" in tab.year_box.currentText()  # a school year: "2025-2026"
    qtbot.waitUntil(lambda: tab.empty.isVisible() or tab.model.rowCount() > 0, timeout=WAIT)
    assert tab.model.rowCount() == 0
    assert "Nog geen vastgestelde jaarverslagen" in tab.empty.text()

    tab.kind_box.setFocus()
    qtbot.keyClick(tab.kind_box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    assert previews[0][0].startswith(b"%PDF")
    assert "Jaarverslag IBP" in previews[0][1]

    assert tab.adopt_button.isVisible()
    qtbot.waitUntil(lambda: not tab.job.working, timeout=WAIT)
    tab.adopt_button.click()
    assert len(questions) == 1
    assert questions[0].startswith(f"Het bestuur stelt het jaarverslag {tab.period.label}")
    assert "ongewijzigd bewaard" in questions[0]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    row = tab.model.visible_rows[0]
    assert tab.table.isVisible()
    assert tab.model.index(0, 0).data() == tab.period.label
    assert tab.model.index(0, 3).data() == "Bestuurder"
    assert tab.model.index(0, 4).data() == row.sha256[:12]

    qtbot.waitUntil(lambda: tab.reprint_button.isEnabled(), timeout=WAIT)  # the new report is chosen
    tab.reprint_button.click()
    qtbot.waitUntil(lambda: len(previews) == 2, timeout=WAIT)
    stored = AnnualReportService(window.context.database, window.context.actor).adopted_pdf(row.id)
    assert previews[1][0] == stored


def test_a_changed_adopted_report_is_refused_in_dutch(qtbot: QtBot, open_reports, previews,
                                                       monkeypatch) -> None:
    errors = capture_errors(monkeypatch)
    window, page = open_reports("bestuur")
    context = window.context
    report = AnnualReportService(context.database, context.actor).adopt(page.annual_tab.period,
                                                                        context.schools[0].id)
    with context.database.transaction() as session:
        session.execute(update(AdoptedReport).where(AdoptedReport.id == report.id).values(pdf=b"%PDF-1.4 x"))
    tab = page.annual_tab
    tab.refresh()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    tab.table.selectRow(0)
    tab.reprint_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert "controlecode" in errors[0] and "niet afgedrukt" in errors[0]
    assert previews == []


def test_the_director_cannot_adopt_but_makes_the_access_request_pdf(qtbot: QtBot, open_reports, previews,
                                                                   monkeypatch) -> None:
    window, page = open_reports("directeur")
    assert page.annual_tab.adopt_button.isHidden()
    assert "Inzageverzoek (alles over één leerling)" in tab_titles(page)
    context = window.context
    pupil = next(p for p in PupilService(context.database, context.actor).list_pupils(context.schools[0].id)
                 if p.pupil_number)
    page.show_tab("Inzageverzoek (alles over één leerling)")
    tab = page.access_tab
    qtbot.keyClicks(tab.number_field, pupil.pupil_number)
    qtbot.keyClick(tab.number_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    assert previews[0][0].startswith(b"%PDF")

    errors = capture_errors(monkeypatch)
    tab.number_field.setText("000-bestaat-niet")
    qtbot.waitUntil(lambda: not tab.job.working, timeout=WAIT)
    tab.preview_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert "Er is geen leerling met leerlingnummer 000-bestaat-niet" in errors[0]


def test_the_access_request_pupil_can_be_found_by_name(qtbot: QtBot, open_reports, previews) -> None:
    _window, page = open_reports("directeur")
    page.show_tab("Inzageverzoek (alles over één leerling)")
    tab = page.access_tab
    qtbot.waitUntil(lambda: bool(tab.pupils), timeout=WAIT)
    text, pupil = next(iter(tab.pupils.items()))
    tab.search_field.completer().activated.emit(text)
    assert tab.number_field.text() == (pupil.pupil_number or "")
    assert tab.chosen_label.text() == f"Gekozen: {text}"
    tab.preview_button.click()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    assert previews[0][0].startswith(b"%PDF")


def test_the_portability_file_is_saved_as_json_or_csv(qtbot: QtBot, open_reports, tmp_path,
                                                     monkeypatch) -> None:
    """AVG art. 20: the same data as the PDF, machine-readable; the chosen filter decides the format."""
    import json


    _window, page = open_reports("directeur")
    page.show_tab("Inzageverzoek (alles over één leerling)")
    tab = page.access_tab
    qtbot.waitUntil(lambda: bool(tab.pupils), timeout=WAIT)
    text, pupil = next(iter(tab.pupils.items()))
    tab.search_field.completer().activated.emit(text)
    target = tmp_path / "leerling"
    monkeypatch.setattr("ibp_desktop.ui.save_as.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(target), "JSON-bestand (*.json)"))
    monkeypatch.setattr("ibp_desktop.ui.ops.show_info", lambda *_a, **_k: None)
    tab.portable_button.click()
    written = target.with_suffix(".json")
    qtbot.waitUntil(written.exists, timeout=WAIT)
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["leerling"]["Leerlingnummer"] == (pupil.pupil_number or "-")


def test_the_fg_makes_the_fg_report_and_not_the_access_request(qtbot: QtBot, open_reports,
                                                               previews) -> None:
    _window, page = open_reports("fg")
    assert tab_titles(page) == ["Jaarverslag IBP", "FG-rapportage", "Registers"]
    assert page.annual_tab.adopt_button.isHidden()
    page.show_tab("FG-rapportage")
    tab = page.fg_tab
    assert tab.from_edit.displayFormat() == "dd-MM-yyyy"
    tab.from_edit.setFocus()
    qtbot.keyClick(tab.from_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    assert previews[0][0].startswith(b"%PDF")
    assert previews[0][1].startswith("FG-rapportage ")


def test_registers_save_pdf_and_csv(qtbot: QtBot, open_reports, previews, monkeypatch, tmp_path) -> None:
    save_to(monkeypatch, tmp_path / "incidenten.csv", tmp_path / "verwerkers.pdf")
    _window, page = open_reports("directeur")
    page.show_tab("Registers")
    boxes = page.registers_tab.boxes
    assert set(boxes) == {"incidenten", "verzoeken", "verwerkers"}
    boxes["incidenten"].csv_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "incidenten.csv").exists(), timeout=WAIT)
    boxes["verwerkers"].pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "verwerkers.pdf").exists(), timeout=WAIT)
    assert "Snappet (demo)" in pdf_text((tmp_path / "verwerkers.pdf").read_bytes())
    assert (tmp_path / "incidenten.csv").read_bytes().decode("utf-8-sig").startswith("Nummer;")
    boxes["verzoeken"].print_button.click()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    assert "Sanne Kok" in pdf_text(previews[0][0])


def test_the_administration_does_not_see_the_reports(qtbot: QtBot, login) -> None:
    window = login("administratie")
    assert "rapporten" not in window.page_keys()
    assert not window.open_page("rapporten")
