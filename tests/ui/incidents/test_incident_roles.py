"""Who sees what on the incident page, documents (print preview, export) and the register import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.rules import TimelineKind
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui import ops, printing
from ibp_desktop.ui.pages.incidents import assess_dialog
from ibp_desktop.ui.pages.incidents import page as page_module
from ibp_desktop.ui.pages.incidents.assess_dialog import STALE_TEXT, AssessDialog
from ibp_desktop.ui.pages.incidents.close_dialog import TimelineDialog
from ibp_desktop.ui.pages.incidents.export_dialog import ExportDialog
from ibp_desktop.ui.pages.incidents.import_dialog import ImportDialog
from ibp_desktop.ui.pages.incidents.page import IncidentsPage, ReportOnlyPage
from ibp_desktop.ui.pages.incidents.report_dialog import ReportDialog
from tests.ui.helpers import pdf_text, press_ctrl
from tests.ui.incidents.conftest import select

pytestmark = pytest.mark.gui

OPEN_BREACH = "Zorgverslag naar verkeerde ouder gemaild"
REGISTER = (
    "Nr;Onderwerp;Omschrijving;Soort;Datum ontdekt;Meldplichtig;Gemeld bij AP;Meldnummer;Status\n"
    "DL-2024-3;USB-stick kwijt;Stick met cijfers;Verlies USB;12-03-2024 14:05;nee;;;afgehandeld\n"
    "DL-2024-4;Mail met CC;Nieuwsbrief aan ouders;CC i.p.v. BCC;2024-05-10;ja;11-05-2024 09:00;M-1;gemeld\n"
)


def test_fg_reads_and_advises_but_cannot_assess_or_close(qtbot: QtBot, open_incidents) -> None:
    _startup, page = open_incidents("fg")
    assert isinstance(page, IncidentsPage)
    select(qtbot, page, OPEN_BREACH)
    assert "Beoordelen…" not in page.row_buttons and "Afsluiten…" not in page.row_buttons
    assert "Melding aan AP…" not in page.row_buttons and not hasattr(page, "import_button")
    page.open_assess()  # the double-click path does nothing for the FG
    assert page.dialog is None
    page.row_buttons["Advies toevoegen…"].click()
    dialog = page.dialog
    assert isinstance(dialog, TimelineDialog) and dialog.advice
    dialog.text.setPlainText("Informeer ook de ouders van de leerling; het gaat om zorggegevens.")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.timeline[-1].kind is TimelineKind.ADVICE,
        timeout=10_000,
    )
    assert page.current.timeline[-1].author == "Karin de Boer"
    assert "Informeer ook de ouders" in page.pane.body.text()


def test_administration_sees_only_the_report_button(qtbot: QtBot, open_incidents) -> None:
    _startup, page = open_incidents("administratie")
    assert isinstance(page, ReportOnlyPage)
    assert not hasattr(page, "model") and page.report_button.text() == "Incident melden"
    page.report_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ReportDialog)
    dialog.title_field.setText("Laptop laten liggen in de trein")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.confirmation.isVisible(), timeout=10_000)
    assert "Uw melding is opgeslagen als incident" in page.confirmation.text()


def test_print_shows_a_preview_of_the_report_pdf(qtbot: QtBot, open_incidents, monkeypatch, tmp_path) -> None:
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _parent, data, title: shown.append((data, title)))
    asked: list[str] = []

    def answer(_parent: object, _caption: str, name: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(name).name)  # suggested in the folder used last (ui/save_as.py)
        return str(tmp_path / Path(name).name), ""

    monkeypatch.setattr(ops.QFileDialog, "getSaveFileName", answer)
    monkeypatch.setattr(ops, "show_info", lambda *_a, **_k: None)
    _startup, page = open_incidents("security")
    select(qtbot, page, OPEN_BREACH)
    number = page.current.number
    press_ctrl(qtbot, page.table, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0][0].startswith(b"%PDF") and shown[0][1] == f"Incident {number}"
    preview = pdf_text(shown[0][0])
    assert f"{number}" in preview
    page.row_buttons["Rapport (PDF)…"].click()
    target = tmp_path / f"incident-{number}.pdf"
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert asked == [f"incident-{number}.pdf"]
    assert pdf_text(target.read_bytes()) == preview  # the saved report reads exactly like the preview


def test_register_export_as_csv(qtbot: QtBot, open_incidents, monkeypatch) -> None:
    _startup, page = open_incidents("fg")
    saved: list[tuple[bytes, str]] = []
    monkeypatch.setattr(ops, "save_bytes", lambda _parent, data, name: saved.append((data, name)))
    page.export_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ExportDialog)
    dialog.date_from.setDate(dialog.date_from.date().addYears(-1))
    dialog.csv.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=20_000)
    data, name = saved[0]
    assert name.endswith(".csv") and OPEN_BREACH in data.decode("utf-8-sig")


def test_import_previews_then_writes_all_or_nothing(
    qtbot: QtBot, open_incidents, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(page_module, "show_info", lambda *_args, **_kw: None)
    _startup, page = open_incidents("security")
    bad = tmp_path / "kapot.csv"
    bad.write_text(REGISTER + "DL-2024-5;Phishing;;;31-02-2024;ja;;;\n", encoding="utf-8")
    page.import_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: "Rij 4" in dialog.outcome.toPlainText(), timeout=10_000)
    assert not dialog.ok_button.isEnabled() and "niets geïmporteerd" in dialog.outcome.toPlainText()
    good = tmp_path / "register.csv"
    good.write_text(REGISTER, encoding="utf-8")
    dialog.load_file(good)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert "2 incidenten klaar om te importeren" in dialog.summary.text() and dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.number == "DL-2024-4" for r in page.model.all_rows), timeout=10_000)
    assert dialog.imported == 2


def test_a_stale_assessment_reloads_the_incident(qtbot: QtBot, open_incidents, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(assess_dialog, "show_info", lambda _parent, text, *_a: told.append(text))
    startup, page = open_incidents("security")
    select(qtbot, page, OPEN_BREACH)
    page.row_buttons["Beoordelen…"].click()
    dialog = page.dialog
    assert isinstance(dialog, AssessDialog)
    seen = dialog.detail.version
    # Meanwhile, someone else saves the same incident.
    IncidentService(startup.database, startup.context.actor).update_form(
        dialog.detail.id, seen, replace(dialog.detail.form, other_remarks="Gebeld met de ouder.")
    )
    dialog.save_form_button.click()
    qtbot.waitUntil(lambda: dialog.detail.version > seen and not dialog.busy, timeout=10_000)
    assert told == [STALE_TEXT] and dialog.isVisible()
    assert dialog.sections.other_remarks.toPlainText() == "Gebeld met de ouder."  # the fresh data


def test_import_dialog_reads_the_schools_register_through_the_service(
    qtbot: QtBot, open_incidents, monkeypatch, tmp_path: Path
) -> None:
    from tests.importers.breach_register import write_breach_register

    monkeypatch.setattr(page_module, "show_info", lambda *_args, **_kw: None)
    _startup, page = open_incidents("security")
    page.import_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.load_file(write_breach_register(tmp_path / "datalekregister.xlsx"))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15_000)
    assert dialog.combos["discovered_time"].currentText() == "Tijd ontdekt"  # below the title row
    assert dialog.combos["reportable"].currentText() == "Gemeld bij AP"
    outcome = dialog.outcome.toPlainText()
    assert "Niet gebruikt: geen (alle kolommen gebruikt)" in outcome
    assert "Overgeslagen: Rij 1 (boven de kopregel): Register datalekken" in outcome
    assert "2 incidenten klaar om te importeren" in dialog.summary.text()


def test_an_unreadable_register_says_so_in_the_dialog(
    qtbot: QtBot, open_incidents, monkeypatch, tmp_path: Path
) -> None:
    from ibp_desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "last_error_dialog", None)
    _startup, page = open_incidents("security")
    page.import_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog)
    broken = tmp_path / "register.xlsx"
    broken.write_bytes(b"dit is geen Excel-bestand")
    dialog.load_file(broken)
    qtbot.waitUntil(lambda: "kan niet worden gelezen" in dialog.summary.text(), timeout=10_000)
    assert dialog.outcome.toPlainText() and not dialog.ok_button.isEnabled() and not dialog.busy
    assert dialogs.last_error_dialog is None  # a refusal is shown in the dialog itself
