"""An area of the main window with a title, an optional one-line explanation and tabs. The tab in
front is refreshed each time the area or the tab is shown (the main window calls ``refresh``)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label


class TabbedArea(QWidget):
    def __init__(self, context: AppContext, title: str, intro: str = "", *, place_tabs: bool = True) -> None:
        super().__init__()
        self.context = context
        self.area_layout = QVBoxLayout(self)
        self.area_layout.setContentsMargins(0, 18, 0, 0)
        self.area_layout.setSpacing(8)
        heading = label(title, "pageTitle")
        heading.setContentsMargins(28, 0, 28, 0)
        self.area_layout.addWidget(heading)
        if intro:
            explanation = label(intro, "muted")
            explanation.setContentsMargins(28, 0, 28, 4)
            self.area_layout.addWidget(explanation)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(title)
        if place_tabs:  # an area that wraps the tabs (e.g. in a stack) places them itself
            self.area_layout.addWidget(self.tabs, 1)

    def watch_tabs(self) -> None:
        """Call at the end of the subclass's __init__: from then on a tab is refreshed when chosen
        (not while the tabs are being added, which would load the first tab twice)."""
        self.tabs.currentChanged.connect(lambda _index: self.refresh())

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def show_tab(self, title: str) -> bool:
        """Bring the tab with this title to the front; False when there is none."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def refresh(self) -> None:
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()
