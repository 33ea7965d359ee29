"""Dialogs of the due list: a legal hold, registering records kept elsewhere, and the text that asks
before a clean-up run is proposed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ibp_desktop.core.retention.records import DueItem, ItemRow, RuleRow, Source
from ibp_desktop.core.retention.rules import UNIT_LABELS, System, Term, TermUnit
from ibp_desktop.services.retention.runs import _choose as choose_lines
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.retention.common import SYSTEM_CHOICES, date_edit, day, from_qdate

PUPIL_TARGETS = ("pupil_record", "consent", "pupil")


def hold_target(item: DueItem) -> tuple[str, int] | None:
    """("item", id) or ("pupil", id) for what a hold applies to; None for an incident (not holdable)."""
    target, _category, raw_id = item.key.split(":")
    if target == "item":
        return "item", int(raw_id)
    if target in PUPIL_TARGETS:
        return "pupil", int(raw_id)
    return None


class HoldDialog(FormDialog):
    """Put a legal hold on a record (or on all records of a pupil), or lift it."""

    areas = (ops.RETENTION,)


    def __init__(self, context: AppContext, item: DueItem, parent: QWidget | None = None) -> None:
        target = hold_target(item)
        assert target is not None
        self.kind, self.target_id = target
        if self.kind == "pupil":
            who = f"leerling {item.pupil_number}" if item.pupil_number else item.description
            intro = (
                f"Een juridische blokkade stopt het vernietigen van alle gegevens van {who}: het "
                "leerlingdossier, de administratie, de toestemmingen en de gegevens in dit programma. "
                "Gebruik dit bij een klacht, geschil of een incident dat nog loopt."
            )
        else:
            intro = (
                f"Een juridische blokkade stopt het vernietigen van '{item.description}'. Gebruik dit "
                "bij een klacht, geschil of een incident dat nog loopt."
            )
        super().__init__("Bewaren (juridische blokkade)", intro, "Blokkade opslaan", parent)
        self.context = context
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("bijvoorbeeld: klacht van de ouders loopt nog")
        self.incident = QLineEdit()
        self.incident.setPlaceholderText("bijvoorbeeld 2026-001 (mag leeg)")
        self.form.addRow("Reden:", self.reason)
        self.form.addRow("Incidentnummer:", self.incident)
        self.lift_button = None
        if item.held:
            self.reason.setText(item.hold_text)
            self.lift_button = self.buttons.addButton(
                "Blokkade opheffen", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.lift_button.clicked.connect(self.lift)

    def _save(self, reason: str, incident: str | None) -> None:
        service = RetentionService(self.context.database, self.context.actor)
        kind, target_id = self.kind, self.target_id

        def work() -> Any:
            if kind == "item":
                return service.set_item_hold(target_id, reason, incident)
            return service.set_pupil_marks(target_id, hold_reason=reason, incident_number=incident)

        self.submit_in_background(work, lambda _result: self.done_ok(), "Opslaan…")

    def submit(self) -> None:
        reason, incident = self.reason.text().strip(), self.incident.text().strip()
        if not reason and not incident:
            self.show_error(
                "Schrijf op waarom deze gegevens bewaard moeten blijven, of vul een incidentnummer in."
            )
            return
        self._save(reason, incident or None)

    def lift(self) -> None:
        if not self.busy:
            self.clear_error()
            self._save("", None)


class RegisterItemDialog(FormDialog):
    """Register records kept elsewhere (applicants' letters, camera footage) so they fall due too."""

    areas = (ops.RETENTION,)


    def __init__(
        self, context: AppContext, school_id: int, rules: list[RuleRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Item registreren",
            "Registreer stukken die buiten dit programma liggen, bijvoorbeeld "
            "'Sollicitaties vacature groep 6' of 'Camerabeelden hoofdingang'. Het programma berekent dan "
            "wanneer ze weg moeten.",
            "Registreren",
            parent,
        )
        self.context, self.school_id = context, school_id
        self.rules = [r for r in rules if r.source is Source.ITEMS]
        self.category = QComboBox()
        for rule in self.rules:
            self.category.addItem(f"{rule.label} ({rule.term_text})", rule.category)
        self.description = QLineEdit()
        self.description.setPlaceholderText("bijvoorbeeld: Sollicitaties vacature groep 6")
        self.event_date = date_edit(context.today())
        self.system = QComboBox()
        for text, system in SYSTEM_CHOICES:
            self.system.addItem(text, system)
        self.form.addRow("Categorie:", self.category)
        self.form.addRow("Omschrijving:", self.description)
        self.form.addRow("Datum:", self.event_date)
        self.form.addRow("Systeem:", self.system)
        self._own_term_fields()
        self.category.currentIndexChanged.connect(self._category_chosen)
        self._category_chosen()
        self.result_item: ItemRow | None = None

    def _own_term_fields(self) -> None:
        """A term of its own for this item (an applicant who agreed to one year), with the reason."""
        self.own_term = QCheckBox("Andere termijn voor dit item:")
        self.own_amount = QSpinBox()
        self.own_amount.setRange(0, 999)
        self.own_amount.setValue(1)
        self.own_unit = QComboBox()
        for unit in TermUnit:
            self.own_unit.addItem(UNIT_LABELS[unit][1], unit)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.own_term)
        line.addWidget(self.own_amount)
        line.addWidget(self.own_unit)
        line.addStretch(1)
        self.term_reason = QLineEdit()
        self.term_reason.setPlaceholderText("bijvoorbeeld: sollicitant stemde in met een jaar bewaren")
        self.form.addRow("Termijn:", row)
        self.form.addRow("Waarom:", self.term_reason)
        for field in (self.own_amount, self.own_unit, self.term_reason):
            field.setEnabled(False)
            self.own_term.toggled.connect(field.setEnabled)

    def _own(self) -> Term | None:
        if not self.own_term.isChecked():
            return None
        return Term(self.own_amount.value(), TermUnit(self.own_unit.currentData()))

    def _category_chosen(self) -> None:
        index = self.category.currentIndex()
        if not 0 <= index < len(self.rules):
            return
        rule = self.rules[index]
        self.system.setCurrentIndex(max(self.system.findData(rule.system), 0))
        caption = self.form.labelForField(self.event_date)
        if caption is not None:
            caption.setText(f"Datum {rule.event_label}:")  # type: ignore[attr-defined]

    def submit(self) -> None:
        if not self.rules:
            self.show_error(
                "Er is geen categorie voor stukken buiten dit programma. Voeg er een toe in het bewaarschema."
            )
            return
        service = RetentionService(self.context.database, self.context.actor)
        school_id, category = self.school_id, str(self.category.currentData())
        text, when, system = (
            self.description.text(),
            from_qdate(self.event_date.date()),
            System(self.system.currentData()),
        )
        own, reason = self._own(), self.term_reason.text()
        self.submit_in_background(
            lambda: service.register_item(school_id, category, text, when, system, own, reason),
            self._done,
            "Registreren…",
        )

    def _done(self, item: ItemRow) -> None:
        self.result_item = item
        self.done_ok()


def proposal(all_items: list[DueItem], shown: list[DueItem]) -> tuple[list[str], str] | None:
    """The keys to propose (the shown lines not yet in a run) and the question to ask, saying exactly
    what will be deleted in the program and what must be destroyed by hand; None when nothing can go."""
    keys = [i.key for i in shown if i.run_number is None]
    due, held = choose_lines(all_items, set(keys))
    if not due:
        return None
    program = [i for i in due if i.kind == "program"]
    external = [i for i in due if i.kind != "program"]
    count = sum(i.record_count for i in program)
    parts = [
        f"Na goedkeuring door de directeur worden bij het uitvoeren <b>{count} "
        f"{'gegeven' if count == 1 else 'gegevens'} in dit programma definitief verwijderd</b>"
        + (":" if program else ".")
    ]
    parts.append(_bullets(Counter(i.category_label for i in program)))
    if external:
        parts.append(
            f"Deze <b>{len(external)} stukken buiten het programma</b> moet u daarna zelf laten "
            "vernietigen en hier vastleggen:"
        )
        parts.append(_bullets(Counter(f"{i.system_label}: {i.category_label}" for i in external)))
    if held:
        parts.append(
            f"{len(held)} {'stuk heeft' if len(held) == 1 else 'stukken hebben'} een juridische "
            "blokkade; die blijven bewaard en staan als uitzondering op de verklaring."
        )
    waiting = len([k for k in keys if k not in {i.key for i in due + held}])
    if waiting:
        parts.append(
            f"{waiting} regel(s) met leerlinggegevens wachten tot alle andere stukken van die "
            "leerling mee kunnen."
        )
    return keys, "".join(p if p.startswith("<ul") else f"<p>{p}</p>" for p in parts if p)


def _bullets(counts: Counter[str]) -> str:
    if not counts:
        return ""
    items = "".join(f"<li>{escape(name)}: {n}</li>" for name, n in counts.items())
    return f"<ul style='margin:0'>{items}</ul>"


def proposal_title(until: date) -> str:
    return f"Opruimronde voorstellen tot en met {day(until)}"
