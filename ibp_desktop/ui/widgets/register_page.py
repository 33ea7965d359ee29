"""The one shape of every register page (UI.md): a search field that filters as you type, a few
filters, a sortable table, a detail pane, and buttons for New, Export and Print. Learn one page, know
them all. A page subclasses RegisterPage, gives its columns and a loader, and fills the detail pane.

Loading runs through ui/ops.py (off the GUI thread); the table model is fed rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.ui import ops
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.columns import FitColumns
from ibp_desktop.ui.widgets.rows_model import Column, Row, RowsModel

BESIDE_SHARE = 0.6  # the pane goes beside the table when the table keeps this share of its columns' width


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
        self.rows_loaded()

    def open_record_dialog(self, dialog: QDialog) -> None:
        """A New/Edit dialog: after saving, reload and select the saved record (``result_value``);
        after "someone else saved first" (``stale``), reload to show their version."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(select_id=_row_id(getattr(dialog, "result_value", None))))
        dialog.rejected.connect(lambda: self.reload() if getattr(dialog, "stale", False) else None)
        dialog.open()

    def rows_loaded(self) -> None:
        """Override to react after new rows arrived (e.g. refresh the detail pane)."""

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
