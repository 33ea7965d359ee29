"""The area "Rapporten": tabs "Jaarverslag IBP", "FG-rapportage", "Inzageverzoek" and "Registers", each
only for the roles that may make it. Ctrl+P previews the report of the tab in front."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label

AREA_TITLE = "Rapporten"


class ReportsArea(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        actor = context.actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(8)
        title = label(AREA_TITLE, "pageTitle")
        title.setContentsMargins(28, 0, 28, 0)
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(AREA_TITLE)
        # Room for descenders: Fusion shifts the tabs in the background down and cut off "g" and "p".
        self.tabs.setStyleSheet("QTabBar::tab { padding: 6px 14px 8px 14px; }")
        layout.addWidget(self.tabs, 1)
        self.annual_tab: QWidget | None = None
        self.fg_tab: QWidget | None = None
        self.access_tab: QWidget | None = None
        self.registers_tab: QWidget | None = None
        if actor.can(Permission.VIEW_REPORTS):
            from ibp_desktop.ui.pages.reports.annual_tab import AnnualTab

            self.annual_tab = AnnualTab(context)
            self.tabs.addTab(self.annual_tab, "Jaarverslag IBP")
        if all(actor.can(p) for p in (Permission.VIEW_REPORTS, Permission.VIEW_INCIDENTS,
                                      Permission.VIEW_REQUESTS)):
            from ibp_desktop.ui.pages.reports.fg_tab import FgTab

            self.fg_tab = FgTab(context)
            self.tabs.addTab(self.fg_tab, "FG-rapportage")
        if actor.can(Permission.MANAGE_REQUESTS):
            from ibp_desktop.ui.pages.reports.access_tab import AccessTab

            self.access_tab = AccessTab(context)
            self.tabs.addTab(self.access_tab, "Inzageverzoek (alles over één leerling)")
        if any(actor.can(p) for p in (Permission.VIEW_INCIDENTS, Permission.VIEW_REQUESTS,
                                      Permission.VIEW_PROCESSORS)):
            from ibp_desktop.ui.pages.reports.registers_tab import RegistersTab

            self.registers_tab = RegistersTab(context)
            self.tabs.addTab(self.registers_tab, "Registers")
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
