"""Editing a row of the retention schedule, or adding one: term (amount and unit), the event it counts
from, the basis, the action and the system."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from ibp_desktop.core.errors import IbpError, StaleEditError
from ibp_desktop.core.retention.records import PROGRAM_SOURCES, RuleInput, RuleRow
from ibp_desktop.core.retention.rules import (
    ACTION_LABELS,
    EVENT_LABELS,
    UNIT_LABELS,
    Action,
    Event,
    System,
    Term,
    TermUnit,
)
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog, message_of
from ibp_desktop.ui.pages.retention.common import SYSTEM_CHOICES

MAX_AMOUNT = 1200


class RuleDialog(FormDialog):
    """``rule`` None: a new row (records registered by hand)."""

    def __init__(
        self, context: AppContext, school_id: int, rule: RuleRow | None, parent: QWidget | None = None
    ) -> None:
        if rule is None:
            title, intro, ok = (
                "Regel toevoegen",
                "Een nieuwe soort stukken met een eigen bewaartermijn, "
                "bijvoorbeeld 'Verzuimmeldingen leerplicht'. Schrijf de grondslag erbij: de wet "
                "of de afspraak waarop de termijn rust.",
                "Toevoegen",
            )
        else:
            title, intro, ok = (
                "Bewaartermijn wijzigen",
                f"U wijzigt de bewaartermijn van '{rule.label}'. De wijziging wordt vastgelegd in het "
                "logboek, met de oude en de nieuwe waarde.",
                "Opslaan",
            )
        super().__init__(title, intro, ok, parent)
        self.context, self.school_id, self.rule = context, school_id, rule
        self.stale = False  # someone else changed the row first: the page reloads and says so
        self.stale_text = ""
        self.label_field = QLineEdit(rule.label if rule else "")
        self.amount = QSpinBox()
        self.amount.setRange(0, MAX_AMOUNT)
        self.amount.setValue(rule.term.amount if rule else 1)
        self.unit = QComboBox()
        for unit in TermUnit:
            self.unit.addItem(UNIT_LABELS[unit][1], unit)
        term_row = QHBoxLayout()
        term_row.addWidget(self.amount)
        term_row.addWidget(self.unit, 1)
        self.event_box = QComboBox()
        for event in Event:
            self.event_box.addItem(EVENT_LABELS[event], event)
        self.basis = QLineEdit(rule.basis if rule else "")
        self.basis.setPlaceholderText("bijvoorbeeld: Besluit bekostiging WPO, of 'afspraak van de school'")
        self.action = QComboBox()
        for action in Action:
            self.action.addItem(ACTION_LABELS[action], action)
        self.system = QComboBox()
        for text, system in SYSTEM_CHOICES:
            self.system.addItem(text, system)
        if rule is not None:
            self.unit.setCurrentIndex(self.unit.findData(rule.term.unit))
            self.event_box.setCurrentIndex(self.event_box.findData(rule.event))
            self.action.setCurrentIndex(self.action.findData(rule.action))
            self.system.setCurrentIndex(self.system.findData(rule.system))
            if rule.source in PROGRAM_SOURCES:
                self.system.setEnabled(False)
                self.system.setToolTip("Deze gegevens staan in dit programma zelf.")
        else:
            self.event_box.setCurrentIndex(self.event_box.findData(Event.END_OF_PROCEDURE))
            self.system.setCurrentIndex(self.system.findData(System.PAPER))
        self.form.addRow("Categorie:", self.label_field)
        self.form.addRow("Termijn:", term_row)
        self.form.addRow("Telt vanaf:", self.event_box)
        self.form.addRow("Grondslag:", self.basis)
        self.form.addRow("Actie:", self.action)
        self.form.addRow("Systeem:", self.system)
        self.action.currentIndexChanged.connect(self._action_chosen)
        self._action_chosen()
        self.setMinimumWidth(560)
        self.result_rule: RuleRow | None = None

    def _action_chosen(self) -> None:
        keep = self.action.currentData() == Action.KEEP_PERMANENTLY
        self.amount.setEnabled(not keep)
        self.unit.setEnabled(not keep)

    def set_busy(self, text: str | None) -> None:
        super().set_busy(text)
        if text is None:
            self._action_chosen()
            if self.rule is not None and self.rule.source in PROGRAM_SOURCES:
                self.system.setEnabled(False)

    def submit(self) -> None:
        try:
            term = Term(self.amount.value(), TermUnit(self.unit.currentData()))
        except ValueError as error:
            self.show_error(str(error))
            return
        change = RuleInput(
            self.label_field.text(),
            term,
            Event(self.event_box.currentData()),
            self.basis.text(),
            Action(self.action.currentData()),
            System(self.system.currentData()),
        )
        service = RetentionService(self.context.database, self.context.actor)
        school_id, rule = self.school_id, self.rule

        def work() -> RuleRow:
            if rule is None:
                return service.add_rule(school_id, change)
            return service.update_rule(school_id, rule.category, change, expected_version=rule.version)

        self.set_busy("Opslaan…")
        ops.mutate(self, ops.RETENTION, work, self._saved, on_refused=self._failed,
                   always=lambda: self.set_busy(None), what="retention rule save")

    def _saved(self, rule: RuleRow) -> None:
        self.result_rule = rule
        self.done_ok()

    def _failed(self, error: IbpError) -> None:
        if isinstance(error, StaleEditError):
            self.stale, self.stale_text = True, message_of(error)
            self.set_busy(None)
            self.reject()  # the page reloads the schedule and shows the message
            return
        self.show_error(message_of(error))
