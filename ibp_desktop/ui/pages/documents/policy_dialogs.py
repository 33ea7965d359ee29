"""Dialogs of the policy documents: add a document, take a step of the status path (date and, for the
FG's advice or the GMR's refusal, a text), and record an evaluation."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ibp_desktop.core.policy.records import DocumentInput, DocumentRow, VersionRow
from ibp_desktop.core.policy.rules import (
    CYCLE_LABELS,
    GMR_BODY_LABELS,
    STEP_LABELS,
    Cycle,
    GmrBody,
    Step,
)
from ibp_desktop.services.policy.documents import PolicyDocumentService, default_documents
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.fields import date_edit, day_of, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog

STEP_INTROS: dict[Step, str] = {
    Step.FG_ADVICE: "Leg het advies van de FG over deze versie vast, met de datum van het advies.",
    Step.PROPOSE: (
        "Het bestuur legt deze versie als voorgenomen besluit voor aan de GMR-geleding die moet instemmen. "
        "Vul de datum in waarop het voorstel is verstuurd."
    ),
    Step.ADOPT: "Het bestuur heeft deze versie vastgesteld. Vul de datum van het bestuursbesluit in.",
    Step.GMR_CONSENT: (
        "De GMR heeft ingestemd met het voorgenomen besluit. Vul de datum van de vergadering in."
    ),
    Step.GMR_REFUSE: (
        "De GMR heeft niet ingestemd. Vul de datum en de reden in. Het bestuur kan deze versie dan niet "
        "vaststellen; een nieuw voorstel voegt u toe als nieuwe versie."
    ),
    Step.PUBLISH: "De versie is gepubliceerd (bijvoorbeeld op de website of in de schoolgids).",
}
TEXT_CAPTIONS = {Step.FG_ADVICE: "Advies van de FG:", Step.GMR_REFUSE: "Reden van de GMR:"}


class StepDialog(RecordDialog):
    area = ops.POLICY

    def __init__(
        self,
        context: AppContext,
        document: DocumentRow,
        version: VersionRow,
        step: Step,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            STEP_LABELS[step],
            f"{document.title}, versie {version.number}.\n{STEP_INTROS[step]}",
            "Vastleggen",
            parent,
        )
        self.context, self.version, self.step = context, version, step
        self.day = date_edit(context.today())
        self.form.addRow("Datum:", self.day)
        self.text = text_box(lines=4) if step in TEXT_CAPTIONS else None
        if self.text is not None:
            self.form.addRow(TEXT_CAPTIONS[step], self.text)

    def submit(self) -> None:
        service = PolicyDocumentService(self.context.database, self.context.actor)
        version, step, day = self.version, self.step, day_of(self.day)
        text = self.text.toPlainText() if self.text is not None else ""
        today = self.context.today()
        self.save(lambda: service.take_step(version.id, version.version, step, day, text, today))


class DocumentDialog(RecordDialog):
    """A document of the school or the board: title, cycle, GMR consent right."""
    area = ops.POLICY


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "Document toevoegen",
            "Een privacydocument van de school of het bestuur, bijvoorbeeld het protocol datalekken.",
            "Toevoegen",
            parent,
            width=560,
        )
        self.context = context
        self.title_field = QComboBox()
        self.title_field.setEditable(True)
        self.title_field.addItems(
            [d["title"] for d in default_documents(only_defaults=False) if not d["default"]]
        )
        self.title_field.setCurrentText("")
        editor = self.title_field.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("Bijvoorbeeld: Protocol datalekken")
        self.form.addRow("Titel:", self.title_field)
        self.cycle = QComboBox()
        for cycle in Cycle:
            self.cycle.addItem(CYCLE_LABELS[cycle], cycle.value)
        self.form.addRow("Evalueren:", self.cycle)
        self.gmr = QComboBox()
        self.gmr.addItem("Geen instemming nodig", None)
        for body in GmrBody:
            self.gmr.addItem(f"Instemming {GMR_BODY_LABELS[body]}", body)
        self.gmr.setToolTip(
            "PGMR: documenten over personeel. OGMR: documenten over leerlingen en ouders. "
            "Hele GMR: regels voor het hele beleid."
        )
        self.form.addRow("GMR:", self.gmr)
        self.school = QComboBox()
        self.school.addItem("Hele bestuur", 0)
        for school in context.schools:
            self.school.addItem(school.label, school.id)
        if context.school_id is not None:
            self.school.setCurrentIndex(max(self.school.findData(context.school_id), 0))
        self.form.addRow("Voor:", self.school)
        self.description = text_box(lines=3)
        self.form.addRow("Toelichting:", self.description)

    def submit(self) -> None:
        facts = DocumentInput(
            self.title_field.currentText(),
            Cycle(self.cycle.currentData()),
            self.gmr.currentData() is not None,
            self.description.toPlainText(),
            int(self.school.currentData()) or None,
            self.gmr.currentData(),
        )
        service = PolicyDocumentService(self.context.database, self.context.actor)
        today = self.context.today()
        self.save(lambda: service.add_document(facts, today))


class EvaluationDialog(RecordDialog):
    area = ops.POLICY

    def __init__(self, context: AppContext, document: DocumentRow, parent: QWidget | None = None) -> None:
        super().__init__(
            "Evaluatie vastleggen",
            f"{document.title}: het bestuur heeft het document geëvalueerd zonder nieuwe versie. "
            "De volgende evaluatie telt vanaf deze datum.",
            "Vastleggen",
            parent,
        )
        self.context, self.document = context, document
        self.day = date_edit(context.today())
        self.form.addRow("Geëvalueerd op:", self.day)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Bijvoorbeeld: Geen wijzigingen nodig")
        self.form.addRow("Uitkomst:", self.note)

    def submit(self) -> None:
        service = PolicyDocumentService(self.context.database, self.context.actor)
        row, day, note = self.document, day_of(self.day), self.note.text()
        today = self.context.today()  # "not in the future": the program's day, as the date field offers
        self.save(lambda: service.record_evaluation(row.id, row.version, day, note, today))
