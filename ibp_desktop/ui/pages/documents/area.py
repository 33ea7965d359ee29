"""The area "Documenten": tabs "Beleidsdocumenten", "Jaarkalender", "Toegangsrechten" and "Medewerkers"
(only those the user's roles may see). The tab in front is refreshed each time the area or the tab is
shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

AREA_TITLE = "Documenten"


class DocumentsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
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
        if context.actor.can(Permission.VIEW_STAFF):
            from ibp_desktop.ui.pages.documents.staff_tab import StaffTab

            self.staff_tab: QWidget | None = StaffTab(context)
            self.tabs.addTab(self.staff_tab, "Medewerkers")
        self.watch_tabs()
