"""Beheer: where the automatic backups go, when the last good one was made, and a backup now."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ibp_desktop.ui import ops
from ibp_desktop.ui.background import Task
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask
from ibp_desktop.ui.texts import date_time
from ibp_desktop.ui.theme import SectionBox, label

if TYPE_CHECKING:
    from ibp_desktop.services.database.settings import BackupSettingsService


class BackupGroup(SectionBox):
    """Only for users with MANAGE_SETTINGS on a database file (a server has its own backups)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__("Back-ups")
        self.context = context
        self.task: Task | None = None
        column = QVBoxLayout(self)
        column.addWidget(label(
            "Het programma maakt bij het afsluiten (hoogstens één keer per dag) een versleutelde back-up. "
            "Kies een map op een netwerkschijf of USB-schijf, zodat een kapotte of gestolen pc geen "
            "gegevens kost. Met de herstelsleutel uit de kluis opent de back-up ook op een andere pc.",
            "muted"))
        self.folder_label = label("", wrap=True)
        self.last_label = label("", "muted")
        column.addWidget(self.folder_label)
        column.addWidget(self.last_label)
        row = QHBoxLayout()
        self.choose_button = QPushButton("Map kiezen…")
        self.choose_button.clicked.connect(self.choose_folder)
        self.backup_button = QPushButton("Nu een back-up maken")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Back-up terugzetten…")
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.choose_button)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        column.addLayout(row)
        self.refresh()

    def _service(self) -> BackupSettingsService:
        from ibp_desktop.services.database.settings import BackupSettingsService

        return BackupSettingsService(self.context.database, self.context.actor)

    def refresh(self) -> None:
        location = self.context.location
        ops.query(self, lambda: self._service().backup_state(location), self._show_state, group=ops.EVERY,
                  what="backup state")

    def _show_state(self, state: object) -> None:
        from ibp_desktop.services.database.settings import BackupState

        assert isinstance(state, BackupState)
        self.folder_label.setText(f"Back-upmap: {state.folder}")
        if state.last is None:
            self.last_label.setText("Er is nog geen back-up gemaakt.")
        else:
            self.last_label.setText(f"Laatste goede back-up: {date_time(state.last.at)} ({state.last.path})")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Map voor de back-ups kiezen")
        if not folder:
            return
        service = self._service()
        ops.mutate(self, ops.BACKUP, lambda: service.set_backup_folder(folder), lambda _r: self.refresh(),
                   group=self.choose_button, what="backup folder")

    def restore(self) -> None:
        """Put a backup back; the program closes the database, restores, and asks to log in again."""
        start = self.folder_label.text().removeprefix("Back-upmap: ")
        name, _ = QFileDialog.getOpenFileName(self, "Back-up kiezen", start, "IBP-back-up (*.sqlite3)")
        if not name:
            return
        if not ask(
            self,
            "Back-up terugzetten",
            f"De back-up {Path(name).name} wordt teruggezet. Alles wat na die back-up is ingevoerd, staat "
            "daarna niet meer in het programma. De huidige database wordt niet gewist maar apart bewaard "
            "in de gegevensmap (ibp.voor-herstel-…). Daarna logt u opnieuw in.",
            "Terugzetten",
        ):
            return
        self.context.restore_requested.emit(Path(name))

    def backup_now(self) -> None:
        location = self.context.location
        self.task = ops.mutate(self, ops.BACKUP, lambda: self._service().backup_now(location),
                               lambda _info: self.refresh(), wait=[self.backup_button], always=self._idle,
                               group=self.backup_button, what="backup now")
        if self.task is not None:
            self.backup_button.setText("Bezig met de back-up…")

    def _idle(self) -> None:
        self.backup_button.setText("Nu een back-up maken")
