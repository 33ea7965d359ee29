"""Export (PDF or CSV) and Print for a register page. Printing shows a preview of the very PDF that
"Als PDF" writes (UI.md). The documents are made by service methods through ops.document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QPushButton

from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.register_page import RegisterPage


class SchoolRegister(Protocol):
    """A register service that renders the whole register of one school (None: every school the user
    may see) as PDF and CSV, with the statuses as they are on ``today``."""

    def register_pdf(self, school_id: int | None, today: date | None = None) -> bytes: ...

    def register_csv(self, school_id: int | None, today: date | None = None) -> bytes: ...


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
        self.buttons = [self.export_button, self.print_button]

    @classmethod
    def for_school(cls, page: RegisterPage[Any], context: AppContext, title: str, file_stem: str,
                   service: Callable[[], SchoolRegister]) -> DocumentActions:
        """Export and Print of the register of the school chosen at the top, as it is at the click, on
        the context's day (the one the page's list uses; the demo and the tests set it)."""
        def pdf() -> Callable[[], bytes]:
            school_id, register, today = context.school_id, service(), context.today()
            return lambda: register.register_pdf(school_id, today)

        def csv() -> Callable[[], bytes]:
            school_id, register, today = context.school_id, service(), context.today()
            return lambda: register.register_csv(school_id, today)

        return cls(page, title, lambda: file_stem, pdf, csv)

    @property
    def working(self) -> bool:
        return ops.busy(self)

    def export_pdf(self) -> None:
        ops.document(self.page, self.make_pdf(), title=self.title, file_name=f"{self.file_stem()}.pdf",
                     wait=self.buttons, group=self)

    def export_csv(self) -> None:
        if self.make_csv is not None:
            ops.document(self.page, self.make_csv(), title=self.title, file_name=f"{self.file_stem()}.csv",
                         wait=self.buttons, group=self)

    def print_preview(self) -> None:
        ops.document(self.page, self.make_pdf(), title=self.title, wait=self.buttons, group=self)
