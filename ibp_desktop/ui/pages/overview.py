"""Overzicht: the school year, real figures per school, and what needs the user today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.texts import number
from ibp_desktop.ui.theme import SEVERITY, Badge, Panel, label

if TYPE_CHECKING:
    from ibp_desktop.services.dashboard.overview import AttentionItem, Dashboard, SchoolFigures

FIRST_STEP = ("Eerste stap: nog geen leerlingen. Importeer de leerlingenexport uit uw leerlingadministratie "
              "(ParnasSys, ESIS of Magister) bij Leerlingen en toestemming.")
NOTHING_TO_DO = "Er ligt niets voor u klaar. Alles wat aandacht vraagt, verschijnt hier vanzelf."

# The attention rows the screen can show are built at once; the rest, below the fold, a moment later in
# an event slice of their own, so the window is frozen for a shorter time (issue 17): 25 rows took about
# 1.5 ms each on the GUI thread (widgets, polish, layout). Estimates for the first screenful:
ROW_HEIGHT = 34  # px of a one-line row with its spacing (a two-line row is taller)
CARD_HEIGHT = 54  # px of a school's card with its spacing
PAGE_TOP = 146  # px of the window besides the list: top bar, title, section title, status bar
MIN_FIRST_ROWS = 4
REST_AFTER_MS = 150  # the top of the page is painted by then; nobody scrolls that fast


def _clear(layout: QVBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _figure(value: int, caption: str) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)  # number and caption on one line: the attention list needs the height
    line.setContentsMargins(0, 0, 28, 0)
    line.setSpacing(6)
    big = label(number(value), "bigNumber", wrap=False)
    line.addWidget(big, 0, Qt.AlignmentFlag.AlignVCenter)
    line.addWidget(label(caption, "muted", wrap=False), 0, Qt.AlignmentFlag.AlignVCenter)
    box.setAccessibleName(f"{caption}: {number(value)}")
    return box


class SchoolCard(Panel):
    def __init__(self, figures: SchoolFigures) -> None:
        super().__init__("card")
        self.figures = figures
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        row = QHBoxLayout()
        name = label(f"<b>{figures.school_name}</b>", wrap=False)
        row.addWidget(name, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addSpacing(24)
        row.addWidget(_figure(figures.pupils_enrolled, "leerlingen ingeschreven"))
        row.addWidget(_figure(figures.groups, "groepen"))
        row.addWidget(_figure(figures.deregistered_this_year, "uitgeschreven dit schooljaar"))
        row.addStretch(1)
        layout.addLayout(row)


class AttentionRow(Panel):
    """One item: a coloured badge with a word, the text, and "Openen" when its page exists."""

    activated = Signal(str)

    def __init__(self, item: AttentionItem, can_open: bool) -> None:
        super().__init__("attentionRow")
        self.item = item
        self.can_open = can_open
        severity = item.severity if item.severity in SEVERITY else "info"
        word = SEVERITY[severity][0]
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 3, 8, 3)  # compact: the most urgent items fit on a 768 px screen
        badge = Badge(word)
        badge.set_severity(severity)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setMinimumWidth(80)
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.text = label(item.text)
        row.addWidget(self.text, 1)
        self.open_button: QPushButton | None = None
        if can_open:
            self.open_button = QPushButton("Openen")
            self.open_button.clicked.connect(self.open)
            row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def open(self) -> None:
        if self.can_open:
            self.activated.emit(self.item.area)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.open()
        super().mouseReleaseEvent(event)


# The areas of ui/ops.py's data_changed -> the Overzicht's keys (the pages its items open).
OVERVIEW_AREAS = {
    "consent": "leerlingen", "pupils": "leerlingen", "retention": "bewaartermijnen",
    "incidents": "incidenten", "requests": "verzoeken", "processors": "verwerkers", "actions": "acties",
    "policy": "documenten", "access": "documenten", "users": "beheer", "settings": "beheer",
    "backup": "beheer",
}


class OverviewPage(QScrollArea):
    loaded = Signal()  # new figures are on screen

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.dashboard: Dashboard | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 14, 28, 14)
        layout.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(label("Overzicht", "pageTitle", wrap=False))
        heading.addSpacing(16)
        self.year_label = label("", "muted", wrap=False)
        heading.addWidget(self.year_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        layout.addLayout(heading)
        self.error_label = label("", "error")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.figures = QVBoxLayout()
        self.figures.setSpacing(6)
        layout.addLayout(self.figures)
        layout.addWidget(label("Wat vraagt vandaag uw aandacht?", "sectionTitle"))
        self.attention = QVBoxLayout()
        self.attention.setSpacing(4)
        layout.addLayout(self.attention)
        layout.addStretch(1)
        self.setWidget(content)
        self.attention_rows: list[AttentionRow] = []
        self._pending: list[AttentionItem] = []  # rows below the fold, built a moment later
        # One timer for them: a newer dashboard restarts or stops it, so old rows never come late.
        self.rest_timer = QTimer(self)
        self.rest_timer.setSingleShot(True)
        self.rest_timer.setInterval(REST_AFTER_MS)
        self.rest_timer.timeout.connect(self._add_rest)
        context.school_changed.connect(lambda _id: self.refresh_all())
        from ibp_desktop.ui import ops

        # Areas changed since the figures were made (Overzicht keys; ops.ANY: everything again).
        self._stale: set[str] = set()
        ops.changes().data_changed.connect(self._changed)

    def _changed(self, area: str) -> None:
        from ibp_desktop.ui import ops

        self._stale.add(OVERVIEW_AREAS.get(area, ops.ANY))
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """On every visit and after a change: compute again only the areas that changed, plus the
        breaches (their 72-hour clock runs on); the first time, or after a change the Overzicht cannot
        place, everything. The work runs off the GUI thread."""
        from ibp_desktop.ui import ops

        if self.dashboard is None or ops.ANY in self._stale:
            self.refresh_all()
            return
        areas = sorted(self._stale | {"incidenten"})
        self._stale.clear()
        self._refresh_areas(areas)

    def refresh_all(self) -> None:
        """Load all figures: for a board with many schools this takes a moment."""
        from ibp_desktop.services.dashboard.overview import DashboardService
        from ibp_desktop.ui import ops

        self._stale.clear()
        prepared = self.context.take_prepared_dashboard()  # read with the login: no second wait
        if prepared is not None:
            self._loaded(prepared)
            return
        service = DashboardService(self.context.database, self.context.actor)
        today, now = self.context.today(), self.context.now()  # the day and moment the pages show
        # again: something changed while loading, so load once more afterwards
        ops.query(self, lambda: service.overview(today, now), self._loaded, on_refused=self._failed,
                  what="overview", again=True)

    def refresh_area(self, area: str) -> None:
        """After a change in one area (an Overzicht key such as "incidenten"): compute only that area
        again and reuse the rest."""
        self._stale.add(area)
        self.refresh()

    def _refresh_areas(self, areas: list[str]) -> None:
        from ibp_desktop.services.dashboard.overview import DashboardService
        from ibp_desktop.ui import ops

        shown = self.dashboard
        assert shown is not None
        service = DashboardService(self.context.database, self.context.actor)
        today, now = self.context.today(), self.context.now()

        def work() -> Dashboard:
            dashboard = shown
            for area in areas:
                dashboard = service.refresh(dashboard, area, today, now)
            return dashboard

        ops.query(self, work, self._loaded, on_refused=self._failed, what="overview areas", again=True)

    def _loaded(self, dashboard: Dashboard) -> None:
        self.error_label.hide()
        self.show_dashboard(dashboard)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.error_label.setText(message_of(error))
        self.error_label.show()

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        today = self.context.today()
        self.year_label.setText(f"Schooljaar {dashboard.school_year} · vandaag {today:%d-%m-%Y}")
        _clear(self.figures)
        chosen = self.context.school_id
        for figures in dashboard.schools:
            if chosen is None or figures.school_id == chosen:
                self.figures.addWidget(SchoolCard(figures))
        if dashboard.active_accounts is not None:
            card = Panel("card")
            row = QHBoxLayout(card)
            row.setContentsMargins(14, 6, 14, 6)
            row.addWidget(_figure(dashboard.active_accounts, "actieve accounts"))
            row.addStretch(1)
            self.figures.addWidget(card)
        self._show_attention(dashboard.attention, first_step=self._first_step(dashboard))

    def _first_step(self, dashboard: Dashboard) -> AttentionItem | None:
        """A new school without pupils: point to the import (UI.md: an empty page says how to begin)."""
        from ibp_desktop.core.roles import Permission
        from ibp_desktop.services.dashboard.attention import AttentionItem

        if dashboard.pupils_enrolled or not dashboard.schools:
            return None
        if not self.context.actor.can(Permission.IMPORT_PUPILS):
            return None
        return AttentionItem(FIRST_STEP, "leerlingen", "info")

    def _show_attention(self, items: list[AttentionItem], first_step: AttentionItem | None = None) -> None:
        _clear(self.attention)
        self.attention_rows = []
        self._pending = []
        self.rest_timer.stop()  # rows still waiting for a previous dashboard are not built any more
        if first_step is not None:
            items = [first_step, *items]
        if not items:
            self.attention.addWidget(label(NOTHING_TO_DO, "muted"))
            return
        first = self._rows_on_screen()
        self._add_rows(items[:first])
        if len(items) > first:
            self._pending = items[first:]
            self.rest_timer.start()

    def rows_pending(self) -> bool:
        """Attention rows below the fold that are still to be built (a moment after the first ones)."""
        return bool(self._pending)

    def _rows_on_screen(self) -> int:
        """How many rows the window can show at most, under the school cards. The main window has its
        size before it builds its first page (at login the page itself has not been laid out yet)."""
        height = self.window().height()
        screen = self.screen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height())
        free = height - PAGE_TOP - CARD_HEIGHT * self.figures.count()
        return max(MIN_FIRST_ROWS, free // ROW_HEIGHT + 1)

    def _add_rest(self) -> None:
        pending, self._pending = self._pending, []
        self._add_rows(pending)

    def _add_rows(self, items: list[AttentionItem]) -> None:
        for item in items:
            row = AttentionRow(item, self.context.has_page(item.area))
            row.activated.connect(self.context.open_page)
            self.attention.addWidget(row)
            self.attention_rows.append(row)
