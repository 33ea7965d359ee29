"""Dialogs of a DPIA: the pre-scan, the description, a risk with its measure, the FG's advice, the
decision. Each saves through the DPIA service in the background."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLineEdit, QWidget

from ibp_desktop.core.accountability.dpia import (
    AP_LIST,
    DECISION_LABELS,
    EDPB_CRITERIA,
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    Decision,
)
from ibp_desktop.core.accountability.records import ActivityRow, DpiaRow, PrescanInput, RiskInput
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import SectionBox, label
from ibp_desktop.ui.widgets.fields import OptionalDate, RadioChoice, date_edit, day_of, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog

NEW_APPLICATION = "Een nieuwe toepassing (nog niet in het register)"


def _service(context: AppContext) -> DpiaService:
    return DpiaService(context.database, context.actor)


def _boxes(title: str, options: dict[str, str], columns: int) -> tuple[QGroupBox, dict[str, QCheckBox]]:
    group = SectionBox(title)
    grid = QGridLayout(group)
    boxes: dict[str, QCheckBox] = {}
    for index, (code, text) in enumerate(options.items()):
        box = QCheckBox(text)
        grid.addWidget(box, index // columns, index % columns)
        boxes[code] = box
    return group, boxes


class PrescanDialog(RecordDialog):
    area = ops.DPIA

    def __init__(
        self,
        context: AppContext,
        school_id: int,
        activities: list[ActivityRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Voortoets DPIA",
            "Staat de verwerking op de lijst van de AP, of gelden twee of meer van de negen "
            "EDPB-criteria? Dan is een DPIA nodig. De uitkomst en de onderbouwing worden bewaard.",
            "Voortoets vastleggen",
            parent,
            width=1000,
        )
        self.context, self.school_id = context, school_id
        self.activity = QComboBox()
        self.activity.addItem(NEW_APPLICATION, None)
        for row in activities:
            self.activity.addItem(row.name, row.id)
        self.form.addRow("Waarover:", self.activity)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText("Naam van de nieuwe toepassing, bijvoorbeeld: Nieuwe ouderapp")
        self.form.addRow("Onderwerp:", self.subject)
        self.activity.currentIndexChanged.connect(
            lambda _i: self.subject.setEnabled(self.activity.currentData() is None)
        )
        ap_group, self.ap = _boxes("Lijst van de AP (één is genoeg)", AP_LIST, 3)
        self.form.addRow(ap_group)
        edpb_group, self.criteria = _boxes("EDPB-criteria (twee of meer: DPIA nodig)", EDPB_CRITERIA, 2)
        self.form.addRow(edpb_group)
        self.note = text_box("", lines=2, placeholder="Eigen toelichting (optioneel)")
        self.form.addRow("Toelichting:", self.note)

    def submit(self) -> None:
        scan = PrescanInput(
            subject=self.subject.text() if self.activity.currentData() is None else "",
            ap_items=frozenset(c for c, box in self.ap.items() if box.isChecked()),
            criteria=frozenset(c for c, box in self.criteria.items() if box.isChecked()),
            note=self.note.toPlainText(),
            activity_id=self.activity.currentData(),
            on=self.context.today(),
        )
        service, school_id, today = _service(self.context), self.school_id, self.context.today()
        self.save(lambda: service.start(school_id, scan, today))


class DescribeDialog(RecordDialog):
    area = ops.DPIA

    def __init__(self, context: AppContext, row: DpiaRow, parent: QWidget | None = None) -> None:
        super().__init__(
            f"DPIA {row.number}: beschrijving",
            "Wat gebeurt er met de gegevens, en waarom is dat nodig en in verhouding tot het doel?",
            "Opslaan",
            parent,
            width=700,
        )
        self.context, self.row = context, row
        self.description = text_box(row.description, lines=6)
        self.form.addRow("Beschrijving:", self.description)
        self.necessity = text_box(row.necessity, lines=5)
        self.form.addRow("Noodzaak en evenredigheid:", self.necessity)

    def submit(self) -> None:
        service, row = _service(self.context), self.row
        description, necessity = self.description.toPlainText(), self.necessity.toPlainText()
        today = self.context.today()
        self.save(lambda: service.describe(row.id, row.version, description, necessity, today))


class RiskDialog(RecordDialog):
    area = ops.DPIA

    def __init__(self, context: AppContext, row: DpiaRow, parent: QWidget | None = None) -> None:
        super().__init__(
            f"DPIA {row.number}: risico toevoegen",
            "Wat kan er misgaan, hoe waarschijnlijk is "
            "dat, en hoe erg is het voor de betrokkenen? Een maatregel komt als actie in het plan "
            "van aanpak.",
            "Toevoegen",
            parent,
            width=640,
        )
        self.context, self.row = context, row
        self.description = text_box("", lines=3)
        self.form.addRow("Risico:", self.description)
        self.likelihood = RadioChoice([(t, n) for n, t in LIKELIHOOD_LABELS.items()], 2)
        self.form.addRow("Kans:", self.likelihood)
        self.impact = RadioChoice([(t, n) for n, t in IMPACT_LABELS.items()], 2)
        self.form.addRow("Impact:", self.impact)
        self.measure = text_box("", lines=2, placeholder="Leeg laten als er geen maatregel nodig is")
        self.form.addRow("Maatregel:", self.measure)
        self.due = OptionalDate("Klaar vóór", None, context.today() + relativedelta(months=3))
        self.form.addRow("Actie:", self.due)

    def submit(self) -> None:
        risk = RiskInput(
            self.description.toPlainText(),
            int(self.likelihood.value()),
            int(self.impact.value()),
            self.measure.toPlainText(),
        )
        service, row, due, today = _service(self.context), self.row, self.due.value(), self.context.today()
        self.save(lambda: service.add_risk(row.id, row.version, risk, due, today))


class AdviceDialog(RecordDialog):
    area = ops.DPIA

    def __init__(self, context: AppContext, row: DpiaRow, parent: QWidget | None = None) -> None:
        super().__init__(
            f"DPIA {row.number}: advies van de FG",
            "Het advies van de functionaris "
            "gegevensbescherming (AVG art. 35 lid 2). Het besluit volgt daarna.",
            "Advies vastleggen",
            parent,
            width=640,
        )
        self.context, self.row = context, row
        self.advice = text_box(row.advice, lines=6)
        self.form.addRow("Advies:", self.advice)
        self.on = date_edit(context.today())
        self.form.addRow("Datum:", self.on)

    def submit(self) -> None:
        service, row, text, on = _service(self.context), self.row, self.advice.toPlainText(), day_of(self.on)
        today = self.context.today()
        self.save(lambda: service.record_advice(row.id, row.version, text, on, today))


class DecisionDialog(RecordDialog):
    area = ops.DPIA

    def __init__(self, context: AppContext, row: DpiaRow, parent: QWidget | None = None) -> None:
        super().__init__(
            f"DPIA {row.number}: besluit",
            "Het besluit over de verwerking, na het advies van de "
            "FG, en wanneer de DPIA opnieuw wordt bekeken (die datum komt in het Overzicht).",
            "Besluit vastleggen",
            parent,
            width=640,
        )
        self.context, self.row = context, row
        self.decision = RadioChoice([(t, d) for d, t in DECISION_LABELS.items()], Decision.WITH_MEASURES)
        self.form.addRow("Besluit:", self.decision)
        self.reasons = text_box("", lines=4, placeholder="Waarom zo besloten, ook als het advies is gevolgd")
        self.form.addRow("Onderbouwing:", self.reasons)
        self.decided_on = date_edit(context.today())
        self.form.addRow("Besloten op:", self.decided_on)
        self.review = OptionalDate("Opnieuw bekijken op", context.today() + relativedelta(years=1))
        self.form.addRow("Herbeoordeling:", self.review)
        self.form.addRow(label("Bekijk de DPIA ook eerder opnieuw als de verwerking verandert.", "muted"))

    def submit(self) -> None:
        service, row = _service(self.context), self.row
        decision, reasons = Decision(self.decision.value()), self.reasons.toPlainText()
        decided_on: date = day_of(self.decided_on)
        review = self.review.value()
        today = self.context.today()
        self.save(lambda: service.decide(row.id, row.version, decision, reasons, decided_on, review, today))
