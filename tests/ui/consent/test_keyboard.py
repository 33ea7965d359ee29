"""Keyboard first (issue 16): Ctrl+F and Ctrl+P on Per groep work with the focus anywhere in the window,
also on the tab bar; only the tab in front answers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.background import wait_for_all
from ibp_desktop.ui.pages.consent.campaign_tab import CampaignTab
from ibp_desktop.ui.pages.consent.group_tab import GroupTab
from tests.ui.consent.conftest import ConsentSession


def test_find_and_print_on_per_groep_from_the_tab_bar(
    qtbot: QtBot, consent_session: Callable[[str], ConsentSession], monkeypatch
) -> None:
    session = consent_session("administratie")
    printed: list[str] = []
    monkeypatch.setattr(GroupTab, "print_overview", lambda self: printed.append("overzicht"))
    monkeypatch.setattr(CampaignTab, "print_reminders", lambda self: printed.append("herinneringen"))
    tabs = QTabWidget()
    group_tab = GroupTab(session.context)
    tabs.addTab(group_tab, "Per groep")
    tabs.addTab(CampaignTab(session.context), "Campagne")
    qtbot.addWidget(tabs)
    tabs.show()
    tabs.activateWindow()
    qtbot.waitUntil(lambda: group_tab.model.rowCount() > 0, timeout=10_000)
    tabs.tabBar().setFocus()
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["overzicht"]  # not the hidden campaign tab's reminders too

    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert group_tab.search.hasFocus()
    grid = group_tab.model.grid
    assert grid is not None
    wanted = grid.rows[-1].pupil.name
    group_tab.search.setText(wanted.split()[0])  # (QTest cannot type every letter of every name)
    assert group_tab.selected_pupil_id() is not None
    chosen = next(r for r in grid.rows if r.pupil.id == group_tab.selected_pupil_id())
    assert wanted.split()[0].lower() in chosen.pupil.name.lower()

    tabs.setCurrentIndex(1)
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["overzicht", "herinneringen"]
    wait_for_all()  # let the campaign tab's load arrive before the widgets go
    qtbot.wait(50)
