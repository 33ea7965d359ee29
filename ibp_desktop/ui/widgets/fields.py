"""Small input widgets the register dialogs share: dates in the Dutch format (28-11-2026), an optional
date, a multi-line text box that Tab leaves, and yes/no/unknown radio buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

DATE_FORMAT = "dd-MM-yyyy"


def day_text(day: date | None) -> str:
    """28-11-2026, or "" for no date."""
    return day.strftime("%d-%m-%Y") if day else ""


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date | None = None) -> QDateEdit:
    """A date field in the Dutch format with a calendar to pick from."""
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(to_qdate(day or date.today()))
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def text_box(text: str = "", lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # keyboard first: Tab leaves the box instead of typing a tab
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class OptionalDate(QWidget):
    """A check box ("bekend") and a date field; ``value()`` is None when the box is not ticked."""

    def __init__(self, caption: str, day: date | None = None, default: date | None = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(caption)
        self.edit = date_edit(day or default)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.set_value(day)

    def set_value(self, day: date | None) -> None:
        self.known.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))

    def value(self) -> date | None:
        return day_of(self.edit) if self.known.isChecked() else None


class RadioChoice(QWidget):
    """One value out of a few, as radio buttons in a row: ``[(text, value), ...]``."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[str, Any]], value: Any = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: list[tuple[QRadioButton, Any]] = []
        for text, option in options:
            button = QRadioButton(text)
            self.group.addButton(button)
            row.addWidget(button)
            self.buttons.append((button, option))
        row.addStretch(1)
        self.set_value(value if value is not None else options[0][1])
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: object, on: bool) -> None:
        if on:
            self.changed.emit()

    def set_value(self, value: Any) -> None:
        for button, option in self.buttons:
            if option == value:
                button.setChecked(True)

    def value(self) -> Any:
        return next((option for button, option in self.buttons if button.isChecked()), None)
