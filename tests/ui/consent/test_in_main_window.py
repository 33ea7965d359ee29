"""The consent tabs inside "Leerlingen en toestemming" in the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.consent.fast_entry import FastEntryTab
from ibp_desktop.ui.pages.consent.group_tab import GroupTab
from ibp_desktop.ui.pages.pupils.area import PupilsArea
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


def test_administration_enters_a_form_from_the_area(qtbot: QtBot, make_startup, demo_location) -> None:
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "administratie", "Regenboog-administratie")
    assert window.open_page("leerlingen")
    area = window.page("leerlingen")
    assert isinstance(area, PupilsArea)
    titles = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    # no "Doelen en formulier"
    assert titles[1:] == ["Formulieren invoeren", "Scans inlezen", "Per groep", "Campagne"]
    assert area.show_tab("Formulieren invoeren")
    tab = area.tabs.currentWidget()
    assert isinstance(tab, FastEntryTab)
    window.activateWindow()
    qtbot.waitUntil(lambda: tab.index is not None and tab.search.hasFocus(), timeout=10_000)
    qtbot.keyClicks(tab.search, "sukru")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.editor.given_by.text() != "", timeout=10_000)
    for toggle in tab.editor.toggles:
        qtbot.keyClick(toggle, Qt.Key.Key_J)
    qtbot.keyClick(tab.editor.given_by, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.saved_count == 1, timeout=10_000)
    assert tab.confirmation.text().startswith("Opgeslagen: Şükrü Yılmaz")

    assert area.show_tab("Per groep")
    groups = area.tabs.currentWidget()
    assert isinstance(groups, GroupTab)
    qtbot.waitUntil(lambda: groups.model.grid is not None, timeout=10_000)
