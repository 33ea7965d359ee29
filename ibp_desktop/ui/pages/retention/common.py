"""Small pieces the retention tabs share: dates in words, an HTML fact table, a busy line."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QProgressBar, QWidget

from ibp_desktop.core.incidents.rules import format_moment
from ibp_desktop.core.retention.rules import SYSTEM_LABELS, System
from ibp_desktop.ui.theme import label

# The systems a user can filter on, in the order the school thinks of them.
SYSTEM_CHOICES: list[tuple[str, System]] = [
    ("LAS", System.LAS),
    ("Papieren archief", System.PAPER),
    ("Dit programma", System.PROGRAM),
    ("Verwerker", System.PROCESSOR),
    ("Overig", System.OTHER),
]
MUTED = "#5b6770"


def day(value: date | None) -> str:
    return "" if value is None else f"{value:%d-%m-%Y}"


def by_at(name: str, moment: datetime | None) -> str:
    """ "Fatima El Amrani, 28-11-2026 14:05" (empty when nobody did it yet)."""
    if not name and moment is None:
        return ""
    return ", ".join(part for part in (name, format_moment(moment)) if part)


def system_text(system: System) -> str:
    """The short name for a table column ("LAS", "Papieren archief"); the detail uses the long one."""
    return next((text for text, value in SYSTEM_CHOICES if value is system), SYSTEM_LABELS[system])


def fact_rows(pairs: list[tuple[str, str]]) -> str:
    """A two-column HTML table of already escaped values; empty values are left out."""
    cells = "".join(
        f"<tr><td style='color:{MUTED}; padding-right:12px' valign='top'>{escape(name)}</td>"
        f"<td>{value}</td></tr>"
        for name, value in pairs
        if value
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, maximum: date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    if maximum is not None:
        edit.setMaximumDate(to_qdate(maximum))
    return edit


def rich_label() -> QLabel:
    body = QLabel()
    body.setWordWrap(True)
    body.setTextFormat(Qt.TextFormat.RichText)
    body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return body


class BusyLine(QWidget):
    """ "Opruimronde uitvoeren…" with a moving bar; hidden when nothing runs."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label("", "muted", wrap=False)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the work has no steps to count
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        row.addWidget(self.text)
        row.addWidget(self.bar)
        row.addStretch(1)
        self.hide()

    @property
    def busy(self) -> bool:
        return not self.isHidden()

    def start(self, text: str) -> None:
        self.text.setText(text)
        self.show()

    def stop(self) -> None:
        self.hide()


def current_school(context: object) -> int | None:
    """The school the page works on: the one chosen at the top, or the only one the user has."""
    school_id = getattr(context, "school_id", None)
    if school_id is not None:
        return int(school_id)
    schools = getattr(context, "schools", [])
    return int(schools[0].id) if len(schools) == 1 else None
