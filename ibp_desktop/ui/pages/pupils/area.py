"""The area "Leerlingen en toestemming": a page title and tabs. Each tab is a plain QWidget that may
define ``refresh()``; the consent step adds its tabs with one ``add_tab`` line each. Each tab is built
when it is first shown (widgets/tabbed_area.py)."""

from __future__ import annotations

from functools import partial
from typing import cast

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.consent import consent_tabs
from ibp_desktop.ui.pages.pupils.pupils_tab import PupilsTab
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

AREA_TITLE = "Leerlingen en toestemming"
PUPILS = "Leerlingen"


class PupilsArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE)
        self.add_tab(partial(PupilsTab, context), PUPILS)
        for tab_title, make_tab in consent_tabs(context):  # consent: only the tabs this user may use
            self.add_tab(partial(make_tab, context), tab_title)
        self.watch_tabs()

    @property
    def pupils_tab(self) -> PupilsTab:
        return cast(PupilsTab, self.tab(PUPILS))
