"""A form dialog that saves one record through a service in the background.

A stale edit (someone else saved the same record first) closes the dialog with the service's Dutch
message; the page then reloads, so the user sees the fresh data and can make the change again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ibp_desktop.core.errors import StaleEditError
from ibp_desktop.ui.background import run_in_background
from ibp_desktop.ui.dialogs import FormDialog, message_of, show_info

STALE_TITLE = "Intussen gewijzigd"


class RecordDialog(FormDialog):
    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None,
                 width: int = 540) -> None:
        super().__init__(title, intro, ok_text, parent)
        self.setMinimumWidth(width)
        self.result_value: Any = None
        self.stale = False

    def save(self, work: Callable[[], Any], busy_text: str = "Opslaan…") -> None:
        self.set_busy(busy_text)
        run_in_background(work, on_done=self._saved, on_error=self._failed)

    def _saved(self, value: Any) -> None:
        self.result_value = value
        self.done_ok()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, StaleEditError):
            self.set_busy(None)
            self.stale = True
            show_info(self, str(error), STALE_TITLE)
            self.reject()
            return
        self.show_error(message_of(error))
