"""The incident register through the real page and dialogs: from a report to a closed case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.rules import Decision, IncidentStatus, IncidentType, TimelineKind
from ibp_desktop.ui.pages.incidents.assess_dialog import AssessDialog
from ibp_desktop.ui.pages.incidents.close_dialog import CloseDialog
from ibp_desktop.ui.pages.incidents.notify_dialog import NotifyDialog
from ibp_desktop.ui.pages.incidents.page import IncidentsPage
from ibp_desktop.ui.pages.incidents.report_dialog import ReportDialog
from ibp_desktop.ui.pages.incidents.widgets import now_local, to_qdatetime
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.helpers import press_ctrl
from tests.ui.incidents.conftest import row_titled, select

pytestmark = pytest.mark.gui

OPEN_BREACH = "Zorgverslag naar verkeerde ouder gemaild"
NEW_TITLE = "Map met toetsgegevens kwijt"


def _clock_cell(page: IncidentsPage, title: str) -> tuple[str, object]:
    column = [c.header for c in page.model.columns].index("72-uursklok")
    row = page.model.visible_rows.index(row_titled(page, title))
    index = page.model.index(row, column)
    return index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.BackgroundRole)


def test_security_officer_sees_the_register_with_the_running_clock(qtbot: QtBot, open_incidents) -> None:
    _startup, page = open_incidents("security")
    assert isinstance(page, IncidentsPage)
    assert len(page.model.all_rows) >= 8
    text, background = _clock_cell(page, OPEN_BREACH)
    assert re.fullmatch(r"Nog \d+ uur", text)
    hours = int(text.split()[1])
    # A running clock always has a colour (issue 16: "Nog 41 uur" had none): red under 24 hours, else amber.
    assert background is not None
    assert background.color().name() == LEVEL_COLOURS["red" if hours < 24 else "amber"][0]
    assert _clock_cell(page, "Nieuwsbrief met CC in plaats van BCC")[0] == "Gemeld binnen 72 uur"
    select(qtbot, page, OPEN_BREACH)
    assert "om te melden bij de AP: uiterlijk" in page.pane.clock.text()
    assert "Melden bij de AP en betrokkenen informeren" in page.pane.body.text()
    assert "Ontvanger gebeld" in page.pane.body.text()  # the timeline
    assert {"Beoordelen…", "Melding aan AP…", "Afsluiten…", "Afdrukken…"} <= set(page.row_buttons)
    # Filters: open cases only, then search.
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    assert all(r.status is not IncidentStatus.CLOSED for r in page.model.visible_rows)
    page.search.setText("zorgverslag")
    assert [r.title for r in page.model.visible_rows] == [OPEN_BREACH]


def test_report_assess_notify_late_and_close(qtbot: QtBot, open_incidents) -> None:
    _startup, page = open_incidents("security")
    # Report (Ctrl+N) an incident discovered four days ago: the 72 hours have passed.
    press_ctrl(qtbot, page.table, Qt.Key.Key_N)
    report = page.dialog
    assert isinstance(report, ReportDialog)
    report.title_field.setText(NEW_TITLE)
    report.kind.setCurrentIndex(report.kind.findData(IncidentType.PAPER_LOST))
    report.description.setPlainText("Een map met toetsresultaten van groep 6 is niet terug te vinden.")
    report.discovered.setDateTime(to_qdatetime(now_local() - timedelta(days=4)))
    report.ok_button.click()
    qtbot.waitUntil(lambda: any(r.title == NEW_TITLE for r in page.model.all_rows), timeout=10_000)
    row = row_titled(page, NEW_TITLE)
    assert row.status_label == "Nieuw" and row.clock_text.startswith("Te laat")
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == row.id, timeout=10_000)

    # Assess: the proposal follows the answers; deviating without a reason is refused inline.
    page.open_assess()
    assess = page.dialog
    assert isinstance(assess, AssessDialog)
    risk = assess.risk
    risk.personal_data.yes.click()
    risk.encrypted.no.click()
    risk.recipient_deleted.no.click()
    assert risk.proposal.decision is Decision.NOTIFY_AP
    assert "Voorstel: <b>Melden bij de AP</b>" in risk.proposal_label.text()
    risk.care.setChecked(True)
    assert risk.proposal.decision is Decision.NOTIFY_AP_AND_SUBJECTS  # live update
    risk.care.setChecked(False)
    risk.decision.buttons[Decision.NOT_REPORTABLE].click()
    assert risk.deviation.isVisible()
    assess.ok_button.click()
    assert assess.isVisible() and "Schrijf op waarom u afwijkt" in assess.error.text()
    risk.decision.buttons[Decision.NOTIFY_AP].click()
    assert not risk.deviation.isVisible()
    assess.sections.records_approx.setValue(12)
    assess.ok_button.click()
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.decision is Decision.NOTIFY_AP, timeout=10_000
    )
    assert page.current.status is IncidentStatus.ASSESSING and page.current.form.records_approx == 12
    qtbot.waitUntil(lambda: row_titled(page, NEW_TITLE).status_label == "In beoordeling", timeout=10_000)

    # A late notification asks for the reason.
    page.open_notify()
    notify = page.dialog
    assert isinstance(notify, NotifyDialog)
    assert notify.late() and notify.late_reason.isVisible()
    notify.reference.setText("M2026-555")
    notify.ok_button.click()
    assert notify.isVisible() and "reden van de vertraging" in notify.error.text()
    notify.late_reason.setPlainText("De map werd pas na de vakantie gemist.")
    notify.ok_button.click()
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.ap_reference == "M2026-555", timeout=10_000
    )
    assert page.current.status is IncidentStatus.NOTIFIED
    qtbot.waitUntil(lambda: row_titled(page, NEW_TITLE).clock_text == "Te laat gemeld", timeout=10_000)

    # Close: the evaluation is required.
    page.open_close()
    close = page.dialog
    assert isinstance(close, CloseDialog)
    close.ok_button.click()
    assert close.isVisible() and "Vul in wat de school verandert" in close.error.text()
    close.evaluation.setPlainText("Toetsmappen blijven voortaan in de kluis.")
    close.ok_button.click()
    qtbot.waitUntil(lambda: row_titled(page, NEW_TITLE).status_label == "Afgehandeld", timeout=10_000)
    assert page.current is not None and page.current.evaluation.startswith("Toetsmappen")
    kinds = [entry.kind for entry in page.current.timeline]
    assert kinds[0] is TimelineKind.REPORTED and TimelineKind.NOTIFICATION in kinds
    assert not page.row_buttons["Afsluiten…"].isEnabled()


def test_the_report_dialog_nudges_against_pupil_names(qtbot: QtBot, open_incidents) -> None:
    from sqlalchemy import select as sql_select

    from ibp_desktop.store.models import Pupil

    startup, page = open_incidents("security")
    with startup.database.transaction() as session:
        first, infix, last = session.execute(
            sql_select(Pupil.first_name, Pupil.infix, Pupil.last_name).limit(1)
        ).one()
    page.open_report()
    dialog = page.dialog
    assert isinstance(dialog, ReportDialog)
    dialog.title_field.setText("E-mail verkeerd verstuurd")
    dialog.description.setPlainText("Het rapport van een leerling van groep 5 ging naar de verkeerde ouder.")
    qtbot.waitUntil(lambda: dialog.name_checks_done >= 1, timeout=10_000)
    assert not dialog.nudge.isVisible()
    name = " ".join(p for p in (first, infix, last) if p)
    dialog.description.setPlainText(f"Het rapport van {name} ging naar de verkeerde ouder.")
    qtbot.waitUntil(lambda: dialog.nudge.isVisible(), timeout=10_000)
    assert dialog.nudge.text() == "Noem liever geen namen van leerlingen; beschrijf het zonder namen."
    dialog.ok_button.click()  # saving is still allowed
    qtbot.waitUntil(
        lambda: any(r.title == "E-mail verkeerd verstuurd" for r in page.model.all_rows), timeout=10_000
    )
