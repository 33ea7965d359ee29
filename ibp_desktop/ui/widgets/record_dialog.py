"""A form dialog that saves one record through a service in the background.

A stale edit (someone else saved the same record first) closes the dialog with the service's Dutch
message; the page then reloads, so the user sees the fresh data and can make the change again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ibp_desktop.core.errors import IbpError, StaleEditError
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog, message_of, show_info

STALE_TITLE = "Intussen gewijzigd"


class RecordDialog(FormDialog):
    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None,
                 width: int = 540) -> None:
        super().__init__(title, intro, ok_text, parent)
        self.setMinimumWidth(width)
        self.result_value: Any = None
        self.stale = False

    area: str = ops.ANY  # what the dialog's record belongs to; the pages that show it refresh after saving

    def save(self, work: Callable[[], Any], busy_text: str = "Opslaan…") -> None:
        self.set_busy(busy_text)
        ops.mutate(self, self.area, work, self._saved, on_refused=self._failed,
                   always=lambda: self.set_busy(None), what=f"{type(self).__name__} save")

    def _saved(self, value: Any) -> None:
        self.result_value = value
        self.done_ok()

    def _failed(self, error: IbpError) -> None:
        if isinstance(error, StaleEditError):
            self.set_busy(None)
            self.stale = True
            show_info(self, str(error), STALE_TITLE)
            self.reject()
            return
        self.show_error(message_of(error))
