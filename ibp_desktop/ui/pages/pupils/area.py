"""The area "Leerlingen en toestemming": a page title and tabs. Each tab is a plain QWidget that may
define ``refresh()``; the consent step adds its tabs with one ``add_tab`` line each."""

from __future__ import annotations

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.consent import consent_tabs
from ibp_desktop.ui.pages.pupils.pupils_tab import PupilsTab
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

AREA_TITLE = "Leerlingen en toestemming"


class PupilsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
        self.pupils_tab = PupilsTab(context)
        self.add_tab(self.pupils_tab, "Leerlingen")
        for tab_title, make_tab in consent_tabs(context):  # consent: only the tabs this user may use
            self.add_tab(make_tab(context), tab_title)
        self.watch_tabs()

