"""How a line of the due list reads: its status in words and colour, its columns, the visual grouping
by category and system, and the detail text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ibp_desktop.core.retention.records import DueItem
from ibp_desktop.core.retention.rules import due_soon
from ibp_desktop.ui.pages.retention.common import day, fact_rows, system_text
from ibp_desktop.ui.widgets.rows_model import Column, RowsModel

_GROUP_LINE = QColor("#9fb8c4")


def due_status(item: DueItem, today: date) -> tuple[str, str | None]:
    """(words, colour level): over the term red, within 30 days amber, held grey."""
    if item.held:
        return f"Bewaren: {item.hold_text}", "grey"
    if item.run_number:
        return f"In opruimronde {item.run_number}", "green"
    if item.due_on <= today:
        return "Termijn verlopen", "red"
    days = (item.due_on - today).days
    if due_soon(item.due_on, today):
        return (f"Vervalt over {days} {'dag' if days == 1 else 'dagen'}"), "amber"
    return f"Vervalt op {day(item.due_on)}", None


def what(item: DueItem) -> str:
    """The pupil by name and group (to find the paper dossier), with the number to check it."""
    if item.pupil_name and item.pupil_number:
        return f"{item.who} – leerling {item.pupil_number}"
    return item.who


def group_key(item: DueItem) -> tuple[int, str, date, str]:
    return (item.sort_order, item.system.value, item.due_on, item.description)


def due_columns(today: Callable[[], date]) -> list[Column[DueItem]]:
    return [
        Column(
            "Categorie", lambda r: r.category_label, sort_key=group_key, tooltip=lambda r: r.category_label
        ),
        Column(
            "Systeem",
            lambda r: system_text(r.system),
            sort_key=lambda r: (r.system_label, r.sort_order, r.due_on),
        ),
        Column("Wat", what, tooltip=what),
        Column("Vervalt op", lambda r: day(r.due_on), sort_key=lambda r: r.due_on),
        Column(
            "Status",
            lambda r: due_status(r, today())[0],
            sort_key=lambda r: (due_status(r, today())[1] or "", r.due_on),
            level=lambda r: due_status(r, today())[1],
            tooltip=lambda r: due_status(r, today())[0],
        ),
    ]


def search_text(item: DueItem) -> str:
    return " ".join(
        (
            item.category_label,
            item.system_label,
            item.description,
            item.pupil_name,
            item.group_name,
            item.pupil_number or "",
            item.hold_reason,
            item.run_number or "",
        )
    )


class GroupDelegate(QStyledItemDelegate):
    """Draws a line above the first row of each category and system and leaves the repeated category
    and system of the rows below it out (grey text looked like disabled rows): the list reads as
    groups without losing sorting and filtering; the tooltip still names both."""

    def __init__(self, model: RowsModel[DueItem]) -> None:
        super().__init__()
        self.model = model

    def _same_as_above(self, row: int) -> bool:
        if row == 0:
            return False
        above, here = self.model.row_at(row - 1), self.model.row_at(row)
        return (above.category, above.system) == (here.category, here.system)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.column() in (0, 1) and self._same_as_above(index.row()):
            option.text = ""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        if index.row() > 0 and not self._same_as_above(index.row()):
            painter.save()
            painter.setPen(_GROUP_LINE)
            rect = option.rect
            painter.drawLine(rect.topLeft(), rect.topRight())
            painter.restore()


def detail_html(item: DueItem, today: date) -> str:
    pairs = [
        ("Categorie", escape(item.category_label)),
        ("Wat", escape(item.who)),
        ("Leerlingnummer", escape(item.pupil_number or "")),
        ("Systeem", escape(item.system_label)),
        ("Aantal", str(item.record_count) if item.record_count != 1 else ""),
        ("Bewaartermijn", escape(item.term_text)),
        ("Grondslag", escape(item.basis)),
        ("Telt vanaf", day(item.event_date)),
        ("Mag weg vanaf", day(item.due_on)),
    ]
    where = (
        "Wordt bij het uitvoeren van de opruimronde in dit programma verwijderd."
        if item.kind == "program"
        else "Staat buiten dit programma: na goedkeuring laat u het vernietigen en legt u dat hier vast."
    )
    return fact_rows(pairs) + f"<p style='color:#5b6770'>{escape(where)}</p>"
