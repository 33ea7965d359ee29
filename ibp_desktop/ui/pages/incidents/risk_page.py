"""Risico-inschatting: the questions that decide whether a breach is reportable, with the program's
proposal (core.risk.propose) updated live, and the user's decision next to it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ibp_desktop.core.incidents.records import ApForm, IncidentDetail
from ibp_desktop.core.incidents.risk import RiskAnswers, RiskProposal, propose
from ibp_desktop.core.incidents.rules import LABELS, DataKind, Decision, PeopleGroup, Protection
from ibp_desktop.ui.pages.incidents.widgets import Choice, OptionalNumber, YesNoUnknown, text_box
from ibp_desktop.ui.theme import Panel, label


def answers_from_form(form: ApForm) -> RiskAnswers:
    """A first guess from the form fields, for an incident that was not assessed before."""
    kinds, groups = set(form.data_kinds), set(form.people_groups)
    return RiskAnswers(
        personal_data=True if kinds else None,
        encrypted_key_safe=False if form.protection is Protection.NONE else None,
        bsn=DataKind.BSN in kinds,
        care_or_health=bool(kinds & {DataKind.PUPIL_CARE, DataKind.SPECIAL}),
        financial=DataKind.FINANCIAL in kinds,
        id_copies=DataKind.ID_COPY in kinds,
        login=DataKind.LOGIN in kinds,
        people_affected=form.people_max if form.people_max is not None else form.people_min,
        children=PeopleGroup.PUPILS in groups,
    )


class RiskPage(QWidget):
    """Left: the questions. Right: the proposal with its reasons, and the decision."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(18)
        row.addWidget(self._questions(), 11)
        row.addLayout(self._decision_column(), 10)
        self._decision_touched = False
        self.proposal = propose(RiskAnswers())
        self.update_proposal()

    def _questions(self) -> QScrollArea:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(label("Risico-inschatting", "sectionTitle"))
        column.addWidget(label("Beantwoord de vragen. Het programma doet een voorstel; u beslist zelf. "
                               "Weet u iets nog niet, laat het dan op 'Weet ik (nog) niet' staan: bij "
                               "twijfel is het voorstel melden.", "muted"))
        self.personal_data = YesNoUnknown()
        self.encrypted = YesNoUnknown()
        self.recipient_deleted = YesNoUnknown()
        self.restored = YesNoUnknown()
        self.known_circle = YesNoUnknown()
        for question, widget in (
            ("Gaat het om persoonsgegevens?", self.personal_data),
            ("Waren de gegevens goed versleuteld, en is de sleutel (het wachtwoord) niet uitgelekt?",
             self.encrypted),
            ("Heeft een betrouwbare ontvanger bevestigd dat hij de gegevens heeft verwijderd?",
             self.recipient_deleted),
            ("Waren de gegevens alleen een tijd onbereikbaar, zijn ze volledig teruggezet en kon niemand ze "
             "inzien?", self.restored),
            ("Gaat het alleen om namen of e-mailadressen, gezien door mensen die elkaar al kennen (zoals de "
             "ouders van één groep bij CC in plaats van BCC)?", self.known_circle),
        ):
            column.addSpacing(6)
            column.addWidget(label(f"<b>{question}</b>"))
            column.addWidget(widget)
            widget.changed.connect(self.update_proposal)
        column.addSpacing(6)
        column.addWidget(label("<b>Welke gevoelige gegevens zijn gelekt?</b>"))
        self.bsn = QCheckBox("Burgerservicenummers (BSN)")
        self.care = QCheckBox("Gegevens over zorg, begeleiding of gezondheid")
        self.financial = QCheckBox("Financiële gegevens")
        self.id_copies = QCheckBox("Kopieën van identiteitsbewijzen")
        self.login = QCheckBox("Leesbare inloggegevens (gebruikersnamen en wachtwoorden)")
        self.kids = QCheckBox("Het gaat om gegevens van kinderen (leerlingen)")
        for box in (self.bsn, self.care, self.financial, self.id_copies, self.login, self.kids):
            column.addWidget(box)
            box.toggled.connect(self.update_proposal)
        column.addSpacing(6)
        column.addWidget(label("<b>Om hoeveel mensen gaat het (ongeveer)?</b>"))
        self.people = OptionalNumber()
        self.people.setMaximumWidth(160)
        self.people.valueChanged.connect(self.update_proposal)
        column.addWidget(self.people)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _decision_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        card = Panel("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(14, 10, 14, 10)
        self.proposal_label = label("")
        self.proposal_label.setAccessibleName("Voorstel van het programma")
        inside.addWidget(self.proposal_label)
        column.addWidget(card)
        column.addWidget(label("<b>Uw besluit</b>"))
        self.decision = Choice(Decision)
        self.decision.group.buttonClicked.connect(self._touched)
        self.decision.changed.connect(self._decision_changed)
        column.addWidget(self.decision)
        column.addWidget(label(
            "Toelichting bij het besluit (mag leeg: dan gelden de redenen van het voorstel):", "muted"))
        self.reasons = text_box(lines=3)
        column.addWidget(self.reasons)
        self.deviation_caption = label("<b>Waarom wijkt u af van het voorstel?</b> Dit is verplicht.")
        self.deviation = text_box(lines=3)
        column.addWidget(self.deviation_caption)
        column.addWidget(self.deviation)
        column.addStretch(1)
        return column

    def fill(self, detail: IncidentDetail) -> None:
        answers = detail.answers or answers_from_form(detail.form)
        self.personal_data.set_answer(answers.personal_data)
        self.encrypted.set_answer(answers.encrypted_key_safe)
        self.recipient_deleted.set_answer(answers.trusted_recipient_deleted)
        self.restored.set_answer(answers.restored_unread)
        self.known_circle.set_answer(answers.small_known_circle)
        self.bsn.setChecked(answers.bsn)
        self.login.setChecked(answers.login)
        self.care.setChecked(answers.care_or_health)
        self.financial.setChecked(answers.financial)
        self.id_copies.setChecked(answers.id_copies)
        self.kids.setChecked(answers.children)
        self.people.set_value(answers.people_affected)
        proposed = detail.proposal.text if detail.proposal is not None else ""
        own = detail.decision_reasons if detail.decision_reasons != proposed else ""
        self.reasons.setPlainText(own)
        self.deviation.setPlainText(detail.deviation_reason)
        self._decision_touched = detail.decision is not None
        self.decision.set_code(detail.decision)
        self.update_proposal()

    def answers(self) -> RiskAnswers:
        return RiskAnswers(
            personal_data=self.personal_data.answer(),
            encrypted_key_safe=self.encrypted.answer(),
            trusted_recipient_deleted=self.recipient_deleted.answer(),
            bsn=self.bsn.isChecked(),
            care_or_health=self.care.isChecked(),
            financial=self.financial.isChecked(),
            id_copies=self.id_copies.isChecked(),
            people_affected=self.people.number(),
            children=self.kids.isChecked(),
            login=self.login.isChecked(),
            restored_unread=self.restored.answer(),
            small_known_circle=self.known_circle.answer(),
        )

    def update_proposal(self) -> None:
        self.proposal = propose(self.answers())
        self.proposal_label.setText(_proposal_html(self.proposal))
        if not self._decision_touched:
            self.decision.set_code(self.proposal.decision)  # follow the proposal until the user chooses
        self._decision_changed()

    def deviates(self) -> bool:
        chosen = self.decision.code()
        return chosen is not None and chosen is not self.proposal.decision

    def _touched(self) -> None:
        self._decision_touched = True

    def _decision_changed(self) -> None:
        deviating = self.deviates()
        self.deviation_caption.setVisible(deviating)
        self.deviation.setVisible(deviating)
        self.changed.emit()


def _proposal_html(proposal: RiskProposal) -> str:
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in proposal.reasons)
    return (f"Voorstel: <b>{escape(LABELS[proposal.decision])}</b>"
            f"<ul style='margin-left:-20px'>{reasons}</ul>")
