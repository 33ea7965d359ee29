"""Making a report in the background: a busy line (text, moving bar, "Annuleren"), then a preview of the
PDF or a file on disk. Printing always shows a preview of the very bytes "Opslaan" writes (UI.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ibp_desktop.ui import ops, printing
from ibp_desktop.ui.background import Task
from ibp_desktop.ui.theme import label


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    return edit


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def shortcut(parent: QWidget, keys: QKeySequence.StandardKey | str, slot: Callable[[], None]) -> None:
    """A shortcut that works anywhere in the window while ``parent`` is on screen (Qt skips hidden
    tabs, so the tabs' shortcuts do not clash)."""
    short = QShortcut(QKeySequence(keys), parent)
    short.setContext(Qt.ShortcutContext.WindowShortcut)
    short.activated.connect(slot)


def button(text: str, slot: Callable[[], None], tooltip: str = "") -> QPushButton:
    made = QPushButton(text)
    made.clicked.connect(slot)
    if tooltip:
        made.setToolTip(tooltip)
    return made


class DocumentJob(QWidget):
    """One report at a time per section: while it is made, the section's buttons wait and a busy line
    shows what happens. "Annuleren" stops waiting: the result is thrown away, nothing is saved."""

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__()
        self.owner = parent_widget
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label("", "muted", wrap=False)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the work has no steps to count
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Annuleren")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.text)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.task: Task | None = None
        self._token: object | None = None
        self.on_idle: Callable[[], None] | None = None  # e.g. re-check buttons that need a chosen row
        self.hide()

    @property
    def working(self) -> bool:
        return self.task is not None

    def guard(self, *buttons: QPushButton) -> None:
        """Buttons that wait while a document is made."""
        self.buttons.extend(buttons)

    def run(self, text: str, work: Callable[[], Any], then: Callable[[Any], object], *,
            can_cancel: bool = True, areas: tuple[str, ...] = ()) -> None:
        """Through ui/ops.py: a query, or a mutation of ``areas``; errors get the default dialog."""
        if self.task is not None:
            return
        self.text.setText(text)
        self.cancel_button.setVisible(can_cancel)
        self._set_enabled(False)
        self.show()
        token = object()
        self._token = token

        def done(result: Any) -> None:
            if self._token is token:  # not cancelled meanwhile
                then(result)

        def ended() -> None:
            if self._token is token:
                self._token = None
                self.task = None
                self._idle()

        if areas:
            self.task = ops.mutate(self.owner, areas, work, done, group=ops.EVERY, always=ended, what=text)
        else:
            self.task = ops.query(self.owner, work, done, group=ops.EVERY, always=ended, what=text)

    def cancel(self) -> None:
        """Stop waiting (a report cannot be interrupted halfway; its result is simply not used)."""
        self._token = None
        self.task = None
        self._idle()

    def preview(self, text: str, make: Callable[[], bytes], title: str) -> None:
        self.run(text, make, lambda data: printing.preview_pdf(self.owner, data, title))

    def save(self, text: str, make: Callable[[], bytes], suggested_name: str) -> None:
        """Ask where to save first (the extension picks the filter), then make the document and write it."""
        if self.working:
            return
        target = ops.ask_save_path(self.owner, suggested_name)
        if target is not None:
            self.run(text, make, lambda data: ops.write_file(self.owner, target, data))

    def write(self, target: Path, data: bytes) -> None:
        """Write a made document to a path the page chose itself (e.g. JSON or CSV by the filter)."""
        ops.write_file(self.owner, target, data)

    def _idle(self) -> None:
        self.hide()
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        for each in self.buttons:
            each.setEnabled(enabled)
        if enabled and self.on_idle is not None:
            self.on_idle()
