"""Actie toevoegen / wijzigen: what, who (a role, not a name), which school or the whole board, by when,
where it comes from, and its status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ibp_desktop.core.actions import SOURCE_LABELS, STATUS_LABELS, ActionSource, ActionStatus, default_due_on
from ibp_desktop.core.register_records import ActionInput, ActionRow
from ibp_desktop.core.roles import ROLE_LABELS, Role
from ibp_desktop.services.actions.register import BOARD_WIDE, ActionService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.fields import OptionalDate, RadioChoice, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog

OWNER_ROLES = (Role.DIRECTOR, Role.SECURITY_OFFICER, Role.ADMINISTRATION, Role.ICT, Role.BOARD, Role.DPO)


def combo(options: Sequence[tuple[str, object]], value: object = None) -> QComboBox:
    box = QComboBox()
    for text, option in options:
        box.addItem(text, option)
    index = box.findData(value) if value is not None else -1
    box.setCurrentIndex(max(index, 0))
    return box


class ActionDialog(RecordDialog):
    area = ops.ACTIONS

    def __init__(self, context: AppContext, row: ActionRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Actie toevoegen" if row is None else "Actie wijzigen",
            "Een verbetering die de school of het bestuur gaat doorvoeren, bijvoorbeeld na een incident, "
            "een audit of de jaarlijkse evaluatie. Noem een rol als eigenaar, geen naam.",
            "Toevoegen" if row is None else "Opslaan", parent, width=600,
        )
        self.context, self.row = context, row
        facts = row.facts if row else None
        self.title_field = QLineEdit(facts.title if facts else "")
        self.title_field.setMaxLength(300)
        self.title_field.setPlaceholderText("Bijvoorbeeld: Wachtwoordbeleid herhalen in de teamvergadering")
        self.form.addRow("Actie:", self.title_field)
        self.description = text_box(facts.description if facts else "", lines=3)
        self.form.addRow("Toelichting:", self.description)
        self.owner = combo([(ROLE_LABELS[r], r.value) for r in OWNER_ROLES],
                           facts.owner_role.value if facts else Role.DIRECTOR.value)
        self.form.addRow("Eigenaar (rol):", self.owner)
        school = facts.school_id if facts else context.school_id
        self.school = combo([(BOARD_WIDE, 0)] + [(s.label, s.id) for s in context.schools],
                            school if school is not None else 0)
        self.form.addRow("Voor:", self.school)
        default_due = default_due_on(context.today())
        self.due = OptionalDate("Uiterlijk op", facts.due_on if facts else default_due, default=default_due)
        self.form.addRow("Klaar op:", self.due)
        self.source = combo([(text, s.value) for s, text in SOURCE_LABELS.items()],
                            facts.source.value if facts else ActionSource.YEARLY.value)
        self.form.addRow("Komt uit:", self.source)
        self.reference = QLineEdit(facts.source_reference if facts else "")
        self.reference.setPlaceholderText("Bijvoorbeeld: incident 2026-003 of Audit IBP voorjaar")
        self.form.addRow("Kenmerk:", self.reference)
        self.status_choice = RadioChoice([(STATUS_LABELS[s], s.value) for s in ActionStatus],
                                  row.status.value if row else ActionStatus.OPEN.value)
        self.form.addRow("Status:", self.status_choice)

    def facts(self) -> ActionInput:
        school = int(self.school.currentData())
        return ActionInput(
            title=self.title_field.text(),
            owner_role=Role(self.owner.currentData()),
            source=ActionSource(self.source.currentData()),
            school_id=school or None,
            due_on=self.due.value(),
            source_reference=self.reference.text(),
            description=self.description.toPlainText(),
        )

    def submit(self) -> None:
        facts, status = self.facts(), ActionStatus(self.status_choice.value())
        service = ActionService(self.context.database, self.context.actor)
        row, today = self.row, self.context.today()  # the saved action's status: of the page's day
        if row is None:
            self.save(lambda: service.add(facts, status, today))
            return

        def update() -> ActionRow:
            changed = service.update(row.id, row.version, facts, today)
            if changed.status is not status:
                changed = service.set_status(changed.id, changed.version, status, today)
            return changed

        self.save(update)
