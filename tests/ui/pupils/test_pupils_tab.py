"""Tab "Leerlingen": the demo school's pupils, search, group filter, deregistering, school choice."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accounts.schools import SchoolInfo
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages import pages_for
from ibp_desktop.ui.pages.pupils.deregister_dialog import DeregisterDialog
from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard
from ibp_desktop.ui.pages.pupils.pupils_tab import CHOOSE_SCHOOL, EMPTY_CAN_IMPORT, PupilsTab
from tests.ui.pupils.conftest import PupilsScreen, open_pupils, wait_loaded

pytestmark = pytest.mark.gui


def _names(tab: PupilsTab) -> list[str]:
    return [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]


def test_lists_the_demo_pupils_in_group_order(administration: PupilsScreen) -> None:
    tab = administration.tab
    expected = administration.enrolled()
    assert tab.model.rowCount() == len(expected) > 0
    assert tab.count_label.text() == f"{len(expected)} in totaal"
    assert _names(tab) == [row.display_name for row in expected]  # group order, then Dutch name order
    assert tab.table.isColumnHidden(6)  # "Uitgeschreven" only with deregistered pupils shown


def test_typing_finds_a_name_without_accents(qtbot: QtBot, administration: PupilsScreen) -> None:
    tab = administration.tab
    administration.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is administration.window)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "sukru")
    assert _names(tab) == ["Şükrü Yılmaz"]
    assert tab.count_label.text().startswith("1 van ")
    tab.table.selectRow(0)
    assert tab.detail_title.text() == "Şükrü Yılmaz"
    assert tab.detail_status.text() == "Ingeschreven"


def test_group_filter_shows_one_group(administration: PupilsScreen) -> None:
    tab = administration.tab
    groups = administration.service().groups(administration.school_id)
    assert tab.group_box.itemText(0) == "Alle groepen"
    assert tab.group_box.count() == len(groups) + 1
    group = groups[2]
    tab.group_box.setCurrentIndex(tab.group_box.findData(group.id))
    assert tab.group_box.currentText() == f"Groep {group.name} ({group.pupil_count})"
    assert tab.model.rowCount() == group.pupil_count > 0
    assert {tab.model.index(r, 0).data() for r in range(tab.model.rowCount())} == {group.name}
    tab.group_box.setCurrentIndex(0)
    assert tab.model.rowCount() == len(administration.enrolled())


def test_deregistering_asks_then_the_pupil_leaves_the_list(
    qtbot: QtBot, administration: PupilsScreen
) -> None:
    tab = administration.tab
    before = len(administration.enrolled())
    assert not tab.deregister_button.isEnabled()
    tab.table.selectRow(0)
    pupil = tab.selected_row()
    assert pupil is not None and tab.deregister_button.isEnabled()
    tab.deregister_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, DeregisterDialog)
    assert pupil.display_name in dialog.intro.text()
    assert "wordt uitgeschreven" in dialog.intro.text()
    assert administration.enrolled()[0].id == pupil.id  # asking writes nothing
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()
    wait_loaded(qtbot, tab)
    assert pupil.id not in {row.id for row in tab.model.all_rows}
    assert len(administration.enrolled()) == before - 1
    tab.deregistered_box.setChecked(True)
    wait_loaded(qtbot, tab)
    shown = next(row for row in tab.model.all_rows if row.id == pupil.id)
    assert shown.deregistered_on == date.today()
    assert not tab.table.isColumnHidden(6)


def test_cancelling_deregistration_changes_nothing(qtbot: QtBot, administration: PupilsScreen) -> None:
    tab = administration.tab
    before = len(administration.enrolled())
    tab.table.selectRow(1)
    tab.open_deregister()
    dialog = tab.dialog
    assert isinstance(dialog, DeregisterDialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(administration.enrolled()) == before


def test_with_all_schools_chosen_asks_to_choose_one(qtbot: QtBot, administration: PupilsScreen) -> None:
    real = administration.startup.context
    assert real is not None
    schools = [real.schools[0], SchoolInfo(real.schools[0].id + 1000, "OBS De Linde", "99ZY", 0)]
    context = AppContext(real.database, real.actor, real.location, schools=schools, idle_minutes=10)
    assert context.school_id is None
    tab = PupilsTab(context)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.stack.currentWidget() is tab.no_school
    assert tab.no_school_label.text() == CHOOSE_SCHOOL
    assert not tab.import_button.isEnabled()
    context.set_school_id(schools[0].id)
    wait_loaded(qtbot, tab)
    assert tab.stack.currentWidget() is tab.splitter
    assert tab.model.rowCount() == len(administration.enrolled())


def test_view_only_roles_see_the_list_without_import(qtbot: QtBot, make_startup, demo_location) -> None:
    screen = open_pupils(qtbot, make_startup, demo_location, "directeur", "Regenboog-directeur")
    tab = screen.tab
    assert not tab.can_import
    assert not hasattr(tab, "import_button")
    assert tab.model.rowCount() == len(screen.enrolled())


def test_page_is_listed_for_those_who_may_see_pupils(administration: PupilsScreen) -> None:
    context = administration.startup.context
    assert context is not None and context.actor.can(Permission.IMPORT_PUPILS)
    assert "leerlingen" in [spec.key for spec in pages_for(context.actor)]
    titles = [administration.area.tabs.tabText(i) for i in range(administration.area.tabs.count())]
    assert titles[0] == "Leerlingen"  # the consent tabs follow


def test_empty_school_says_how_to_begin(qtbot: QtBot, administration: PupilsScreen) -> None:
    tab = administration.tab
    tab._loaded([])  # what a school without pupils gets back from the service
    assert tab.stack.currentWidget() is tab.empty
    assert EMPTY_CAN_IMPORT in [w.text() for w in tab.empty.findChildren(QLabel)]
    button = next(b for b in tab.empty.findChildren(QPushButton) if b.text() == "Leerlingen importeren…")
    button.click()
    assert isinstance(tab.dialog, PupilImportWizard) and tab.dialog.isVisible()
    tab.dialog.reject()
