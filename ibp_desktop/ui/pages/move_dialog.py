"""Beheer on the board's server: move a school's own database file (from its PC) onto the server.

First a dry run that shows what would happen (counts, accounts renamed or changed); then, after one
question, the move itself. The file stays behind as the school's read-only copy.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from ibp_desktop.ui.dialogs import FormDialog, ask

if TYPE_CHECKING:
    from ibp_desktop.services.database.move import MoveReport
    from ibp_desktop.ui.context import AppContext


class MoveSchoolDialog(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "School van een pc verhuizen",
            "Kies de gegevensmap van de school op deze pc (daar staat ibp.sqlite3). Eerst volgt een "
            "proefdraai: u ziet wat er verhuist en welke accounts een andere naam of rol krijgen. Er "
            "verandert dan nog niets.",
            "Proefdraai",
            parent,
        )
        self.context = context
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("bijvoorbeeld C:\\Users\\...\\AppData\\Local\\IBP Desktop")
        choose = QPushButton("Kiezen…")
        choose.clicked.connect(self.choose_folder)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder, 1)
        line.addWidget(choose)
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("alleen als deze pc de sleutel van het bestand niet heeft")
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setMinimumHeight(260)
        self.form.addRow("Gegevensmap:", row)
        self.form.addRow("Herstelsleutel:", self.recovery_key)
        self.form.addRow(self.report)
        self.report.hide()
        self.setMinimumWidth(760)
        self.tried: Path | None = None  # the folder of a successful dry run
        self.result_value: MoveReport | None = None

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Gegevensmap van de school")
        if chosen:
            self.folder.setText(chosen)

    def submit(self) -> None:
        if self.result_value is not None:  # moved: the button now closes
            self.done_ok()
            return
        text = self.folder.text().strip()
        if not text:
            self.show_error("Kies de gegevensmap van de school.")
            return
        folder = Path(text)
        dry_run = self.tried != folder
        if not dry_run and not ask(
            self, "School verhuizen",
            "De school komt op de server. Het bestand op deze pc kan daarna alleen nog worden bekeken. "
            "Doorgaan?", "Verhuizen"):
            return
        busy = "Proefdraai…" if dry_run else "De school verhuist…"
        self.submit_in_background(lambda: self._move(folder, dry_run), self._done, busy)

    def _move(self, folder: Path, dry_run: bool) -> tuple[Any, float]:
        from ibp_desktop.services.database.connection import open_location, server_account
        from ibp_desktop.services.database.move import MoveService
        from ibp_desktop.services.location import Location

        key = self.recovery_key.text().strip() or None
        local = open_location(Location(data_dir=folder), recovery_key=key)
        try:
            url = self.context.location.database_url or ""
            started = time.perf_counter()
            report = MoveService(self.context.database, self.context.actor).move_school(
                local, server_label=server_account(url), dry_run=dry_run
            )
            return report, time.perf_counter() - started
        finally:
            local.dispose()

    def _done(self, result: tuple[Any, float]) -> None:
        from ibp_desktop.services.database.move import report_lines

        report, seconds = result
        self.report.setPlainText("\n".join(report_lines(report, seconds)))
        self.report.show()
        if report.dry_run:
            self.tried = Path(self.folder.text().strip())
            self.ok_button.setText("Verhuizen")
            return
        self.result_value = report
        self.ok_button.setText("Sluiten")
        if self.cancel_button is not None:
            self.cancel_button.hide()
