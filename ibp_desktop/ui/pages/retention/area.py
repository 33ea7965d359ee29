"""The area "Bewaartermijnen": a title and three tabs (what is due, clean-up runs, the schedule).

Retention works per school: a board user who chose "Alle scholen" is asked to choose one."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QStackedWidget

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.retention.common import current_school
from ibp_desktop.ui.pages.retention.due_tab import DueTab
from ibp_desktop.ui.pages.retention.runs_tab import RunsTab
from ibp_desktop.ui.pages.retention.schedule_tab import ScheduleTab
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.tabbed_area import TabbedArea

AREA_TITLE = "Bewaartermijnen"
INTRO = (
    "Gegevens mogen niet langer bewaard worden dan nodig. Hier ziet u wat weg moet, stelt de "
    "administratie een opruimronde voor, keurt de directeur die goed en legt u vast wat er is vernietigd."
)
DUE, RUNS, SCHEDULE = "Wat moet weg", "Opruimrondes", "Bewaarschema"


class RetentionArea(TabbedArea):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context, AREA_TITLE, INTRO, place_tabs=False)
        # Each tab is built when it is first shown (widgets/tabbed_area.py).
        self.add_tab(lambda: DueTab(context, show_run=self.show_run), DUE)
        self.add_tab(lambda: RunsTab(context, show_due=self.show_due), RUNS)
        self.add_tab(lambda: ScheduleTab(context), SCHEDULE)
        self.no_school = label(
            "Kies bovenaan een school. Bewaartermijnen en opruimrondes gelden per school.", "muted"
        )
        self.no_school.setContentsMargins(28, 12, 28, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.no_school)
        self.area_layout.addWidget(self.stack, 1)
        self.watch_tabs()
        context.school_changed.connect(lambda _school: self.refresh())

    @property
    def due_tab(self) -> DueTab:
        return cast(DueTab, self.tab(DUE))

    @property
    def runs_tab(self) -> RunsTab:
        return cast(RunsTab, self.tab(RUNS))

    @property
    def schedule_tab(self) -> ScheduleTab:
        return cast(ScheduleTab, self.tab(SCHEDULE))

    def show_due(self) -> None:
        self.show_tab(DUE)

    def show_run(self, run_id: int) -> None:
        """After a proposal: show the runs with the new one chosen."""
        self.runs_tab.select_after_load(run_id)
        if self.tabs.currentWidget() is self.runs_tab:
            self.runs_tab.refresh()
        else:
            self.tabs.setCurrentWidget(self.runs_tab)  # refreshes it

    def refresh(self) -> None:
        """Called by the main window when the area is shown: refresh the tab in front."""
        if current_school(self.context) is None:
            self.stack.setCurrentWidget(self.no_school)
            return
        self.stack.setCurrentWidget(self.tabs)
        super().refresh()
