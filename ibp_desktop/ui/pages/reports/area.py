"""The area "Rapporten": tabs "Jaarverslag IBP", "FG-rapportage", "Inzageverzoek" and "Registers", each
only for the roles that may make it. Ctrl+P previews the report of the tab in front. Each tab is built
when it is first shown (widgets/tabbed_area.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

if TYPE_CHECKING:
    from ibp_desktop.ui.pages.reports.access_tab import AccessTab
    from ibp_desktop.ui.pages.reports.annual_tab import AnnualTab
    from ibp_desktop.ui.pages.reports.fg_tab import FgTab
    from ibp_desktop.ui.pages.reports.registers_tab import RegistersTab

AREA_TITLE = "Rapporten"
ANNUAL, FG, REGISTERS = "Jaarverslag IBP", "FG-rapportage", "Registers"
ACCESS = "Inzageverzoek (alles over één leerling)"


def _annual(context: AppContext) -> AnnualTab:
    from ibp_desktop.ui.pages.reports.annual_tab import AnnualTab

    return AnnualTab(context)


def _fg(context: AppContext) -> FgTab:
    from ibp_desktop.ui.pages.reports.fg_tab import FgTab

    return FgTab(context)


def _access(context: AppContext) -> AccessTab:
    from ibp_desktop.ui.pages.reports.access_tab import AccessTab

    return AccessTab(context)


def _registers(context: AppContext) -> RegistersTab:
    from ibp_desktop.ui.pages.reports.registers_tab import RegistersTab

    return RegistersTab(context)


class ReportsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
        can = context.actor.can
        incidents, requests = Permission.VIEW_INCIDENTS, Permission.VIEW_REQUESTS
        if can(Permission.VIEW_REPORTS):
            self.add_tab(lambda: _annual(context), ANNUAL)
        if all(can(p) for p in (Permission.VIEW_REPORTS, incidents, requests)):
            self.add_tab(lambda: _fg(context), FG)
        if can(Permission.MANAGE_REQUESTS):
            self.add_tab(lambda: _access(context), ACCESS)
        if any(can(p) for p in (incidents, requests, Permission.VIEW_PROCESSORS)):
            self.add_tab(lambda: _registers(context), REGISTERS)
        self.watch_tabs()

    # The tabs' widgets (built when asked for); None when this user has no such tab.
    @property
    def annual_tab(self) -> AnnualTab | None:
        return cast("AnnualTab | None", self.tab(ANNUAL))

    @property
    def fg_tab(self) -> FgTab | None:
        return cast("FgTab | None", self.tab(FG))

    @property
    def access_tab(self) -> AccessTab | None:
        return cast("AccessTab | None", self.tab(ACCESS))

    @property
    def registers_tab(self) -> RegistersTab | None:
        return cast("RegistersTab | None", self.tab(REGISTERS))
