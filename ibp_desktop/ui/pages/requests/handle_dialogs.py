"""Handling a request: extend the deadline by two months, record the answer, or (the FG) add a remark.
The service checks the rules (e.g. "told within the first month") and its Dutch message is shown inline."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from ibp_desktop.core import requests as rules
from ibp_desktop.core.register_records import RequestDetail
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.fields import RadioChoice, date_edit, day_of, day_text, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog


class RequestDialogBase(RecordDialog):
    area = ops.REQUESTS

    def __init__(self, context: AppContext, detail: RequestDetail, title: str, intro: str, ok: str,
                 parent: QWidget | None) -> None:
        super().__init__(f"{title} – verzoek {detail.row.number}", intro, ok, parent)
        self.context = context
        self.detail = detail

    def service(self) -> RequestService:
        return RequestService(self.context.database, self.context.actor)


class ExtendDialog(RequestDialogBase):
    def __init__(self, context: AppContext, detail: RequestDetail, parent: QWidget | None = None) -> None:
        first = day_text(detail.original_deadline)
        longer = day_text(rules.moved_deadline(rules.extended_deadline(detail.row.received_on)))
        super().__init__(
            context, detail, "Termijn verlengen",
            f"Bij een ingewikkeld verzoek, of bij veel verzoeken, mag de school twee maanden langer nemen: "
            f"tot {longer}. Dat mag alleen als u de verzoeker dat binnen de eerste maand laat weten, dus "
            f"uiterlijk op {first}, met de reden.",
            "Verlengen", parent,
        )
        self.reason = text_box(lines=3, placeholder="Bijvoorbeeld: veel documenten in het dossier")
        self.form.addRow("Reden:", self.reason)
        self.informed = date_edit(context.today())
        self.form.addRow("Verzoeker geïnformeerd op:", self.informed)

    def submit(self) -> None:
        row, today = self.detail.row, self.context.today()
        reason, informed = self.reason.toPlainText(), day_of(self.informed)
        service = self.service()
        self.save(lambda: service.extend(row.id, row.version, reason, informed, today=today))


class AnswerDialog(RequestDialogBase):
    def __init__(self, context: AppContext, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            context, detail, "Beantwoorden",
            "Leg vast wat de school heeft geantwoord en wanneer (uiterlijk op "
            f"{day_text(detail.row.deadline)}). "
            "Wijst u het verzoek (deels) af, schrijf dan de redenen op; in de brief staat ook dat de "
            "verzoeker een klacht kan indienen bij de Autoriteit Persoonsgegevens of naar de rechter kan.",
            "Antwoord vastleggen", parent,
        )
        self.outcome = RadioChoice([(text, code) for code, text in rules.OUTCOME_LABELS.items()])
        self.outcome.changed.connect(self._outcome_changed)
        self.form.addRow("Uitkomst:", self.outcome)
        self.answered = date_edit(context.today())
        self.form.addRow("Beantwoord op:", self.answered)
        self.reasons = text_box(lines=4)
        self.form.addRow("Redenen:", self.reasons)
        self.reasons_hint = label("", "muted", wrap=False)
        self.form.addRow("", self.reasons_hint)
        self.fg = QCheckBox("De FG is om advies gevraagd")
        self.fg.setChecked(detail.row.fg_consulted)
        self.form.addRow("FG:", self.fg)
        self._outcome_changed()

    def _outcome_changed(self) -> None:
        refused = self.outcome.value() != rules.Outcome.GRANTED
        self.reasons_hint.setText("Verplicht bij (deels) afwijzen." if refused else
                                  "Niet verplicht bij toewijzen; wel handig voor later.")

    def submit(self) -> None:
        row, today = self.detail.row, self.context.today()
        outcome = rules.Outcome(self.outcome.value())
        answered, reasons, fg = day_of(self.answered), self.reasons.toPlainText(), self.fg.isChecked()
        service = self.service()
        self.save(lambda: service.answer(row.id, row.version, outcome, answered, reasons, fg, today=today))


class RemarkDialog(RequestDialogBase):
    """The FG's advice: added to the request with name and time; the facts stay as they are."""

    def __init__(self, context: AppContext, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            context, detail, "Opmerking van de FG",
            "Uw advies of opmerking komt bij het verzoek te staan, met uw naam en de tijd. De gegevens van "
            "het verzoek zelf veranderen niet.",
            "Toevoegen", parent,
        )
        self.text = text_box(lines=5)
        self.form.addRow("Opmerking:", self.text)

    def submit(self) -> None:
        request_id, text, today = self.detail.row.id, self.text.toPlainText(), self.context.today()
        service = self.service()
        self.save(lambda: service.add_remark(request_id, text, today))
