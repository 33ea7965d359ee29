"""Verzoek registreren (and correcting it later): who asks, which right, how the identity and parental
authority were checked, which pupil it is about. The deadline (one calendar month) is shown live."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSizePolicy, QWidget

from ibp_desktop.core import requests as rules
from ibp_desktop.core.register_records import RequestDetail, RequestInput
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.requests.pupil_picker import PupilPicker
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.fields import date_edit, day_of, day_text, text_box, to_qdate
from ibp_desktop.ui.widgets.record_dialog import RecordDialog


class RequestDialog(RecordDialog):
    area = ops.REQUESTS

    def __init__(self, context: AppContext, detail: RequestDetail | None = None,
                 parent: QWidget | None = None) -> None:
        new = detail is None
        super().__init__(
            "Verzoek registreren" if detail is None else f"Verzoek {detail.row.number} wijzigen",
            "Leg een verzoek van een betrokkene vast op de dag dat het binnenkwam. Het antwoord moet binnen "
            "één maand gegeven zijn; het programma rekent de datum uit." if new else
            "Verbeter de gegevens van het verzoek. De termijn wordt opnieuw uitgerekend als de "
            "ontvangstdatum verandert.",
            "Registreren" if new else "Opslaan", parent, width=620,
        )
        self.context = context
        self.detail = detail
        facts = detail.facts if detail else None
        self.school: QComboBox | None = None
        self.pupil = PupilPicker(context)
        if new and context.school_id is None and len(context.schools) > 1:
            self.school = QComboBox()
            for school in context.schools:
                self.school.addItem(school.label, school.id)
            self.school.currentIndexChanged.connect(lambda _i: self.pupil.load(self.school_id()))
            self.form.addRow("School:", self.school)
        self.received = date_edit(facts.received_on if facts else context.today())
        self.received.setMaximumDate(to_qdate(context.today()))
        self.received.dateChanged.connect(lambda _d: self._show_deadline())
        self.form.addRow("Ontvangen op:", self.received)
        self.deadline_label = label("", "muted", wrap=False)
        self.form.addRow("", self.deadline_label)
        self.requester = QLineEdit(facts.requester_name if facts else "")
        self.requester.setPlaceholderText("Voor- en achternaam van wie het verzoek doet")
        self.form.addRow("Verzoeker:", self.requester)
        self.relation: QComboBox = QComboBox()
        for code, text in rules.RELATION_LABELS.items():
            self.relation.addItem(text, code)
        self.relation.setCurrentIndex(max(self.relation.findData(facts.relation if facts else None), 0))
        self.relation.currentIndexChanged.connect(lambda _i: self._relation_changed())
        self.form.addRow("Relatie tot de school:", self.relation)
        self.relation_note = QLineEdit(facts.relation_note if facts else "")
        self.relation_note.setPlaceholderText("Wie is de verzoeker? Bijvoorbeeld: oud-leerling")
        self.form.addRow("Wie precies:", self.relation_note)
        self.right: QComboBox = QComboBox()
        for right, right_text in rules.RIGHT_LABELS.items():
            self.right.addItem(right_text, right)
        self.right.setCurrentIndex(max(self.right.findData(facts.right if facts else None), 0))
        self.form.addRow("Welk recht:", self.right)
        self.id_check = QComboBox()
        self.id_check.setEditable(True)
        self.id_check.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.id_check.addItems(list(rules.ID_CHECK_SUGGESTIONS))
        self.id_check.setCurrentText(facts.id_check if facts else "")
        id_line = self.id_check.lineEdit()
        assert id_line is not None
        id_line.setPlaceholderText("Kies of typ hoe de identiteit is gecontroleerd")
        self.form.addRow("Identiteit gecontroleerd:", self.id_check)
        self.authority = QCheckBox("Gezag nagegaan (bij een ouder of verzorger)")
        self.authority.setChecked(facts.authority_checked if facts else False)
        self.form.addRow("Gezag:", self.authority)
        self.authority_note = QLineEdit(facts.authority_note if facts else "")
        self.authority_note.setPlaceholderText("Bijvoorbeeld: nagegaan in de leerlingadministratie")
        self.form.addRow("Toelichting gezag:", self.authority_note)
        self.form.addRow("Over leerling:", self.pupil)
        self.description = text_box(facts.description if facts else "", lines=4,
                                    placeholder="Wat vraagt de verzoeker precies?")
        self.form.addRow("Wat wordt gevraagd:", self.description)
        self.fg = QCheckBox("De FG is om advies gevraagd")
        self.fg.setChecked(facts.fg_consulted if facts else False)
        self.form.addRow("FG:", self.fg)
        self.pupil.load(self.school_id(), facts.pupil_id if facts else None)
        self._relation_changed()
        self._show_deadline()

    def school_id(self) -> int:
        if self.detail is not None:
            return self.detail.row.school_id
        if self.school is not None:
            return int(self.school.currentData())
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id

    def _other(self) -> bool:
        return bool(self.relation.currentData() == rules.Relation.OTHER)

    def _relation_changed(self) -> None:
        other = self._other()
        self.relation_note.setVisible(other)
        self.form.labelForField(self.relation_note).setVisible(other)

    def _show_deadline(self) -> None:
        received = day_of(self.received)
        extended = self.detail is not None and self.detail.row.extended
        computed = rules.effective_deadline(received, extended)
        due = rules.moved_deadline(computed)
        why = "verlengd" if extended else "één maand na ontvangst"
        if due != computed:
            why += f"; {rules.deadline_note(computed)}"
        self.deadline_label.setText(f"Beantwoorden uiterlijk op {day_text(due)} ({why}).")

    def facts(self) -> RequestInput:
        return RequestInput(
            received_on=day_of(self.received),
            requester_name=self.requester.text(),
            relation=rules.Relation(self.relation.currentData()),
            right=rules.Right(self.right.currentData()),
            id_check=self.id_check.currentText(),
            authority_checked=self.authority.isChecked(),
            authority_note=self.authority_note.text(),
            relation_note=self.relation_note.text() if self._other() else "",
            pupil_id=self.pupil.pupil_id(),
            description=self.description.toPlainText(),
            fg_consulted=self.fg.isChecked(),
        )

    def submit(self) -> None:
        try:
            facts = self.facts()
        except ValueError as error:
            self.show_error(f"Leerling '{error}' staat niet in de lijst. Kies de leerling uit de lijst, of "
                            "maak het veld leeg als het verzoek niet over een leerling gaat.")
            self.pupil.setFocus()
            return
        service = RequestService(self.context.database, self.context.actor)
        today = self.context.today()
        if self.detail is None:
            school_id = self.school_id()
            self.save(lambda: service.add(school_id, facts, today=today))
        else:
            request_id, version = self.detail.row.id, self.detail.row.version
            self.save(lambda: service.update(request_id, version, facts, today))
