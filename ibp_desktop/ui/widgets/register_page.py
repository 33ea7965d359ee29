"""The one shape of every register page (UI.md): a search field that filters as you type, a few
filters, a sortable table, a detail pane, and buttons for New, Export and Print. Learn one page, know
them all. A page subclasses RegisterPage, gives its columns and a loader, and fills the detail pane.

Loading runs through ui/ops.py (off the GUI thread); the table model is fed rows. What the register
pages do alike lives here once: column widths from text samples, the year filter, the buttons above
the detail pane, loading the chosen row's full record, opening a record dialog and a refused change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError, StaleEditError
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import Saved, show_failure, show_info
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.columns import FitColumns
from ibp_desktop.ui.widgets.record_dialog import STALE_TITLE
from ibp_desktop.ui.widgets.rows_model import Column, Row, RowsModel

BESIDE_SHARE = 0.6  # the pane goes beside the table when the table keeps this share of its columns' width
SAMPLE_PADDING = 18  # room for the cell's margins and the sort arrow next to a column's sample text
T = TypeVar("T")


class RegisterPage(QWidget, Generic[Row]):
    """Subclasses call ``super().__init__`` then ``add_filter`` / ``add_action`` and ``reload()``."""

    def __init__(
        self,
        title: str,
        intro: str,
        columns: Sequence[Column[Row]],
        *,
        search_hint: str,
        empty_text: str,
        search_text: Callable[[Row], str] | None = None,
        stretch_column: int | None = None,
    ) -> None:
        super().__init__()
        self._columns_fitted = False
        self._pane_beside: bool | None = None  # None: not decided yet (the page may still turn it)
        self.model: RowsModel[Row] = RowsModel(columns, search_text)
        self._filters: list[tuple[QComboBox, Callable[[Row, Any], bool]]] = []
        self._year_filters: list[tuple[QComboBox, Callable[[Row], int]]] = []
        self.detail_id: object | None = None  # the row whose full record ``fetch_detail`` waits for
        self._select_id: object | None = None  # the row to select once the next rows arrive
        self.dialog: QDialog | None = None  # the dialog opened last (tests look at it)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 22)
        outer.setSpacing(10)
        outer.addWidget(label(title, "pageTitle"))
        if intro:
            outer.addWidget(label(intro, "muted"))
        self.toolbar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"{search_hint} (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search)
        self.toolbar.addWidget(self.search, 1)
        outer.addLayout(self.toolbar)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self._focus_search)

        self.table = self._make_table()
        self._fitter = FitColumns(self.table, stretch_column)  # None: the column with the widest content
        self.detail = QWidget()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(12, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # On a 1366 px laptop an empty pane would take a third of the width: it appears with a selection.
        self.detail.hide()

        self.empty = self._make_empty(empty_text)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)
        self.count_label = label("", "muted")
        outer.addWidget(self.count_label)
        self.model.modelReset.connect(self._update_count)

    # Building blocks for subclasses -------------------------------------------------------------

    def add_filter(
        self, caption: str, options: Sequence[tuple[str, Any]], match: Callable[[Row, Any], bool]
    ) -> QComboBox:
        """A filter box; the first option should be "Alle ..." with value None (no filtering)."""
        self.toolbar.insertWidget(self.toolbar.count(), QLabel(caption))
        box = QComboBox()
        for text, value in options:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self._apply_filters)
        self.toolbar.insertWidget(self.toolbar.count(), box)
        self._filters.append((box, match))
        return box

    def add_year_filter(self, year_of: Callable[[Row], int]) -> QComboBox:
        """A "Jaar:" filter offering the years of the loaded rows, newest first. It is filled again after
        every load and keeps the chosen year as long as rows of that year remain."""
        box = self.add_filter("Jaar:", [("Alle jaren", None)], lambda row, year: year_of(row) == year)
        self._year_filters.append((box, year_of))
        return box

    def add_action(
        self,
        text: str,
        slot: Callable[[], None],
        shortcut: str | QKeySequence.StandardKey | None = None,
        *,
        needs_row: bool = False,
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if shortcut is not None:
            sequence = QKeySequence(shortcut)
            QShortcut(sequence, self).activated.connect(slot)
            button.setToolTip(f"{text} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
        if needs_row:
            button.setEnabled(False)
            self.table.selectionModel().selectionChanged.connect(
                lambda *_: button.setEnabled(self.selected_row() is not None)
            )
        self.toolbar.addWidget(button)
        return button

    def add_row_buttons(
        self, buttons: Sequence[tuple[str, Callable[[], None]]], per_row: int = 0
    ) -> dict[str, QPushButton]:
        """The buttons that act on the chosen row, at the top of the detail pane, keyed by their text.
        They start disabled: the page enables them in ``row_selected``. ``per_row``: see button_group."""
        layout, made = button_group(buttons, per_row)
        layout.setContentsMargins(0, 0, 0, 4)
        self.detail_layout.addLayout(layout)
        return made

    def size_columns(self, samples: Mapping[str, str], widths: Mapping[str, int] | None = None) -> None:
        """Start widths that follow the font size: a column as wide as its sample text in ``samples``, or
        the pixels in ``widths``; others keep theirs. Cells stay on one line and elide long text."""
        self.table.setWordWrap(False)
        metrics = self.table.fontMetrics()
        for index, column in enumerate(self.model.columns):
            if column.header in samples:
                width = metrics.horizontalAdvance(samples[column.header]) + SAMPLE_PADDING
                self.table.setColumnWidth(index, width)
            elif widths and column.header in widths:
                self.table.setColumnWidth(index, widths[column.header])

    def sort_by(self, header: str, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the column with this header (its place moves when a "School" column is added)."""
        self.table.sortByColumn([column.header for column in self.model.columns].index(header), order)

    def add_new_action(
        self, text: str, slot: Callable[[], None], empty_text: str | None = None
    ) -> QPushButton:
        """The page's "New" button (Ctrl+N), offered on the empty page too (as ``empty_text``, if given)."""
        self.set_empty_action(empty_text or text, slot)
        return self.add_action(text, slot, "Ctrl+N")

    def set_empty_action(self, text: str, slot: Callable[[], None]) -> None:
        self._empty_button.setText(text)
        self._empty_button.clicked.connect(slot)
        self._empty_button.show()

    def selected_row(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_where(self, predicate: Callable[[Row], bool]) -> None:
        for index, row in enumerate(self.model.visible_rows):
            if predicate(row):
                self.table.selectRow(index)
                return

    # Loading ------------------------------------------------------------------------------------

    def load_rows(self) -> list[Row]:
        """Override: call the service and return plain rows (runs in the background)."""
        raise NotImplementedError

    def load_and_follow(self, context: AppContext, areas: Sequence[str]) -> None:
        """Load the rows now, and again when another school is chosen at the top or a change of one of
        ``areas`` is reported (ops.watch: at once when shown, else at the next visit). No polling."""
        context.school_changed.connect(lambda _id: self.reload())
        ops.watch(self, areas, self.reload)
        self.reload()

    def reload(self, select_id: object | None = None) -> None:
        """Fetch the rows off the GUI thread and feed them to the model; then select the row with
        ``select_id`` (e.g. the record just saved), else keep the row that was selected."""
        if select_id is not None:
            self._select_id = select_id
        # again: what is loading now may predate the change, so it is dropped and loaded once more
        ops.query(self, self.load_rows, self._loaded, what="register load", again=True)

    def _loaded(self, rows: list[Row]) -> None:
        kept = self.selected_row()
        wanted = self._select_id if self._select_id is not None else _row_id(kept)
        self._select_id = None
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.empty if not rows else self.splitter)
        if rows and not self._columns_fitted:
            self.fit_columns()
        if wanted is not None:
            self.select_where(lambda row: _row_id(row) == wanted)
        self._refill_years()
        self.rows_loaded()

    def fetch_detail(
        self, row_id: object, work: Callable[[], T], show: Callable[[T], None], what: str
    ) -> None:
        """Load the chosen row's full record off the GUI thread and ``show`` it. Every click loads; only
        the row chosen last (``detail_id``) is shown, so a slow answer for an earlier click is dropped.
        ``what``: a short English label for the log."""
        self.detail_id = row_id

        def loaded(detail: T) -> None:
            if self.detail_id == row_id:  # the user may have chosen another row meanwhile
                show(detail)

        ops.query(self, work, loaded, group=ops.EVERY, what=what)

    def open_record_dialog(self, dialog: QDialog, on_saved: Callable[[], None] | None = None) -> None:
        """A New/Edit dialog: after saving, ``on_saved``, or by default reload and select the saved
        record (``result_value``); after "someone else saved first" (``stale``), reload to show their
        version."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is None:
            dialog.accepted.connect(
                lambda: self.reload(select_id=_row_id(getattr(dialog, "result_value", None)))
            )
        else:
            dialog.accepted.connect(on_saved)
        dialog.rejected.connect(lambda: self.reload() if getattr(dialog, "stale", False) else None)
        dialog.open()

    def open_dialog_for(self, allowed: bool, record: T | None, make: Callable[[T], QDialog]) -> None:
        """Open ``make(record)`` as a record dialog when the user may (``allowed``) and a record is chosen."""
        if allowed and record is not None:
            self.open_record_dialog(make(record))

    def change_refused(self, error: IbpError) -> None:
        """For ``ops.mutate(on_refused=...)`` on a change of the chosen row: "someone else saved first"
        gets its own title, any other refusal the error dialog (nothing was saved); then reload to show
        what is stored now."""
        if isinstance(error, StaleEditError):
            show_info(self, str(error), STALE_TITLE)
        else:
            show_failure(self, error, Saved.NOTHING)
        self.reload()

    def rows_loaded(self) -> None:
        """After new rows arrived: show the chosen row again, its facts may have changed. Override to do
        more (or less)."""
        self.row_selected(self.selected_row())

    def row_selected(self, row: Row | None) -> None:
        """Override: show the detail of the chosen row (None: nothing chosen)."""

    # Layout -------------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Size the columns to their content and let one text column (the widest, unless the page
        names one) take the rest of the width and elide: no sideways scrollbar on a laptop screen."""
        self._columns_fitted = True
        self._fitter.fit()

    def show_detail_pane(self, visible: bool) -> None:
        """Show or hide the detail pane: it is only there with a selection, beside the table when the
        table keeps room for its columns (a wide screen), else below it (a 1366 px laptop)."""
        if self._pane_beside is None:  # pages that put their pane below from the start keep it there
            self._pane_beside = self.splitter.orientation() == Qt.Orientation.Horizontal
        if not self._pane_beside:
            self.detail.setVisible(True)
            return
        if visible == self.detail.isVisibleTo(self):
            return
        self.detail.setVisible(visible)
        if not visible:
            return
        width, height = max(self.splitter.width(), 1), max(self.splitter.height(), 1)
        pane = min(max(width * 2 // 5, 320), 460)
        if width - pane >= sum(self._fitter.widths) * BESIDE_SHARE:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.splitter.setSizes([width - pane, pane])
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.splitter.setSizes([height // 2, height - height // 2])

    # Internals ----------------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return table

    def _make_empty(self, text: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.addStretch(1)
        message = label(text, "muted")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(message)
        self._empty_button = QPushButton()
        self._empty_button.hide()
        column.addWidget(self._empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return box

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.show_detail_pane(row is not None)
        self.row_selected(row)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _refill_years(self) -> None:
        for box, year_of in self._year_filters:
            chosen = box.currentData()
            years = sorted({year_of(row) for row in self.model.all_rows}, reverse=True)
            if [box.itemData(i) for i in range(1, box.count())] == years:
                continue
            box.blockSignals(True)  # refilling is no choice of the user
            box.clear()
            box.addItem("Alle jaren", None)
            for year in years:
                box.addItem(str(year), year)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)
            if box.currentData() != chosen:  # that year is gone: the table must not keep filtering on it
                self._apply_filters()

    def _apply_filters(self) -> None:
        active = [(box.currentData(), match) for box, match in self._filters if box.currentData() is not None]
        if not active:
            self.model.set_predicate(None)
            return
        self.model.set_predicate(lambda row: all(match(row, value) for value, match in active))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total  # all_rows would copy the list per keystroke
        self.count_label.setText(f"{shown} van {total}" if shown != total else f"{total} in totaal")


def _row_id(row: Any) -> object | None:
    """Rows are matched on their ``id`` (rows without one are compared as a whole)."""
    return None if row is None else getattr(row, "id", row)


def button_group(
    buttons: Sequence[tuple[str, Callable[[], None]]], per_row: int = 0
) -> tuple[QLayout, dict[str, QPushButton]]:
    """Buttons that wait for a choice (disabled until the page enables them), keyed by their text: with
    ``per_row`` > 0 in a grid of that many columns that share the width, with 0 in one row at their
    natural size, left-aligned."""
    layout: QGridLayout | QHBoxLayout = QGridLayout() if per_row > 0 else QHBoxLayout()
    made: dict[str, QPushButton] = {}
    for index, (text, slot) in enumerate(buttons):
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setEnabled(False)
        if isinstance(layout, QGridLayout):
            layout.addWidget(button, index // per_row, index % per_row)
        else:
            layout.addWidget(button)
        made[text] = button
    if isinstance(layout, QHBoxLayout):
        layout.addStretch(1)
    return layout, made


def school_for_new(parent: QWidget, context: AppContext, choose_first: str | None) -> int | None:
    """The school a new record is for: the one chosen at the top, or the user's only school. With "all
    schools" chosen: None, after telling the user ``choose_first`` (unless that is None)."""
    if context.school_id is not None:
        return context.school_id
    if len(context.schools) == 1:
        return context.schools[0].id
    if choose_first is not None:
        show_info(parent, choose_first)
    return None
