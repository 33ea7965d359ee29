"""Small input widgets the incident dialogs share: moments in Amsterdam time, optional numbers and
moments, multiple-choice check groups, yes/no/unknown questions, and the clock's colour."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ibp_desktop.core.incidents.rules import AMSTERDAM, LABELS, ClockLevel

E = TypeVar("E", bound=StrEnum)

# The clock in the table and the detail pane: words always, colour as well (UI.md).
CLOCK_COLOURS: dict[ClockLevel, str | None] = {
    ClockLevel.AMBER: "red",  # under 24 hours: as urgent as overdue (the words tell them apart)
    ClockLevel.RED: "red",
    ClockLevel.DONE: "green",
    ClockLevel.LATE_DONE: "grey",
    ClockLevel.NONE: "grey",
    ClockLevel.RUNNING: "amber",  # a running clock is never "nothing special"
}


def now_local() -> datetime:
    return datetime.now(AMSTERDAM).replace(second=0, microsecond=0)


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware moment as the wall-clock time in Amsterdam (what the user reads and types)."""
    local = moment.astimezone(AMSTERDAM)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    """The wall-clock time typed by the user, in Amsterdam, as an aware datetime."""
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=AMSTERDAM)


def moment_edit(moment: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat("dd-MM-yyyy HH:mm")
    edit.setCalendarPopup(True)
    edit.setDateTime(to_qdatetime(moment or now_local()))
    return edit


def text_box(text: str = "", lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # keyboard first: Tab leaves the box instead of typing a tab
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class OptionalMoment(QWidget):
    """A check box "known" plus a date-time field; ``value()`` is None when not ticked."""

    def __init__(self, caption: str, moment: datetime | None = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(caption)
        self.edit = moment_edit(moment)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.set_value(moment)

    def set_value(self, moment: datetime | None) -> None:
        self.known.setChecked(moment is not None)
        self.edit.setEnabled(moment is not None)
        if moment is not None:
            self.edit.setDateTime(to_qdatetime(moment))

    def value(self) -> datetime | None:
        return from_qdatetime(self.edit.dateTime()) if self.known.isChecked() else None


class OptionalNumber(QSpinBox):
    """A whole number or "onbekend" (the lowest value)."""

    def __init__(self, value: int | None = None, maximum: int = 10_000_000) -> None:
        super().__init__()
        self.setRange(-1, maximum)
        self.setSpecialValueText("onbekend")
        self.setGroupSeparatorShown(True)
        self.set_value(value)

    def set_value(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)

    def number(self) -> int | None:
        return None if self.value() < 0 else self.value()


class CheckGroup(QWidget, Generic[E]):
    """One check box per code, labelled in Dutch; several may be ticked."""

    changed = Signal()

    def __init__(self, codes: Iterable[E], columns: int = 1) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[E, QCheckBox] = {}
        for index, code in enumerate(codes):
            box = QCheckBox(LABELS[code])
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box, index // columns, index % columns)
            self.boxes[code] = box

    def set_codes(self, codes: Sequence[E]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)

    def codes(self) -> tuple[E, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


class Choice(QWidget, Generic[E]):
    """Radio buttons for one code out of a few."""

    changed = Signal()

    def __init__(self, codes: Iterable[E], horizontal: bool = False) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[E, QRadioButton] = {}
        for index, code in enumerate(codes):
            button = QRadioButton(LABELS[code])
            self.group.addButton(button)
            grid.addWidget(button, 0 if horizontal else index, index if horizontal else 0)
            self.buttons[code] = button
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: object, on: bool) -> None:
        if on:
            self.changed.emit()

    def set_code(self, code: E | None) -> None:
        if code is None:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            return
        self.buttons[code].setChecked(True)

    def code(self) -> E | None:
        return next((code for code, button in self.buttons.items() if button.isChecked()), None)


class YesNoUnknown(QWidget):
    """A question with Ja / Nee / Weet ik (nog) niet; None stands for "not known"."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.yes, self.no = QRadioButton("Ja"), QRadioButton("Nee")
        self.unknown = QRadioButton("Weet ik (nog) niet")
        for button in (self.yes, self.no, self.unknown):
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.unknown.setChecked(True)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: object, on: bool) -> None:
        if on:
            self.changed.emit()

    def set_answer(self, value: bool | None) -> None:
        {True: self.yes, False: self.no, None: self.unknown}[value].setChecked(True)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None
