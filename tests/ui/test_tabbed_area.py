"""Tabs are built when first shown (issue 17): the tab bar is complete at once, a tab's widget is made
the first time it comes to the front (or is asked for), and refreshed once when it does."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.widgets.tabbed_area import TabbedArea


class Tab(QWidget):
    def __init__(self, name: str, built: list[str]) -> None:
        super().__init__()
        self.name, self.refreshed = name, 0
        built.append(name)

    def refresh(self) -> None:
        self.refreshed += 1


def make_area(built: list[str]) -> TabbedArea:
    area = TabbedArea(cast(Any, None), "Proef")
    for name in ("&Eerste", "Tweede", "Derde"):
        area.add_tab(lambda name=name: Tab(name.replace("&", ""), built), name)
    area.watch_tabs()
    return area


def test_only_the_tab_in_front_is_built_and_refreshed(qtbot: QtBot) -> None:
    built: list[str] = []
    area = make_area(built)
    qtbot.addWidget(area)
    assert built == [] and [area.tabs.tabText(i) for i in range(3)] == ["&Eerste", "Tweede", "Derde"]
    area.refresh()  # the main window shows the area
    area.show()
    assert built == ["Eerste"]
    first = area.tabs.currentWidget()
    assert isinstance(first, Tab) and first.name == "Eerste" and first.refreshed == 1 and first.isVisible()
    area.tabs.setCurrentIndex(2)
    third = area.tabs.currentWidget()
    assert built == ["Eerste", "Derde"] and isinstance(third, Tab) and third.refreshed == 1
    assert third.isVisible() and not first.isVisible()


def test_a_tab_asked_for_is_built_and_found_again(qtbot: QtBot) -> None:
    built: list[str] = []
    area = make_area(built)
    qtbot.addWidget(area)
    second = area.tab("Tweede")  # e.g. a test, or "documenten#Medewerkers", reaching into a tab
    assert built == ["Tweede"] and isinstance(second, Tab) and second.refreshed == 0
    assert area.tab("Tweede") is second and area.tabs.widget(1) is second and area.tab("Vierde") is None
    assert area.tabs.indexOf(second) == 1
    area.tabs.setCurrentWidget(second)
    assert area.tabs.currentIndex() == 1 and second.refreshed == 1 and built == ["Tweede"]
    assert area.show_tab("Eerste") and built == ["Tweede", "Eerste"] and not area.show_tab("Vierde")
