"""One scanned page under review: the pupil, per purpose the cut-out of the Ja/Nee boxes and the answer
read, the signature field, the relation. Keys as in fast entry: J ja, N nee, Delete empty, Up/Down to the
previous/next purpose, H signature yes/no. Unsure answers and a missing signature are highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.consent.rules import RELATION_LABELS, Relation
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

if TYPE_CHECKING:
    from ibp_desktop.services.consent.scans import ScannedPage
    from ibp_desktop.ui.context import AppContext

ANSWER_TEXT = {True: "Ja", False: "Nee", None: "—"}


def _pixmap(png: bytes, width: int) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    return (
        pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        if not pixmap.isNull()
        else pixmap
    )


def _badge(widget: QLabel, level: str) -> None:
    background, text = LEVEL_COLOURS[level]
    widget.setStyleSheet(f"background: {background}; color: {text}; border-radius: 4px; padding: 2px 8px;")


class PageReview(QFrame):
    """Shows one page and keeps the reviewer's corrections (``answers``, ``signed``, ``relation``)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page: ScannedPage | None = None
        self.purposes: list[tuple[int, str]] = []  # (purpose id, label) shown
        self.answers: dict[int, bool | None] = {}
        self.checked: set[int] = set()  # unsure purposes the reviewer answered
        self.row = 0
        layout = QVBoxLayout(self)
        self.heading = label("", "h2")
        self.message = label("", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        self.relation = QComboBox()
        for relation in Relation:
            self.relation.addItem(RELATION_LABELS[relation], relation)
        self.signed = QCheckBox("Handtekening aanwezig (H)")
        self.signed.toggled.connect(lambda _on: self._signature_state())
        bottom.addWidget(label("Relatie:", wrap=False))
        bottom.addWidget(self.relation)
        bottom.addSpacing(16)
        bottom.addWidget(self.signed)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.signature = QLabel()
        self.signature_state = label("", wrap=False)
        layout.addWidget(self.signature_state)
        layout.addWidget(self.signature)
        self.cells: list[QLabel] = []

    def show_page(self, page: ScannedPage, purposes: list[tuple[int, str]]) -> None:
        """``purposes``: the page's own, or the current form's for a page linked by hand."""
        self.page = page
        self.purposes = [(a.purpose_id, a.label) for a in page.answers] or purposes
        self.answers = {a.purpose_id: (a.value if a.sure else None) for a in page.answers}
        self.checked = set()
        pupil = page.pupil.name if page.pupil else "nog geen leerling gekozen"
        self.heading.setText(f"{page.label}: {pupil}")
        state = page.state_label
        self.message.setText(page.message if page.message.startswith(state) else f"{state}. {page.message}")
        self.relation.setCurrentIndex(list(Relation).index(page.relation))
        self.signed.setChecked(bool(page.signed))
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cells = []
        unsure = {a.purpose_id for a in page.answers if not a.sure}
        cutouts = {a.purpose_id: a.cutout for a in page.answers}
        for row, (purpose_id, text) in enumerate(self.purposes):
            self.grid.addWidget(label(text, wrap=True), row, 0)
            picture = QLabel()
            if purpose_id in cutouts:
                picture.setPixmap(_pixmap(cutouts[purpose_id], 240))
            self.grid.addWidget(picture, row, 1)
            cell = QLabel()
            cell.setMinimumWidth(120)
            self.cells.append(cell)
            self.grid.addWidget(cell, row, 2)
            if purpose_id in unsure:
                cell.setProperty("unsure", True)
        if page.signature_cutout:
            self.signature.setPixmap(_pixmap(page.signature_cutout, 520))
        else:
            self.signature.clear()
        self.row = next((i for i, (pid, _t) in enumerate(self.purposes) if pid in unsure), 0)
        self._paint()
        self._signature_state()

    def unresolved(self) -> list[str]:
        """Unsure purposes the reviewer has not answered yet."""
        if self.page is None:
            return []
        unsure = [a for a in self.page.answers if not a.sure]
        return [a.label for a in unsure if a.purpose_id not in self.checked]

    def chosen_relation(self) -> Relation:
        value = self.relation.currentData()
        return value if isinstance(value, Relation) else Relation.GUARDIAN_1

    def _paint(self) -> None:
        for row, cell in enumerate(self.cells):
            purpose_id = self.purposes[row][0]
            value = self.answers.get(purpose_id)
            unsure = bool(cell.property("unsure")) and purpose_id not in self.checked
            text = "Niet zeker" if unsure else ANSWER_TEXT[value]
            _badge(cell, "amber" if unsure else "green" if value else "red" if value is False else "grey")
            marker = "▶ " if row == self.row else ""
            cell.setText(marker + text)

    def _signature_state(self) -> None:
        if self.signed.isChecked():
            self.signature_state.setText("Handtekening: aanwezig")
            _badge(self.signature_state, "green")
        else:
            self.signature_state.setText(
                "Handtekening: ontbreekt. Zonder handtekening wordt niets opgeslagen."
            )
            _badge(self.signature_state, "red")
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.purposes:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            purpose_id = self.purposes[self.row][0]
            self.answers[purpose_id] = True if key == Qt.Key.Key_J else False if key == Qt.Key.Key_N else None
            self.checked.add(purpose_id)
            self.row = min(self.row + 1, len(self.purposes) - 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            self.row = max(0, min(self.row + step, len(self.purposes) - 1))
        elif key == Qt.Key.Key_H:
            self.signed.setChecked(not self.signed.isChecked())
        else:
            super().keyPressEvent(event)
            return
        self._paint()
        self.changed.emit()


class ScanPageDialog(QDialog):
    """A kept scanned page (proof of consent), loaded in the background; viewing it is logged."""

    def __init__(self, context: AppContext, scan_id: int, parent: QWidget | None = None) -> None:
        from ibp_desktop.services.consent.scans import ConsentScanService
        from ibp_desktop.ui import ops
        from ibp_desktop.ui.dialogs import message_of

        super().__init__(parent)
        self.setWindowTitle("Gescande pagina")
        self.resize(760, 700)
        layout = QVBoxLayout(self)
        self.picture = QLabel("Bezig met laden…")
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll)
        service = ConsentScanService(context.database, context.actor)
        # Looking writes only an audit entry (no record changes): a query.
        # A refusal (destroyed by the retention schedule, no permission) shows where the page would be.
        ops.query(self, lambda: service.page_image(scan_id), self._loaded,
                  on_refused=lambda e: self.picture.setText(message_of(e)), what="scan page")

    def _loaded(self, jpeg: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg, "JPEG")
        self.picture.setPixmap(pixmap.scaledToWidth(720, Qt.TransformationMode.SmoothTransformation))
