"""Evidence files of one record (an incident, request, DPIA, complaint or processor agreement): a list,
"Bestand toevoegen…", "Openen" and "Verwijderen…".

Opening writes the decrypted bytes to a private temporary folder and hands the file to the system's
viewer. The copy is removed after a few minutes (the viewer has read it by then) and at the latest when
the program quits, so no readable copy outlives the session.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.accountability.records import EvidenceRow
from ibp_desktop.services.accountability.evidence import EvidenceService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask, show_error
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.fields import day_text

FILE_FILTER = "Bewijsstukken (*.pdf *.png *.jpg *.jpeg *.gif *.tif *.tiff *.heic *.eml *.msg)"
KEEP_COPY_MS = 5 * 60 * 1000
ID_ROLE = Qt.ItemDataRole.UserRole


class TemporaryCopies:
    """Decrypted copies for the viewer; each is removed after ``KEEP_COPY_MS`` and at quit."""

    def __init__(self) -> None:
        self.folders: list[Path] = []
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remove_all)

    def write(self, file_name: str, data: bytes, keep_ms: int = KEEP_COPY_MS) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="ibp-bewijs-"))
        target = folder / file_name
        target.write_bytes(data)
        self.folders.append(folder)
        QTimer.singleShot(keep_ms, lambda: self.remove(folder))
        return target

    def remove(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if folder in self.folders:
            self.folders.remove(folder)

    def remove_all(self) -> None:
        for folder in list(self.folders):
            self.remove(folder)


COPIES: TemporaryCopies | None = None


def copies() -> TemporaryCopies:
    global COPIES
    if COPIES is None:
        COPIES = TemporaryCopies()
    return COPIES


class EvidenceBox(QWidget):
    def __init__(self, context: AppContext, kind: str, can_manage: bool, can_view: bool = True) -> None:
        super().__init__()
        self.context, self.kind, self.can_manage, self.can_view = context, kind, can_manage, can_view
        self.owner_id: int | None = None
        self.opened: list[Path] = []
        self.acting = object()  # ops group: one add/open/remove at a time, apart from the list's load
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label("Bewijsstukken", "sectionTitle"))
        self.files = QListWidget()
        self.files.setAccessibleName("Bewijsstukken")
        self.files.setMaximumHeight(64)
        self.files.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.files.currentItemChanged.connect(lambda *_: self._update_buttons())
        column.addWidget(self.files)
        row = QHBoxLayout()
        self.add_button = QPushButton("Bestand toevoegen…")
        self.add_button.clicked.connect(self.choose_file)
        self.open_button = QPushButton("Openen")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Verwijderen…")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.open_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        if not can_manage:
            self.add_button.hide()
            self.remove_button.hide()
        self.show_files(None, ())
        if not can_view:  # e.g. someone who may report an incident but not read the register
            self.hide()  # (setVisible(True) here would show the box as a window of its own)
        ops.watch(self, (ops.EVIDENCE,), self.reload)  # e.g. the same record's files in another page

    def service(self) -> EvidenceService:
        return EvidenceService(self.context.database, self.context.actor)

    def show_files(self, owner_id: int | None, rows: tuple[EvidenceRow, ...] | list[EvidenceRow]) -> None:
        self.owner_id = owner_id
        self.files.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.file_name}  ({_size(row.size)}, {day_text(row.added_at.date())})")
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.note or row.file_name)
            self.files.addItem(item)
        if not rows:
            empty = QListWidgetItem("Nog geen bestanden." if owner_id is not None else "")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.files.addItem(empty)
        self._update_buttons()

    def show_owner(self, owner_id: int | None) -> None:
        """Show the files of this record (None: no record chosen)."""
        if owner_id is None:
            self.show_files(None, ())
            return
        self.owner_id = owner_id
        self.reload()

    def reload(self) -> None:
        owner_id, service, kind = self.owner_id, self.service(), self.kind
        if owner_id is None or not self.can_view:
            return
        # again: another record chosen while loading shows that record's files
        ops.query(self, lambda: service.list_files(kind, owner_id),
                  lambda rows: self.show_files(owner_id, rows), what="evidence list", again=True)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Bewijsstuk toevoegen", "", FILE_FILTER)
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        if self.owner_id is None:
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            show_error(self, f"{path.name} kan niet worden gelezen: {error.strerror}.")
            return
        owner_id, service, kind = self.owner_id, self.service(), self.kind
        # afterwards data_changed(EVIDENCE) reloads the list (ops.watch)
        ops.mutate(self, ops.EVIDENCE, lambda: service.attach(kind, owner_id, path.name, data), _nothing,
                   wait=[self.add_button], what="evidence attach", group=self.acting)

    def open_selected(self) -> None:
        evidence_id = self._selected_id()
        if evidence_id is None:
            return
        service = self.service()
        ops.query(self, lambda: service.content(evidence_id), self._opened, wait=[self.open_button],
                  what="evidence open", group=self.acting)

    def _opened(self, result: tuple[EvidenceRow, bytes]) -> None:
        row, data = result
        target = copies().write(row.file_name, data)
        self.opened.append(target)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            show_error(self, f"Er is geen programma gevonden om {row.file_name} te openen.")

    def remove_selected(self) -> None:
        evidence_id = self._selected_id()
        item = self.files.currentItem()
        if evidence_id is None or item is None:
            return
        name = item.text().split("  (")[0]
        if not ask(
            self,
            "Bestand verwijderen",
            f"{name} wordt uit het programma verwijderd. Dit kan niet ongedaan worden gemaakt.",
            "Verwijderen",
        ):
            return
        service = self.service()
        ops.mutate(self, ops.EVIDENCE, lambda: service.remove(evidence_id), _nothing,
                   wait=[self.remove_button], what="evidence remove", group=self.acting)

    def _selected_id(self) -> int | None:
        item = self.files.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        has_owner = self.owner_id is not None
        self.add_button.setEnabled(has_owner)
        chosen = self._selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)


def _nothing(_result: object) -> None:
    """After a change the list reloads through ops.watch."""


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
