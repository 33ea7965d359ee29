"""Dialogs of the Medewerkers tab: an employee (new or changed), an acknowledgement of the code of
conduct for one or more employees, and an awareness session with its attendance."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from ibp_desktop.core.staff.records import SessionInput, StaffInput, StaffRow
from ibp_desktop.core.staff.rules import LEADER_LABELS, METHOD_LABELS, TOPIC_LABELS, StaffStatus, Topic
from ibp_desktop.services.staff.register import StaffService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.fields import OptionalDate, RadioChoice, date_edit, day_of, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog


def _service(context: AppContext) -> StaffService:
    return StaffService(context.database, context.actor)


class StaffDialog(RecordDialog):
    area = ops.STAFF

    def __init__(
        self, context: AppContext, school_id: int, row: StaffRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Medewerker wijzigen" if row else "Medewerker toevoegen",
            "Medewerkers zijn geen accounts: de meeste leraren loggen nooit in. Alleen naam, functie en "
            "datums; het e-mailadres is niet verplicht.",
            "Opslaan" if row else "Toevoegen",
            parent,
        )
        self.context, self.school_id, self.row = context, school_id, row
        self.name = QLineEdit(row.name if row else "")
        self.name.setPlaceholderText("Roepnaam en achternaam")
        self.form.addRow("Naam:", self.name)
        self.function = QLineEdit(row.function if row else "")
        self.function.setPlaceholderText("Bijvoorbeeld: Leerkracht groep 5")
        self.form.addRow("Functie:", self.function)
        self.started = OptionalDate("bekend", row.started_on if row else context.today(), context.today())
        self.form.addRow("In dienst:", self.started)
        self.left = OptionalDate("uit dienst", row.left_on if row else None, context.today())
        self.form.addRow("Uit dienst:", self.left)
        self.email = QLineEdit(row.email if row else "")
        self.email.setPlaceholderText("Niet verplicht")
        self.form.addRow("E-mail:", self.email)
        self.number = QLineEdit(row.staff_number if row else "")
        self.form.addRow("Personeelsnummer:", self.number)

    def submit(self) -> None:
        facts = StaffInput(
            self.name.text(),
            self.function.text(),
            self.started.value(),
            self.left.value(),
            self.email.text(),
            self.number.text(),
        )
        service, row, school, today = _service(self.context), self.row, self.school_id, self.context.today()
        if row is None:
            self.save(lambda: service.add_staff(school, facts, today))
        else:
            self.save(lambda: service.update_staff(row.id, row.version, facts, today))


def _people_list(rows: Sequence[StaffRow], checked: set[int]) -> QListWidget:
    people = QListWidget()
    for row in rows:
        if row.status is StaffStatus.LEFT:
            continue
        item = QListWidgetItem(f"{row.name} ({row.function})" if row.function else row.name)
        item.setData(Qt.ItemDataRole.UserRole, row.id)
        item.setCheckState(Qt.CheckState.Checked if row.id in checked else Qt.CheckState.Unchecked)
        people.addItem(item)
    people.setMinimumHeight(180)
    return people


def _checked(people: QListWidget) -> list[int]:
    return [
        int(people.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(people.count())
        if people.item(i).checkState() == Qt.CheckState.Checked
    ]


class AcknowledgeDialog(RecordDialog):
    area = ops.STAFF

    def __init__(
        self,
        context: AppContext,
        rows: Sequence[StaffRow],
        chosen: set[int],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Gedragsregels getekend",
            f"Wie heeft '{title}' gelezen en getekend of bevestigd? Wie deze versie al tekende, wordt "
            "overgeslagen.",
            "Vastleggen",
            parent,
        )
        self.context = context
        self.day = date_edit(context.today())
        self.form.addRow("Op:", self.day)
        self.method = RadioChoice([(label, method) for method, label in METHOD_LABELS.items()])
        self.form.addRow("Hoe:", self.method)
        self.people = _people_list(rows, chosen)
        self.form.addRow("Medewerkers:", self.people)

    def submit(self) -> None:
        service, ids, day, method = (
            _service(self.context),
            _checked(self.people),
            day_of(self.day),
            self.method.value(),
        )
        today = self.context.today()
        self.save(lambda: service.acknowledge(ids, day, method, today=today))


class SessionDialog(RecordDialog):
    area = ops.STAFF

    def __init__(
        self, context: AppContext, school_id: int, rows: Sequence[StaffRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Bewustwordingssessie vastleggen",
            "Een sessie in het teamoverleg of apart. De taak 'Bewustwording in het teamoverleg' op de "
            "jaarkalender wordt daarmee afgevinkt.",
            "Vastleggen",
            parent,
            width=600,
        )
        self.context, self.school_id = context, school_id
        self.day = date_edit(context.today())
        self.form.addRow("Gehouden op:", self.day)
        self.topic = QComboBox()
        for topic, label in TOPIC_LABELS.items():
            self.topic.addItem(label, topic)
        self.form.addRow("Onderwerp:", self.topic)
        self.leader = RadioChoice([(label, leader) for leader, label in LEADER_LABELS.items()])
        self.form.addRow("Geleid door:", self.leader)
        self.people = _people_list(rows, set())
        self.form.addRow("Aanwezig:", self.people)
        self.note = text_box(lines=2, placeholder="Bijvoorbeeld: met voorbeelden van echte phishingmails")
        self.form.addRow("Toelichting:", self.note)

    def submit(self) -> None:
        facts = SessionInput(
            day_of(self.day),
            Topic(self.topic.currentData()),  # Qt hands back a plain str
            self.leader.value(),
            tuple(_checked(self.people)),
            self.note.toPlainText(),
        )
        service, school, today = _service(self.context), self.school_id, self.context.today()
        self.save(lambda: service.add_session(school, facts, today))
