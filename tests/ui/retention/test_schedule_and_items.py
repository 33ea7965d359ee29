"""The schedule (edit a term, someone else saved first) and the due list's own actions (register an
item, a legal hold)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.retention.records import RuleInput
from ibp_desktop.core.retention.rules import Term, TermUnit
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.ui.pages.retention import schedule_tab
from ibp_desktop.ui.pages.retention.due_dialogs import HoldDialog, RegisterItemDialog
from ibp_desktop.ui.pages.retention.rule_dialog import RuleDialog
from tests.ui.helpers import press_ctrl

pytestmark = pytest.mark.gui
DOSSIER = "Leerlingdossier (LVS, toetsen, gespreksverslagen, begeleiding)"


def _show_schedule(qtbot: QtBot, area) -> schedule_tab.ScheduleTab:
    area.show_tab("Bewaarschema")
    tab = area.schedule_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    return tab


def _term_shown(tab: schedule_tab.ScheduleTab, label: str) -> str:
    row = next(r for r in tab.model.all_rows if r.label == label)
    return tab.model.columns[1].text(row)


def test_director_edits_a_term(qtbot: QtBot, open_retention) -> None:
    area = open_retention("directeur")
    tab = _show_schedule(qtbot, area)
    assert _term_shown(tab, DOSSIER) == "2 jaar"
    tab.select_where(lambda r: r.label == DOSSIER)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter opens the row
    dialog = tab.dialog
    assert isinstance(dialog, RuleDialog)
    dialog.amount.setValue(3)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # Enter confirms
    qtbot.waitUntil(lambda: _term_shown(tab, DOSSIER) == "3 jaar", timeout=10_000)
    assert "3 jaar na uitschrijving" in tab.body.text()


def test_someone_else_saved_first(qtbot: QtBot, open_retention, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(schedule_tab, "show_error", lambda _parent, text, *_a: shown.append(text))
    area = open_retention("directeur")
    tab = _show_schedule(qtbot, area)
    tab.select_where(lambda r: r.label == DOSSIER)
    tab.edit_button.click()
    dialog = tab.dialog
    rule = dialog.rule
    other = RetentionService(area.context.database, area.context.actor)  # "someone else", meanwhile
    change = RuleInput(rule.label, Term(4, TermUnit.YEARS), rule.event, rule.basis, rule.action, rule.system)
    other.update_rule(rule_school(area), rule.category, change, expected_version=rule.version)
    dialog.amount.setValue(3)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "Iemand anders heeft dit net ook gewijzigd" in shown[0]
    qtbot.waitUntil(lambda: _term_shown(tab, DOSSIER) == "4 jaar", timeout=10_000)  # reloaded


def rule_school(area) -> int:
    return area.context.schools[0].id


def test_register_an_item_and_hold_it(qtbot: QtBot, open_retention) -> None:
    area = open_retention("administratie")
    due = area.due_tab
    press_ctrl(qtbot, due.table, Qt.Key.Key_N)
    dialog = due.dialog
    assert isinstance(dialog, RegisterItemDialog)
    dialog.category.setCurrentIndex(dialog.category.findData("sollicitaties"))
    dialog.description.setText("Sollicitaties vacature intern begeleider")
    dialog.event_date.setDate(dialog.event_date.date().addDays(-60))
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: any(r.description == "Sollicitaties vacature intern begeleider" for r in due.model.all_rows),
        timeout=10_000,
    )
    due.select_where(lambda r: r.description == "Sollicitaties vacature intern begeleider")
    assert due.status_badge.text() == "Termijn verlopen"
    assert due.buttons["hold"].isEnabled()
    due.buttons["hold"].click()
    hold = due.dialog
    assert isinstance(hold, HoldDialog)
    hold.reason.setText("Bezwaar van een sollicitant loopt nog")
    hold.ok_button.click()
    qtbot.waitUntil(
        lambda: due.status_badge.text() == "Bewaren: Bezwaar van een sollicitant loopt nog", timeout=10_000
    )


def test_an_item_with_its_own_term_needs_a_reason(qtbot: QtBot, open_retention) -> None:
    """The applicant who agreed to one year: the item is not due after the category's 4 weeks."""
    area = open_retention("administratie")
    due = area.due_tab
    press_ctrl(qtbot, due.table, Qt.Key.Key_N)
    dialog = due.dialog
    assert isinstance(dialog, RegisterItemDialog)
    dialog.category.setCurrentIndex(dialog.category.findData("sollicitaties"))
    dialog.description.setText("Brief sollicitant Łucja (een jaar bewaren)")
    dialog.event_date.setDate(dialog.event_date.date().addDays(-60))
    dialog.own_term.setChecked(True)
    dialog.own_amount.setValue(1)
    dialog.own_unit.setCurrentIndex(dialog.own_unit.findData(TermUnit.YEARS))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Schrijf op waarom" in dialog.error.text(), timeout=10_000)
    dialog.term_reason.setText("Sollicitant stemde in met een jaar bewaren.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result_item is not None, timeout=10_000)
    assert dialog.result_item.own_term == "1 jaar"
    assert not any(r.description.startswith("Brief sollicitant Łucja") for r in due.model.all_rows)


def test_until_date_reloads(qtbot: QtBot, open_retention) -> None:
    area = open_retention("administratie")
    due = area.due_tab
    before = len(due.model.all_rows)
    due.until_edit.setDate(due.until_edit.date().addYears(-10))
    qtbot.waitUntil(lambda: len(due.model.all_rows) < before, timeout=10_000)
    assert due.stack.currentWidget() is due.empty or due.model.all_rows


def test_a_category_names_its_processing_activities(qtbot: QtBot, open_retention) -> None:
    tab = _show_schedule(qtbot, open_retention("directeur"))
    tab.select_where(lambda r: r.label == DOSSIER)
    qtbot.waitUntil(lambda: "Verwerking" in tab.body.text(), timeout=10_000)
    assert "Leerlingvolgsysteem (LVS), Zorg en begeleiding (OPP, groeidocument)" in tab.body.text()
