"""A table model fed with plain rows (dataclasses from a service); it never queries.

Filtering and sorting happen on the Python list inside the model rather than in a
QSortFilterProxyModel: with thousands of rows, a list comprehension over precomputed search text is
an order of magnitude cheaper per keystroke than calling filterAcceptsRow once per row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Row = TypeVar("Row")
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex

# Status levels in words and colour together (UI.md): the text says it, the colour underlines it.
LEVEL_COLOURS: dict[str, tuple[str, str]] = {  # level -> (background, text)
    "red": ("#fbe3e1", "#8c1d18"),
    "amber": ("#fdf0d5", "#7a4b00"),
    "green": ("#e3f4e8", "#1d5e33"),
    "grey": ("#eef0f2", "#5c6670"),
}


def fold(text: str) -> str:
    """Lower case without accents: "Şükrü" and "sukru" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i").replace("ł", "l")
    )


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None  # default: the folded text
    level: Callable[[Row], str | None] | None = None  # a key of LEVEL_COLOURS, or None
    align_right: bool = False
    tooltip: Callable[[Row], str] | None = None


class RowsModel(QAbstractTableModel, Generic[Row]):
    def __init__(
        self, columns: Sequence[Column[Row]], search_text: Callable[[Row], str] | None = None
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self._search_text = search_text or (lambda row: " ".join(c.text(row) for c in self.columns))
        self._all: list[tuple[str, Row]] = []
        self._visible: list[Row] = []
        self._needle = ""
        self._predicate: Callable[[Row], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # Feeding ------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._all = [(fold(self._search_text(row)), row) for row in rows]
        self._refilter()

    def set_search(self, text: str) -> None:
        needle = fold(text.strip())
        if needle != self._needle:
            self._needle = needle
            self._refilter()

    def set_predicate(self, predicate: Callable[[Row], bool] | None) -> None:
        """An extra filter from the page's filter boxes (group, status, school year, ...)."""
        self._predicate = predicate
        self._refilter()

    def update_rows(self, change: Callable[[Row], Row]) -> None:
        """Replace every row by ``change(row)`` where it stands: the same records with something moved on
        (a clock). No reset, so the selection stays and nothing is reloaded; the filter and the order
        stay those of the last feed or sort (the next load sorts again)."""
        changed = {id(row): change(row) for _, row in self._all}
        self._all = [(fold(self._search_text(changed[id(row)])), changed[id(row)]) for _, row in self._all]
        self._visible = [changed[id(row)] for row in self._visible]
        if self._visible:
            last = self.index(len(self._visible) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def total(self) -> int:
        """How many rows were fed (before searching and filtering)."""
        return len(self._all)

    @property
    def all_rows(self) -> list[Row]:
        return [row for _, row in self._all]

    @property
    def visible_rows(self) -> list[Row]:
        return list(self._visible)

    def column_texts(self, column: int, limit: int) -> list[str]:
        """The texts of a column in at most ``limit`` visible rows spread over the list (for sizing)."""
        rows = self._visible
        text = self.columns[column].text
        return [text(row) for row in rows[:: max(1, -(-len(rows) // limit))]]

    def row_at(self, index: int) -> Row:
        return self._visible[index]

    def _refilter(self) -> None:
        # One plain `in` test per row and word, each pass over the survivors of the previous word: no
        # generator per row (all(...) costs more than the search itself with 5,000 rows).
        pairs = self._all
        for word in self._needle.split():
            pairs = [pair for pair in pairs if word in pair[0]]
        predicate = self._predicate
        rows = [row for _, row in pairs] if predicate is None else [row for _, row in pairs if predicate(row)]
        self.beginResetModel()
        self._visible = self._sorted(rows)
        self.endResetModel()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self._sort is None:
            return rows
        column, order = self._sort
        spec = self.columns[column]
        key = spec.sort_key or (lambda row: fold(spec.text(row)))
        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    # Qt model API -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._visible = self._sorted(self._visible)
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and column.level:
            level = column.level(row)
            if level in LEVEL_COLOURS:
                background, text = LEVEL_COLOURS[level]
                colour = background if role == Qt.ItemDataRole.BackgroundRole else text
                return QBrush(QColor(colour))
        return None
