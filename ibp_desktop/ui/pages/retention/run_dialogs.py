"""Dialogs of a clean-up run: recording destruction outside the program, and the questions asked before
approving, carrying out and cancelling."""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from ibp_desktop.core.retention.records import LineKind, Outcome, RunDetail, RunLine
from ibp_desktop.services.retention.runs import RetentionRunService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.retention.common import date_edit, from_qdate, system_text

IRREVERSIBLE = "Dit kan niet ongedaan worden gemaakt."


def _program_count(detail: RunDetail) -> int:
    return sum(
        ln.record_count for ln in detail.lines if ln.kind is LineKind.PROGRAM and ln.outcome is Outcome.OPEN
    )


def _external(detail: RunDetail) -> list[RunLine]:
    return [ln for ln in detail.lines if ln.kind is LineKind.EXTERNAL]


def _bullets(lines: list[RunLine], key: str) -> str:
    counts = Counter(
        f"{ln.system_label}: {ln.category_label}" if key == "system" else ln.category_label for ln in lines
    )
    return (
        "<ul style='margin:0'>" + "".join(f"<li>{escape(k)}: {n}</li>" for k, n in counts.items()) + "</ul>"
    )


def approve_text(detail: RunDetail) -> str:
    program, external = _program_count(detail), _external(detail)
    exceptions = sum(1 for ln in detail.lines if ln.kind is LineKind.EXCEPTION)
    parts = [
        f"<p>U keurt opruimronde {escape(detail.run.number)} goed (voorgesteld door "
        f"{escape(detail.run.proposed_by)}). Daarna kan de administratie hem uitvoeren:</p><ul>",
        f"<li><b>{program} {'gegeven' if program == 1 else 'gegevens'} in dit programma</b> worden dan "
        "definitief verwijderd;</li>",
    ]
    if external:
        parts.append(
            f"<li><b>{len(external)} stukken buiten het programma</b> moeten worden vernietigd "
            "(LAS, papieren archief of verwerker);</li>"
        )
    if exceptions:
        parts.append(f"<li>{exceptions} stukken met een juridische blokkade blijven bewaard.</li>")
    parts.append("</ul>")
    return "".join(parts)


def execute_text(detail: RunDetail) -> str:
    program, external = _program_count(detail), _external(detail)
    program_lines = [ln for ln in detail.lines if ln.kind is LineKind.PROGRAM and ln.outcome is Outcome.OPEN]
    text = (
        f"<p>Opruimronde {escape(detail.run.number)} uitvoeren: <b>{program} "
        f"{'gegeven' if program == 1 else 'gegevens'} in dit programma "
        "worden nu definitief verwijderd</b>, zonder sporen in het databasebestand:</p>"
    )
    if program_lines:
        text += _bullets(program_lines, "category")
    open_external = [ln for ln in external if ln.outcome is Outcome.OPEN]
    if open_external:
        text += (
            f"<p>De {len(open_external)} stukken buiten het programma worden niet door het programma "
            "vernietigd; leg daarna vast wie dat deed, wanneer en hoe.</p>"
        )
    return text + f"<p><b>{IRREVERSIBLE}</b></p>"


def cancel_text(detail: RunDetail) -> str:
    return (
        f"<p>Opruimronde {escape(detail.run.number)} annuleren? Er wordt niets verwijderd; de stukken "
        "komen terug op de lijst 'Wat moet weg' en kunnen in een nieuwe ronde worden voorgesteld.</p>"
    )


class RecordExternalDialog(FormDialog):
    """Who destroyed the records outside the program, when, how, and the processor's certificate."""

    areas = (ops.RETENTION,)


    def __init__(self, context: AppContext, detail: RunDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            "Vernietiging buiten het programma vastleggen",
            f"Leg vast dat stukken van opruimronde {detail.run.number} buiten dit programma zijn vernietigd "
            "(in het LAS, het papieren archief of door een verwerker). Kies de regels waarvoor het geldt.",
            "Vastleggen",
            parent,
        )
        self.context, self.detail = context, detail
        self.lines = [ln for ln in _external(detail) if ln.outcome is Outcome.OPEN]
        self.done_by = QLineEdit()
        self.done_by.setPlaceholderText("bijvoorbeeld: Shredderbedrijf Veilig BV, of uw eigen naam")
        self.done_on = date_edit(context.today(), maximum=context.today())
        self.method = QLineEdit()
        self.method.setPlaceholderText(
            "bijvoorbeeld: vernietigd door shredderbedrijf / verwijderd uit het LAS"
        )
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText("nummer van het vernietigingscertificaat (mag leeg)")
        self.category = QComboBox()
        self.category.addItem("Alle open regels", None)
        for category in dict.fromkeys(ln.category_label for ln in self.lines):
            self.category.addItem(category, category)
        self.line_list = QListWidget()
        self.line_list.setMinimumHeight(160)
        for line in self.lines:
            item = QListWidgetItem(f"{line.shown} – {line.category_label} ({system_text(line.system)})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            self.line_list.addItem(item)
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.form.addRow("Vernietigd door:", self.done_by)
        self.form.addRow("Datum:", self.done_on)
        self.form.addRow("Hoe:", self.method)
        self.form.addRow("Certificaat:", self.certificate)
        self.form.addRow("Categorie:", self.category)
        self.form.addRow("Regels:", self.line_list)
        self.setMinimumWidth(760)
        self.result_detail: RunDetail | None = None

    def _category_chosen(self) -> None:
        wanted = self.category.currentData()
        for index, line in enumerate(self.lines):
            on = wanted is None or line.category_label == wanted
            self.line_list.item(index).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        return [
            int(self.line_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.line_list.count())
            if self.line_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        ids = self.checked_ids()
        if not ids:
            self.show_error("Vink de regels aan die zijn vernietigd.")
            return
        service = RetentionRunService(self.context.database, self.context.actor)
        run_id, by, how = self.detail.run.id, self.done_by.text(), self.method.text()
        when, ref, today = from_qdate(self.done_on.date()), self.certificate.text(), self.context.today()
        self.submit_in_background(
            lambda: service.record_external(
                run_id, done_by=by, done_on=when, method=how, certificate_ref=ref, line_ids=ids, today=today
            ),
            self._done,
            "Vastleggen…",
        )

    def _done(self, detail: RunDetail) -> None:
        self.result_detail = detail
        self.done_ok()
