"""The area "Leerlingen en toestemming": a page title and tabs. Each tab is a plain QWidget that may
define ``refresh()``; the consent step adds its tabs with one ``add_tab`` line each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.consent import consent_tabs
from ibp_desktop.ui.pages.pupils.pupils_tab import PupilsTab
from ibp_desktop.ui.theme import label

AREA_TITLE = "Leerlingen en toestemming"


class PupilsArea(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(8)
        title = label(AREA_TITLE, "pageTitle")
        title.setContentsMargins(28, 0, 28, 0)
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(AREA_TITLE)
        layout.addWidget(self.tabs, 1)
        self.pupils_tab = PupilsTab(context)
        self.add_tab(self.pupils_tab, "Leerlingen")
        for tab_title, make_tab in consent_tabs(context):  # consent: only the tabs this user may use
            self.add_tab(make_tab(context), tab_title)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. "Formulieren invoeren"); it is refreshed each time it is shown."""
        return self.tabs.addTab(widget, title)

    def show_tab(self, title: str) -> bool:
        """Bring the tab with this title to the front; False when there is none."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def refresh(self) -> None:
        """Called by the main window when the area is shown: refresh the tab in front."""
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()
