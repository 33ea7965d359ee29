"""The area "Documenten": tabs "Beleidsdocumenten", "Jaarkalender", "Toegangsrechten" and "Medewerkers"
(only those the user's roles may see). The tab in front is refreshed each time the area or the tab is
shown; each tab is built when it is first shown (widgets/tabbed_area.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

if TYPE_CHECKING:
    from ibp_desktop.ui.pages.documents.access_tab import AccessTab
    from ibp_desktop.ui.pages.documents.calendar_tab import CalendarTab
    from ibp_desktop.ui.pages.documents.policy_tab import PolicyTab
    from ibp_desktop.ui.pages.documents.staff_tab import StaffTab

AREA_TITLE = "Documenten"
POLICY, CALENDAR, ACCESS, STAFF = "Beleidsdocumenten", "Jaarkalender", "Toegangsrechten", "Medewerkers"


def _policy(context: AppContext) -> PolicyTab:
    from ibp_desktop.ui.pages.documents.policy_tab import PolicyTab

    return PolicyTab(context)


def _calendar(context: AppContext) -> CalendarTab:
    from ibp_desktop.ui.pages.documents.calendar_tab import CalendarTab

    return CalendarTab(context)


def _access(context: AppContext) -> AccessTab:
    from ibp_desktop.ui.pages.documents.access_tab import AccessTab

    return AccessTab(context)


def _staff(context: AppContext) -> StaffTab:
    from ibp_desktop.ui.pages.documents.staff_tab import StaffTab

    return StaffTab(context)


class DocumentsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
        can = context.actor.can
        if can(Permission.VIEW_REPORTS):
            self.add_tab(lambda: _policy(context), POLICY)
        self.add_tab(lambda: _calendar(context), CALENDAR)
        if can(Permission.VIEW_REPORTS):
            self.add_tab(lambda: _access(context), ACCESS)
        if can(Permission.VIEW_STAFF):
            self.add_tab(lambda: _staff(context), STAFF)
        self.watch_tabs()

    # The tabs' widgets (built when asked for); None when this user has no such tab.
    @property
    def policy_tab(self) -> PolicyTab | None:
        return cast("PolicyTab | None", self.tab(POLICY))

    @property
    def calendar_tab(self) -> CalendarTab:
        return cast("CalendarTab", self.tab(CALENDAR))

    @property
    def access_tab(self) -> AccessTab | None:
        return cast("AccessTab | None", self.tab(ACCESS))

    @property
    def staff_tab(self) -> StaffTab | None:
        return cast("StaffTab | None", self.tab(STAFF))
