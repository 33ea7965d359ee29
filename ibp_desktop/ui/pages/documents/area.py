"""The area "Documenten": tabs "Beleidsdocumenten", "Jaarkalender" and "Toegangsrechten" (only those the
user's roles may see). The tab in front is refreshed each time the area or the tab is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label

AREA_TITLE = "Documenten"


class DocumentsArea(QWidget):
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
        if context.actor.can(Permission.VIEW_REPORTS):
            from ibp_desktop.ui.pages.documents.policy_tab import PolicyTab

            self.policy_tab: QWidget | None = PolicyTab(context)
            self.tabs.addTab(self.policy_tab, "Beleidsdocumenten")
        from ibp_desktop.ui.pages.documents.calendar_tab import CalendarTab

        self.calendar_tab = CalendarTab(context)
        self.tabs.addTab(self.calendar_tab, "Jaarkalender")
        if context.actor.can(Permission.VIEW_REPORTS):
            from ibp_desktop.ui.pages.documents.access_tab import AccessTab

            self.access_tab: QWidget | None = AccessTab(context)
            self.tabs.addTab(self.access_tab, "Toegangsrechten")
        self.tabs.currentChanged.connect(lambda _index: self.refresh())

    def show_tab(self, title: str) -> bool:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def refresh(self) -> None:
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()
