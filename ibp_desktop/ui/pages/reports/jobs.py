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

from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.ui import printing
from ibp_desktop.ui.background import Task, run_in_background
from ibp_desktop.ui.dialogs import message_of, show_error, show_info
from ibp_desktop.ui.theme import label

PDF_FILTER = "PDF-bestand (*.pdf)"
CSV_FILTER = "CSV-bestand (*.csv)"


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
        self.on_idle: Callable[[], None] | None = None  # e.g. re-check buttons that need a chosen row
        self.hide()

    @property
    def working(self) -> bool:
        return self.task is not None

    def guard(self, *buttons: QPushButton) -> None:
        """Buttons that wait while a document is made."""
        self.buttons.extend(buttons)

    def run(self, text: str, work: Callable[[], Any], then: Callable[[Any], None], *,
            can_cancel: bool = True) -> None:
        if self.task is not None:
            return
        self.text.setText(text)
        self.cancel_button.setVisible(can_cancel)
        self._set_enabled(False)
        self.show()

        def done(result: Any) -> None:
            if self._end(task):
                then(result)

        def failed(error: BaseException) -> None:
            if self._end(task):
                show_error(self.owner, message_of(error))

        task = run_in_background(work, on_done=done, on_error=failed)
        self.task = task

    def cancel(self) -> None:
        """Stop waiting (a report cannot be interrupted halfway; its result is simply not used)."""
        self.task = None
        self._idle()

    def preview(self, text: str, make: Callable[[], bytes], title: str) -> None:
        self.run(text, make, lambda data: printing.preview_pdf(self.owner, data, title))

    def save(self, text: str, make: Callable[[], bytes], suggested_name: str, file_filter: str) -> None:
        """Ask where to save first, then make the document and write it."""
        if self.working:
            return
        from ibp_desktop.ui.save_as import ask_save_path

        target = ask_save_path(self.owner, suggested_name, file_filter)
        if target is None:
            return
        self.run(text, make, lambda data: self._write(target, data))

    def _write(self, target: Path, data: bytes) -> None:
        try:
            target.write_bytes(data)
        except OSError as error:
            show_error(self.owner, f"Het bestand {target} kan niet worden opgeslagen: {os_reason(error)}. "
                       "Kies een andere map en probeer het opnieuw.")
            return
        show_info(self.owner, f"Opgeslagen als {target}.")

    def _end(self, task: Task) -> bool:
        """True when ``task`` is still the one we wait for (not cancelled)."""
        if self.task is not task:
            return False
        self.task = None
        self._idle()
        return True

    def _idle(self) -> None:
        self.hide()
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        for each in self.buttons:
            each.setEnabled(enabled)
        if enabled and self.on_idle is not None:
            self.on_idle()
