"""Incident melden: the quick report any staff member can make; the security officer takes it from there."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from shiboken6 import isValid

from ibp_desktop.core.incidents.records import IncidentDetail, IncidentFacts
from ibp_desktop.core.incidents.rules import LABELS, IncidentType
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.incidents.widgets import OptionalMoment, from_qdatetime, moment_edit, text_box
from ibp_desktop.ui.theme import label

NAME_NUDGE = "Noem liever geen namen van leerlingen; beschrijf het zonder namen."
NAME_CHECK_DELAY_MS = 400


class ReportDialog(FormDialog):
    """Title, what happened, when, type. The internal reporting time is set by the service."""

    areas = (ops.INCIDENTS,)


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "Incident melden",
            "Beschrijf kort wat er is gebeurd. Meld het liever te vroeg dan te laat: de security officer "
            "beoordeelt of het een datalek is dat gemeld moet worden. De tijd van uw melding wordt "
            "vastgelegd.",
            "Melden",
            parent,
        )
        self.setMinimumWidth(600)
        self.context = context
        self.result_detail: IncidentDetail | None = None
        self.school: QComboBox | None = None
        if context.school_id is None and len(context.schools) > 1:
            self.school = QComboBox()
            for school in context.schools:
                self.school.addItem(school.label, school.id)
            self.form.addRow("School:", self.school)
        self.title_field = QLineEdit()
        self.title_field.setPlaceholderText("Bijvoorbeeld: USB-stick kwijt")
        self.title_field.setMaxLength(200)
        self.form.addRow("Korte titel:", self.title_field)
        self.kind = QComboBox()
        for code in IncidentType:
            self.kind.addItem(LABELS[code], code)
        self.form.addRow("Soort incident:", self.kind)
        self.description = text_box(lines=5, placeholder="Wat is er gebeurd? Welke gegevens, hoeveel mensen?")
        self.form.addRow("Wat is er gebeurd:", self.description)
        self.nudge = label(NAME_NUDGE, "error")
        self.nudge.setAccessibleName("Waarschuwing over namen")
        self.nudge.hide()
        self.form.addRow("", self.nudge)
        self.discovered = moment_edit()
        self.form.addRow("Ontdekt op:", self.discovered)
        self.started = OptionalMoment("Bekend:")
        self.form.addRow("Begonnen op:", self.started)
        self.ongoing = QCheckBox("Het incident is nog gaande")
        self.form.addRow("", self.ongoing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NAME_CHECK_DELAY_MS)
        self._timer.timeout.connect(self._check_names)
        self._asked = 0  # the newest name check; older answers are ignored
        self.name_checks_done = 0
        self.title_field.textChanged.connect(self._timer.start)
        self.description.textChanged.connect(self._timer.start)
        self.title_field.setFocus()

    def school_id(self) -> int:
        if self.school is not None:
            return int(self.school.currentData())
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id

    def service(self) -> IncidentService:
        return IncidentService(self.context.database, self.context.actor)

    def _text(self) -> str:
        return f"{self.title_field.text()}\n{self.description.toPlainText()}"

    def _check_names(self) -> None:
        self._asked += 1
        asked, text, school_id = self._asked, self._text(), self.school_id()

        def done(warning: object) -> None:
            if not isValid(self):
                return  # the dialog was closed meanwhile
            self.name_checks_done += 1
            if asked == self._asked:
                self.nudge.setVisible(bool(warning))

        # A failed check only means no nudge: the service checks again when the report is saved.
        service = self.service()
        ops.query(self, lambda: service.name_warning(school_id, text), done, on_refused=lambda _e: done(""),
                  group=ops.EVERY, what="incident name check")

    def facts(self) -> IncidentFacts:
        return IncidentFacts(
            title=self.title_field.text().strip(),
            description=self.description.toPlainText().strip(),
            incident_type=IncidentType(self.kind.currentData()),
            discovered_at=from_qdatetime(self.discovered.dateTime()),
            started_at=self.started.value(),
            ongoing=self.ongoing.isChecked(),
        )

    def submit(self) -> None:
        if not self.title_field.text().strip():
            self.show_error("Vul een korte titel in, bijvoorbeeld 'USB-stick kwijt'.")
            self.title_field.setFocus()
            return
        facts, school_id = self.facts(), self.school_id()
        self.submit_in_background(
            lambda: self.service().report(school_id, facts), self._reported, "Melding opslaan…"
        )

    def _reported(self, detail: IncidentDetail) -> None:
        self.result_detail = detail
        self.done_ok()
