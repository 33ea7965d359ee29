"""Export (PDF or CSV) and Print for a register page. Printing shows a preview of the very PDF that
"Als PDF" writes (UI.md). The documents are made in the background; the buttons wait meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QPushButton

from ibp_desktop.ui import printing
from ibp_desktop.ui.background import run_in_background
from ibp_desktop.ui.dialogs import message_of, show_error
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.register_page import RegisterPage

PDF_FILTER = "PDF-bestand (*.pdf)"
CSV_FILTER = "CSV-bestand (*.csv)"


class DocumentActions:
    """Adds "Exporteren…" (a menu: PDF or CSV) and "Afdrukken…" (Ctrl+P) to the page's toolbar.

    ``make_pdf`` / ``make_csv`` run in the background and return the file's bytes; ``file_stem`` gives
    the suggested file name without extension (it may depend on the filters).
    """

    def __init__(self, page: RegisterPage[Any], title: str, file_stem: Callable[[], str],
                 make_pdf: Callable[[], Callable[[], bytes]],
                 make_csv: Callable[[], Callable[[], bytes]] | None = None) -> None:
        self.page = page
        self.title = title
        self.file_stem = file_stem
        self.make_pdf = make_pdf
        self.make_csv = make_csv
        self.busy_label = label("", "muted", wrap=False)
        self.busy_label.hide()
        page.toolbar.addWidget(self.busy_label)
        self.export_button = QPushButton("Exporteren…")
        self.export_button.setToolTip("Het register opslaan als PDF (om te lezen en te printen) of als CSV "
                                      "(voor een spreadsheet)")
        menu = QMenu(self.export_button)
        menu.addAction("Als PDF (om te lezen en te printen)…", self.export_pdf)
        if make_csv is not None:
            menu.addAction("Als CSV (voor een spreadsheet)…", self.export_csv)
        self.export_button.setMenu(menu)
        page.toolbar.addWidget(self.export_button)
        self.print_button = QPushButton("Afdrukken…")
        self.print_button.setToolTip("Afdrukvoorbeeld van het register (Ctrl+P)")
        self.print_button.clicked.connect(self.print_preview)
        page.toolbar.addWidget(self.print_button)
        QShortcut(QKeySequence.StandardKey.Print, page).activated.connect(self.print_preview)
        self.working = False

    def export_pdf(self) -> None:
        stem = self.file_stem()
        self._make(self.make_pdf(), lambda data: self.page.save_document(data, f"{stem}.pdf", PDF_FILTER))

    def export_csv(self) -> None:
        if self.make_csv is None:
            return
        stem = self.file_stem()
        self._make(self.make_csv(), lambda data: self.page.save_document(data, f"{stem}.csv", CSV_FILTER))

    def print_preview(self) -> None:
        self._make(self.make_pdf(), lambda data: printing.preview_pdf(self.page, data, self.title))

    def _make(self, work: Callable[[], bytes], then: Callable[[bytes], object]) -> None:
        if self.working:
            return
        self._set_working(True)

        def done(data: bytes) -> None:
            self._set_working(False)
            then(data)

        def failed(error: BaseException) -> None:
            self._set_working(False)
            show_error(self.page, message_of(error))

        run_in_background(work, on_done=done, on_error=failed)

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.busy_label.setText("Document maken…")
        self.busy_label.setVisible(working)
        self.export_button.setEnabled(not working)
        self.print_button.setEnabled(not working)
