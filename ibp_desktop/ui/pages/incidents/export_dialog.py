"""Register exporteren: the incident register over a period, as PDF (for the FG) or CSV."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QButtonGroup, QDateEdit, QHBoxLayout, QRadioButton, QWidget

from ibp_desktop.services.incidents.documents import IncidentDocumentService
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    return edit


class ExportDialog(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "Register exporteren",
            "Het register met één regel per incident dat in deze periode is ontdekt, met totalen: soort, "
            "data, meldplichtig, op tijd gemeld bij de AP, betrokkenen geïnformeerd en status.",
            "Maken en opslaan…",
            parent,
        )
        self.context = context
        today = context.today()
        self.date_from = _date_edit(date(today.year, 1, 1))
        self.date_to = _date_edit(today)
        self.form.addRow("Ontdekt vanaf:", self.date_from)
        self.form.addRow("Tot en met:", self.date_to)
        formats = QWidget()
        row = QHBoxLayout(formats)
        row.setContentsMargins(0, 0, 0, 0)
        self.pdf = QRadioButton("PDF (om te lezen en te printen)")
        self.csv = QRadioButton("CSV (voor een spreadsheet)")
        group = QButtonGroup(self)
        for button in (self.pdf, self.csv):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.pdf.setChecked(True)
        self.form.addRow("Bestand:", formats)
        self.result_data: bytes = b""
        self.suggested_name = ""

    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def submit(self) -> None:
        start, end = self.period()
        if end < start:
            self.show_error(f"De einddatum {end:%d-%m-%Y} ligt vóór de begindatum {start:%d-%m-%Y}. "
                            "Draai ze om.")
            return
        service = IncidentDocumentService(self.context.database, self.context.actor)
        school_id, as_csv = self.context.school_id, self.csv.isChecked()
        self.suggested_name = f"incidentenregister-{start:%Y%m%d}-{end:%Y%m%d}.{'csv' if as_csv else 'pdf'}"

        def work() -> bytes:
            if as_csv:
                return service.register_csv(start, end, school_id)
            return service.register_pdf(start, end, school_id)

        self.submit_in_background(work, self._made, "Register maken…")

    def _made(self, data: bytes) -> None:
        self.result_data = data
        self.done_ok()
