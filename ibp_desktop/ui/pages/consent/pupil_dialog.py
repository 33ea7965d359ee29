"""One pupil's image consent: status per purpose, the full append-only history, corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.roles import Permission
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.consent.common import TONE_COLOURS, consent_service, dmy
from ibp_desktop.ui.pages.consent.pupil_dialogs import FormEntryDialog, WithdrawDialog
from ibp_desktop.ui.texts import date_time
from ibp_desktop.ui.theme import label, make_primary

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import DecisionRow, PupilConsentStatus
    from ibp_desktop.services.consent.forms import FormVersionInfo
    from ibp_desktop.ui.context import AppContext

HISTORY_COLUMNS = (
    "Datum", "Doel", "Antwoord", "Gegeven door", "Relatie", "Kanaal", "Formulier", "Ingevoerd door",
    "Vervolgactie / opmerking",
)  # fmt: skip


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class PupilConsentDialog(QDialog):
    changed = Signal(int)  # pupil id, after a form or a withdrawal was saved

    def __init__(
        self, context: AppContext, school_id: int, pupil_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.school_id = school_id
        self.pupil_id = pupil_id
        self.status: PupilConsentStatus | None = None
        self.history: list[DecisionRow] = []
        self.form: FormVersionInfo | None = None
        self.dialog: QDialog | None = None  # the dialog opened last (tests look at it)
        self.setWindowTitle("Toestemming van de leerling")
        self.resize(1180, 640)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.heading = label("Laden…", "sectionTitle")
        layout.addWidget(self.heading)
        self.warning = label("", "error")
        self.warning.hide()
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.status_table = _table(("Doel", "Nu"))
        self.status_table.setMinimumWidth(420)
        self.status_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.status_table.horizontalHeader().setStretchLastSection(False)
        self.status_table.itemDoubleClicked.connect(lambda _item: self.withdraw())
        row.addWidget(self.status_table, 2)
        history_box = QVBoxLayout()
        history_box.addWidget(label("Geschiedenis (alles wat is vastgelegd, oudste eerst)", "muted"))
        self.history_table = _table(HISTORY_COLUMNS)
        self.history_table.setWordWrap(False)
        history_box.addWidget(self.history_table, 1)
        row.addLayout(history_box, 5)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        can_record = context.actor.can(Permission.RECORD_CONSENT)
        self.entry_button = QPushButton("Formulier invoeren…")
        self.entry_button.clicked.connect(self.enter_form)
        self.withdraw_button = QPushButton("Intrekken…")
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        self.pdf_button = QPushButton("Geschiedenis (PDF)…")
        self.pdf_button.clicked.connect(self.history_pdf)
        for button, allowed in (
            (self.entry_button, can_record),
            (self.withdraw_button, can_record),
            (self.pdf_button, context.actor.can(Permission.PRINT_CONSENT)),
        ):
            button.setVisible(allowed)
            button.setAutoDefault(False)
            button.setEnabled(False)
            buttons.addWidget(button)
        # Proof of a scanned form (issue 18): the kept page of the chosen history line.
        self.scan_button = QPushButton("Pagina bekijken…")
        self.scan_button.setAutoDefault(False)
        self.scan_button.setEnabled(False)
        self.scan_button.clicked.connect(self.show_scan)
        self.history_table.itemSelectionChanged.connect(self._scan_selected)
        self.history_table.itemDoubleClicked.connect(lambda _item: self.show_scan())
        buttons.addWidget(self.scan_button)
        buttons.addStretch(1)
        close = QPushButton("Sluiten")
        close.setDefault(True)
        make_primary(close)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        service = consent_service(self.context)
        pupil_id, school_id = self.pupil_id, self.school_id

        def work() -> Any:
            return service.pupil_status(pupil_id), service.history(pupil_id), service.current_form(school_id)

        ops.query(self, work, self._loaded, group=ops.EVERY,
                  on_refused=lambda e: self.heading.setText(message_of(e)))

    def _loaded(self, result: Any) -> None:
        self.status, self.history, self.form = result
        status = self.status
        pupil = status.pupil
        group = f"groep {pupil.group_name}" if pupil.group_name else "geen groep"
        number = f", leerlingnummer {pupil.pupil_number}" if pupil.pupil_number else ""
        self.heading.setText(f"{pupil.name} ({group}, geboren {dmy(pupil.date_of_birth)}{number})")
        notes = [status.warning] if status.warning else []
        if status.conflict:
            notes.append("Ouders/verzorgers zijn het oneens over een doel; dan geldt nee.")
        self.warning.setText(" ".join(notes))
        self.warning.setVisible(bool(notes))
        self.status_table.setRowCount(len(status.purposes))
        for index, purpose in enumerate(status.purposes):
            self.status_table.setItem(index, 0, _item(purpose.label))
            cell = _item(f"{purpose.status.mark} – {purpose.status.label}")
            background, text = TONE_COLOURS[purpose.status.tone]
            cell.setBackground(QBrush(QColor(background)))
            cell.setForeground(QBrush(QColor(text)))
            self.status_table.setItem(index, 1, cell)
        self.history_table.setRowCount(len(self.history))
        for index, row in enumerate(self.history):
            note = "; ".join(part for part in (row.follow_up, row.note) if part)
            values = (
                dmy(row.given_on), row.purpose_label, row.answer, row.given_by, row.relation_label,
                row.channel_label, f"versie {row.form_number} ({row.school_year})",
                f"{row.recorded_by}, {date_time(row.recorded_at)}", note,
            )  # fmt: skip
            for column, value in enumerate(values):
                self.history_table.setItem(index, column, _item(value, value if column == 8 else ""))
        self.history_table.resizeColumnsToContents()
        self.history_table.scrollToBottom()
        for button in (self.entry_button, self.withdraw_button, self.pdf_button):
            button.setEnabled(True)

    def _selected_purpose(self) -> int | None:
        rows = self.status_table.selectionModel().selectedRows()
        if not rows or self.status is None:
            return None
        return self.status.purposes[rows[0].row()].purpose_id

    def withdraw(self, purpose_id: int | None = None) -> None:
        if self.status is None or not self.withdraw_button.isVisible():
            return
        dialog = WithdrawDialog(
            self.context, self.status, self.history, purpose_id or self._selected_purpose(), self
        )
        self.dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit(self.pupil_id)
            self.reload()

    def enter_form(self) -> None:
        if self.status is None or self.form is None:
            return
        dialog = FormEntryDialog(self.context, self.status, self.history, self.form.purposes, self)
        self.dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit(self.pupil_id)
            self.reload()

    def _scan_id(self) -> int | None:
        rows = self.history_table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.history):
            return None
        return self.history[rows[0].row()].scan_id

    def _scan_selected(self) -> None:
        self.scan_button.setEnabled(self._scan_id() is not None)

    def show_scan(self) -> None:
        from ibp_desktop.ui.pages.consent.scan_review import ScanPageDialog

        scan_id = self._scan_id()
        if scan_id is not None:
            self.dialog = ScanPageDialog(self.context, scan_id, self)
            self.dialog.open()

    def history_pdf(self) -> None:
        if self.status is None:
            return
        service, pupil_id = consent_service(self.context), self.pupil_id
        title = f"Toestemming {self.status.pupil.name}"
        ops.document(self, lambda: service.history_pdf(pupil_id), title=title, group=self.heading)
