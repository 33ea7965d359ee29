"""Verzoeken through the real page and dialogs: the deadline in words and colour, registering, the
extension rule, answering, the FG's remark, and a stale edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.requests import Right
from ibp_desktop.core.working_days import next_working_day
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.ui.pages.requests.handle_dialogs import AnswerDialog, ExtendDialog, RemarkDialog
from ibp_desktop.ui.pages.requests.page import RequestsPage
from ibp_desktop.ui.pages.requests.request_dialog import RequestDialog
from ibp_desktop.ui.widgets import record_dialog
from ibp_desktop.ui.widgets.fields import to_qdate
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.helpers import press_ctrl
from tests.ui.registers.conftest import cell, choose

pytestmark = pytest.mark.gui


def _detail_id(detail: object) -> int:
    return detail.row.id  # type: ignore[attr-defined]


def test_the_register_shows_the_overdue_request_in_words_and_colour(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verzoeken")
    assert isinstance(page, RequestsPage)
    assert len(page.model.all_rows) == 5
    text, background = cell(page, lambda r: r.status.overdue, "Status")
    assert text.startswith("Te laat (") and background.color().name() == LEVEL_COLOURS["red"][0]
    assert cell(page, lambda r: r.answered_on is not None, "Status")[0] == "Beantwoord op tijd"
    page.status_filter.setCurrentIndex(page.status_filter.findText("Te laat"))
    assert [r.status.overdue for r in page.model.visible_rows] == [True]
    page.status_filter.setCurrentIndex(0)
    page.search.setText("sanne")
    assert [r.requester_name for r in page.model.visible_rows] == ["Sanne Kok"]
    row = choose(qtbot, page, lambda r: True, _detail_id)
    assert "beantwoorden uiterlijk" in page.pane.badge.text()
    assert row.requester_name in page.pane.body.text()


def test_registering_a_request_computes_the_deadline(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verzoeken")
    press_ctrl(qtbot, page.table, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, RequestDialog)
    received = date.today() - timedelta(days=3)
    dialog.received.setDate(to_qdate(received))
    # One month later, moved off a weekend or public holiday (Reg. 1182/71 art. 3(4)).
    expected = next_working_day(received + relativedelta(months=1))
    assert expected.strftime("%d-%m-%Y") in dialog.deadline_label.text()
    dialog.requester.setText("Gerrit Testouder")
    dialog.right.setCurrentIndex(dialog.right.findData(Right.ERASURE))
    dialog.id_check.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.pupil.loaded, timeout=10_000)
    dialog.pupil.setCurrentIndex(1)
    dialog.description.setPlainText("Foto's van de website halen.")
    dialog.ok_button.click()  # about a pupil: parental authority must be recorded as checked
    qtbot.waitUntil(lambda: "Gezag nagegaan" in dialog.error.text(), timeout=10_000)
    dialog.authority.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.requester_name == "Gerrit Testouder" for r in page.model.all_rows),
                    timeout=10_000)
    row = next(r for r in page.model.all_rows if r.requester_name == "Gerrit Testouder")
    assert row.deadline == expected and row.right is Right.ERASURE and row.pupil_name
    assert cell(page, lambda r: r.id == row.id, "Status")[0].startswith("Nog ")
    qtbot.waitUntil(lambda: page.current is not None and page.current.row.id == row.id, timeout=10_000)


def test_an_unknown_pupil_is_refused_inline(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verzoeken")
    page.new_button.click()
    dialog = page.dialog
    dialog.requester.setText("Iemand")
    dialog.id_check.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.pupil.loaded, timeout=10_000)
    dialog.pupil.setEditText("Niemand Bestaatniet")
    dialog.ok_button.click()
    assert dialog.isVisible() and "staat niet in de lijst" in dialog.error.text()


def test_an_extension_after_the_first_month_is_refused(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verzoeken")
    choose(qtbot, page, lambda r: r.status.overdue, _detail_id)
    assert page.row_buttons["Verlengen…"].isEnabled()
    page.row_buttons["Verlengen…"].click()
    dialog = page.dialog
    assert isinstance(dialog, ExtendDialog)
    dialog.reason.setPlainText("Veel documenten.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
    refused = "Verlengen kan alleen als de verzoeker binnen de eerste maand is geïnformeerd"
    assert refused in dialog.error.text()
    assert dialog.isVisible()


def test_answering_moves_the_request_to_answered_on_time(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verzoeken")
    row = choose(qtbot, page, lambda r: r.requester_name == "Sanne Kok", _detail_id)
    page.row_buttons["Beantwoorden…"].click()
    dialog = page.dialog
    assert isinstance(dialog, AnswerDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: cell(page, lambda r: r.id == row.id, "Status")[0] == "Beantwoord op tijd",
                    timeout=10_000)
    qtbot.waitUntil(lambda: page.current is not None and page.current.row.answered_on is not None,
                    timeout=10_000)
    assert "Toegewezen" in page.pane.body.text() and "Joost van den Heuvel" in page.pane.body.text()
    assert not page.row_buttons["Verlengen…"].isEnabled()


def test_the_fg_reads_and_adds_a_remark_but_cannot_register_or_answer(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("fg", "verzoeken")
    assert page.new_button is None
    assert set(page.row_buttons) == {"Opmerking (FG)…"}
    texts = {b.text() for b in page.findChildren(type(page.documents.print_button))}
    assert "Verzoek registreren" not in texts and "Beantwoorden…" not in texts
    choose(qtbot, page, lambda r: r.status.overdue, _detail_id)
    page.row_buttons["Opmerking (FG)…"].click()
    dialog = page.dialog
    assert isinstance(dialog, RemarkDialog)
    dialog.text.setPlainText("Stuur eerst een ontvangstbevestiging.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Stuur eerst een ontvangstbevestiging." in page.pane.body.text(), timeout=10_000)
    assert "Karin de Boer" in page.pane.body.text()


def test_a_stale_answer_reloads_with_a_dutch_message(qtbot: QtBot, open_register, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(record_dialog, "show_info", lambda _parent, text, *_a: told.append(text))
    startup, page = open_register("directeur", "verzoeken")
    row = choose(qtbot, page, lambda r: r.requester_name == "Sanne Kok", _detail_id)
    page.row_buttons["Beantwoorden…"].click()
    dialog = page.dialog
    # Meanwhile, on another PC, someone corrects the same request.
    service = RequestService(startup.database, startup.context.actor)
    detail = service.detail(row.id)
    service.update(row.id, detail.row.version, replace(detail.facts, description="Ook de e-mails."))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "Iemand anders heeft dit verzoek net gewijzigd" in told[0]
    qtbot.waitUntil(lambda: page.current is not None and "Ook de e-mails." in page.pane.body.text(),
                    timeout=10_000)
    assert page.current.row.answered_on is None
