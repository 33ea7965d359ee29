"""Column widths that fit a laptop screen: every column as wide as its content, and when the table is
narrower than that, the widest columns give way (down to their header) so nothing scrolls sideways.

The content width is measured from the texts of a RowsModel (``column_texts``): the longest texts of a
column through the font's metrics, instead of ``resizeColumnToContents``, which asks the view for the
size hint of every cell (about 16 calls of the model's ``data`` per cell, 100 ms for a few hundred
pupils on the first visit of Leerlingen, issue 17)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QTableView

MAX_COLUMN_WIDTH = 260  # a column wider than this elides; its tooltip or the detail pane has it all
MIN_STRETCH_WIDTH = 180  # the stretching text column (a title, a name) keeps at least this
SAMPLE_ROWS = 1000  # rows measured per column, as Qt's own resizeContentsPrecision does
CANDIDATES = 24  # the longest texts (in characters) of a column whose width is measured


def natural_widths(table: QTableView) -> list[int]:
    """The width ``resizeColumnToContents`` would give each column (the widest cell or the header)."""
    header = table.horizontalHeader()
    model = table.model()
    column_texts = getattr(model, "column_texts", None)
    if not callable(column_texts) or model.rowCount() == 0:
        return [max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())]
    metrics = QFontMetricsF(table.font())
    first = model.index(0, 0)
    # What the delegate adds around the text (margins, focus frame, style sheet padding), from one cell.
    padding = table.sizeHintForIndex(first).width() - _text_width(metrics, str(first.data() or ""))
    grid = 1 if table.showGrid() else 0
    widths = []
    for column in range(header.count()):
        texts = sorted(set(column_texts(column, SAMPLE_ROWS)), key=len, reverse=True)[:CANDIDATES]
        content = max((_text_width(metrics, text) for text in texts), default=0) + padding + grid
        widths.append(max(content, header.sectionSizeHint(column)))
    return widths


def _text_width(metrics: QFontMetricsF, text: str) -> int:
    # Rounded up from the exact advance, as the item delegate lays text out: QFontMetrics rounds to the
    # nearest pixel, and a column one pixel short elides its widest text ("In beoordeli…").
    return max((math.ceil(metrics.horizontalAdvance(line)) for line in text.split("\n")), default=0)


def content_widths(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    for column in range(header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    return [min(width, MAX_COLUMN_WIDTH) for width in natural_widths(table)]


def squeeze(table: QTableView, widths: Sequence[int], stretch: int | None) -> None:
    """Give each column its width; if they do not fit, narrow the widest ones (not below their header
    text) until they do. ``stretch`` (if any) takes what is left, at least MIN_STRETCH_WIDTH."""
    header = table.horizontalHeader()
    if len(widths) != header.count():
        return
    metrics = header.fontMetrics()
    model = table.model()
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal)).split("\n")[0] for c in range(len(widths))]
    floors = [metrics.horizontalAdvance(title) + 24 for title in titles]
    sizes = list(widths)
    # First down to the header text with a readable stretching column; on a very narrow screen
    # further, rather than a sideways scrollbar (the tooltips and the detail pane have it all).
    for reserve, limits in ((MIN_STRETCH_WIDTH, floors), (60, [min(f, 48) for f in floors])):
        _cut(sizes, limits, stretch, reserve if stretch is not None else 0, table.viewport().width())
    for column, size in enumerate(sizes):
        if column != stretch and header.sectionSize(column) != size:
            header.resizeSection(column, size)


class FitColumns(QObject):
    """Keeps a table's columns fitted: call ``fit()`` after new rows; it follows resizes itself."""

    def __init__(self, table: QTableView, stretch: int | None = None) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch  # None: the column with the widest content
        self.widths: list[int] = []
        self._chosen: int | None = None
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)  # also when a vertical scrollbar comes or goes

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        if header.count() == 0:
            return
        header.setStretchLastSection(False)
        self.widths = content_widths(self.table)
        stretch = self.stretch
        if stretch is None or not 0 <= stretch < header.count():
            stretch = max(range(header.count()), key=lambda c: self.widths[c])
        self._chosen = stretch
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        squeeze(self.table, self.widths, stretch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize and self.widths:
            squeeze(self.table, self.widths, self._chosen)
        return super().eventFilter(watched, event)


def _cut(sizes: list[int], floors: Sequence[int], stretch: int | None, reserve: int, room: int) -> None:
    excess = sum(size for column, size in enumerate(sizes) if column != stretch) + reserve - room
    while excess > 0:
        wide = [c for c in range(len(sizes)) if c != stretch and sizes[c] > floors[c]]
        if not wide:
            return
        widest = max(wide, key=lambda c: sizes[c] - floors[c])
        cut = min(excess, sizes[widest] - floors[widest], max(excess // len(wide), 8))
        sizes[widest] -= cut
        excess -= cut
