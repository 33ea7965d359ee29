"""The area "Rapporten": tabs "Jaarverslag IBP", "FG-rapportage", "Inzageverzoek" and "Registers", each
only for the roles that may make it. Ctrl+P previews the report of the tab in front."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

AREA_TITLE = "Rapporten"


class ReportsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
        actor = context.actor
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
        self.watch_tabs()
