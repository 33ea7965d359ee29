"""Per groep: pupils x purposes for one group, who may NOT appear per purpose, printing for teachers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.consent.rules import NEVER_ASKED
from ibp_desktop.core.roles import Permission
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.consent.common import (
    NO_SCHOOL,
    consent_service,
    shortcut,
)
from ibp_desktop.ui.pages.consent.grid_model import GridModel
from ibp_desktop.ui.pages.consent.pupil_dialog import PupilConsentDialog
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.rows_model import fold

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import GroupConsentGrid
    from ibp_desktop.ui.context import AppContext

INTRO = (
    "JA = toestemming. NEE = geen toestemming, ingetrokken of ouders oneens. ? = geen antwoord of "
    "opnieuw vragen; dat telt als nee. Wijs een kop of vakje aan voor de hele tekst. Dubbelklik op een "
    "leerling (of Enter) voor de geschiedenis, een correctie of een intrekking."
)
ALL_GROUPS = "Alle groepen"
NAME_WIDTH = 190  # px; longer names elide in the grid
SIDE_MIN_WIDTH = 240  # px the "Niet fotograferen" list needs beside the grid


class GroupTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.school_id: int | None = None
        self.model = GridModel()
        self.dialog: PupilConsentDialog | None = None  # the dialog opened last (tests look at it)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(label("Groep:", wrap=False))
        self.group_box = QComboBox()
        self.group_box.setMinimumWidth(160)
        self.group_box.currentIndexChanged.connect(lambda _i: self.load_grid())
        top.addWidget(self.group_box)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek een leerling (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(self.find_pupil)
        self.search.returnPressed.connect(self.open_selected)
        top.addWidget(self.search)
        shortcut(self, QKeySequence.StandardKey.Find, self._focus_search)
        top.addStretch(1)
        can_print = context.actor.can(Permission.PRINT_CONSENT)
        self.print_button = QPushButton("Overzicht afdrukken…")
        self.print_button.setToolTip("Overzicht afdrukken (Ctrl+P)")
        self.print_button.clicked.connect(self.print_overview)
        self.save_button = QPushButton("Overzicht opslaan (PDF)…")
        self.save_button.clicked.connect(self.save_overview)
        self.forms_button = QPushButton("Formulieren afdrukken…")
        self.forms_button.clicked.connect(self.print_forms)
        for button in (self.print_button, self.save_button, self.forms_button):
            button.setVisible(can_print)
            top.addWidget(button)
        if can_print:
            shortcut(self, QKeySequence.StandardKey.Print, self.print_overview)
        outer.addLayout(top)
        self.state = label("")
        outer.addWidget(self.state)
        outer.addWidget(label(INTRO, "muted"))

        self.stack = QStackedWidget()
        self.no_school = label(NO_SCHOOL, "muted")
        self.no_school.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = label(
            "Nog geen leerlingen in deze groep. Importeer eerst de leerlingenexport in het tabblad "
            "Leerlingen.",
            "muted",
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._make_table())
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(8, 0, 0, 0)
        side_box.addWidget(label("Niet fotograferen of publiceren", "sectionTitle"))
        self.not_allowed = QTreeWidget()
        self.not_allowed.setHeaderHidden(True)
        # Long names wrap instead of scrolling sideways (the pane is narrow on a laptop).
        self.not_allowed.setWordWrap(True)
        self.not_allowed.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.not_allowed.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.not_allowed.itemDoubleClicked.connect(self._open_from_list)
        side_box.addWidget(self.not_allowed, 1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([850, 280])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        for widget in (self.no_school, self.empty, splitter):
            self.stack.addWidget(widget)
        outer.addWidget(self.stack, 1)
        self._refreshed = False
        context.school_changed.connect(lambda _sid: self.refresh())

    def showEvent(self, event: QShowEvent) -> None:
        """Load on the first show; the area calls ``refresh()`` on every later show."""
        super().showEvent(event)
        if not self._refreshed:
            self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setDefaultSectionSize(96)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.doubleClicked.connect(lambda _index: self.open_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_selected)
        self.table = table
        return table

    # Loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._refreshed = True
        school_id = self.context.school_id
        if school_id is None:
            self.school_id = None
            self.stack.setCurrentWidget(self.no_school)
            return
        if school_id != self.school_id:
            self.school_id = school_id
            service = consent_service(self.context)
            ops.query(self, lambda: service.groups(school_id),
                      lambda groups: self._groups_loaded(school_id, groups), group=ops.EVERY,
                      on_refused=lambda e: self.state.setText(message_of(e)), what="consent groups")
        else:
            self.load_grid()

    def _groups_loaded(self, school_id: int, groups: list[Any]) -> None:
        if school_id != self.school_id:
            return
        self.group_box.blockSignals(True)
        self.group_box.clear()
        for group in groups:
            self.group_box.addItem(f"groep {group.name}", group.id)
        self.group_box.addItem(ALL_GROUPS, None)
        self.group_box.setCurrentIndex(0)
        self.group_box.blockSignals(False)
        self.load_grid()

    def group_id(self) -> int | None:
        value = self.group_box.currentData()
        return None if value is None else int(value)

    def load_grid(self) -> None:
        school_id = self.school_id
        if school_id is None or self.group_box.count() == 0:
            return
        group_id = self.group_id()
        service = consent_service(self.context)
        self.state.setText("Laden…")
        ops.query(self, lambda: service.group_grid(school_id, group_id),
                  lambda grid: self._grid_loaded(school_id, group_id, grid), group=ops.EVERY,
                  on_refused=lambda e: self.state.setText(message_of(e)), what="consent grid")

    def _grid_loaded(self, school_id: int, group_id: int | None, grid: GroupConsentGrid) -> None:
        if (school_id, group_id) != (self.school_id, self.group_id()):
            return
        keep = self.selected_pupil_id()
        self.model.set_grid(grid)
        self._size_columns()
        fully = sum(1 for row in grid.rows if row.all_allowed)
        self.state.setText(
            f"{len(grid.rows)} leerlingen · {fully} met toestemming voor alles · schooljaar "
            f"{grid.school_year} · formulier versie {grid.form.number}"
        )
        self.not_allowed.clear()
        for entry in grid.not_allowed:
            count = len(entry.pupils)
            if entry.never_asked:  # said once, not the whole group by name
                top = QTreeWidgetItem([f"{entry.label} – {NEVER_ASKED}"])
                self.not_allowed.addTopLevelItem(top)
                continue
            top = QTreeWidgetItem([f"{entry.label} – {count} leerling{'en' if count != 1 else ''}"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for pupil in entry.pupils:
                child = QTreeWidgetItem([f"{pupil.name} ({pupil.reason.lower()})"])
                child.setData(0, Qt.ItemDataRole.UserRole, pupil.pupil_id)
                top.addChild(child)
            self.not_allowed.addTopLevelItem(top)
        self.not_allowed.expandAll()
        self.stack.setCurrentWidget(self.splitter if grid.rows else self.empty)
        if keep is not None:
            for index, row in enumerate(grid.rows):
                if row.pupil.id == keep:
                    self.table.selectRow(index)

    def _size_columns(self) -> None:
        """Each purpose column as wide as its short header or its widest mark, the header as tall;
        the names column elides beyond NAME_WIDTH (the tooltip and the dialog have the full name)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), NAME_WIDTH))
        lines = 1
        for column in range(1, self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            parts = text.split("\n")
            lines = max(lines, len(parts))
            widest = max(metrics.horizontalAdvance(part) for part in (*parts, "NEE"))
            self.table.setColumnWidth(column, widest + 14)
        header.setFixedHeight(lines * metrics.lineSpacing() + 10)
        self._place_list()

    def grid_width(self) -> int:
        """What the table needs to show every column without a sideways scrollbar."""
        header = self.table.horizontalHeader()
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        return header.length() + scrollbar + 2 * self.table.frameWidth()

    def _place_list(self) -> None:
        """The "Niet fotograferen" list beside the grid when both fit, else below it."""
        beside = self.splitter.width() >= self.grid_width() + SIDE_MIN_WIDTH
        wanted = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        if beside:
            self.splitter.setSizes([self.grid_width(), max(self.splitter.width() - self.grid_width(), 1)])
        else:
            height = self.splitter.height()
            self.splitter.setSizes([height * 2 // 3, height - height * 2 // 3])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.model.columnCount():
            self._place_list()

    # Finding a pupil ----------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_pupil(self, text: str) -> None:
        """Select the first pupil whose name contains the text (accents ignored); Enter opens it."""
        needle = fold(text.strip())
        if not needle:
            return
        for index in range(self.model.rowCount()):
            row = self.model.row_at(index)
            if row is not None and needle in fold(row.pupil.name):
                self.table.selectRow(index)
                self.table.scrollTo(self.model.index(index, 0))
                return

    # Pupil dialog -------------------------------------------------------------------------------

    def selected_pupil_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.pupil.id if row is not None else None

    def open_selected(self) -> None:
        pupil_id = self.selected_pupil_id()
        if pupil_id is not None:
            self.open_pupil(pupil_id)

    def _open_from_list(self, item: QTreeWidgetItem) -> None:
        pupil_id = item.data(0, Qt.ItemDataRole.UserRole)
        if pupil_id is not None:
            self.open_pupil(int(pupil_id))

    def open_pupil(self, pupil_id: int) -> None:
        if self.school_id is None:
            return
        dialog = PupilConsentDialog(self.context, self.school_id, pupil_id, self)
        dialog.changed.connect(lambda _pid: self.load_grid())
        self.dialog = dialog
        dialog.exec()

    # Printing -----------------------------------------------------------------------------------

    def _title(self) -> str:
        return "Toestemming beeldmateriaal – " + self.group_box.currentText()

    def _documents(self, make: Callable[[], bytes], title: str, file_name: str | None = None) -> None:
        """One document at a time for the tab: its three buttons wait meanwhile (ui/ops.py)."""
        if self.school_id is None:
            return
        ops.document(self, make, title=title, file_name=file_name, group=self.print_button,
                     wait=[self.print_button, self.save_button, self.forms_button])

    def print_overview(self) -> None:
        service, school_id, group_id = consent_service(self.context), self.school_id, self.group_id()
        if school_id is not None:
            self._documents(lambda: service.overview_pdf(school_id, group_id), self._title())

    def save_overview(self) -> None:
        service, school_id, group_id = consent_service(self.context), self.school_id, self.group_id()
        name = self.group_box.currentText().replace(" ", "-").lower()
        if school_id is not None:
            self._documents(lambda: service.overview_pdf(school_id, group_id), self._title(),
                            f"toestemming-{name}.pdf")

    def print_forms(self) -> None:
        service, school_id, group_id = consent_service(self.context), self.school_id, self.group_id()
        title = "Toestemmingsformulieren – " + self.group_box.currentText()
        if school_id is not None:
            self._documents(lambda: service.forms_pdf(school_id, group_id), title)
