"""Dialogs of the access-rights tab: a person, a system, one access (give, change, revoke), and the
start of a leaver's or mover's checklist."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from ibp_desktop.core.policy.access_records import (
    CHECKLIST_LABELS,
    LEVEL_SUGGESTIONS,
    ChecklistKind,
    GrantRow,
    PersonRow,
    SystemRow,
    default_change_on,
)
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask
from ibp_desktop.ui.widgets.fields import RadioChoice, date_edit, day_of
from ibp_desktop.ui.widgets.record_dialog import RecordDialog


def _service(context: AppContext) -> AccessRightsService:
    return AccessRightsService(context.database, context.actor)


class PersonDialog(RecordDialog):
    area = ops.ACCESS

    def __init__(self, context: AppContext, school_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Medewerker toevoegen",
            "Een medewerker die ergens toegang heeft. Medewerkers zijn geen leerlingen: "
            "hun naam mag hier staan.",
            "Toevoegen",
            parent,
        )
        self.context, self.school_id = context, school_id
        self.name = QLineEdit()
        self.name.setPlaceholderText("Voornaam en achternaam")
        self.form.addRow("Naam:", self.name)
        self.function = QLineEdit()
        self.function.setPlaceholderText("Bijvoorbeeld: Leerkracht groep 5")
        self.form.addRow("Functie:", self.function)

    def submit(self) -> None:
        service, school, name, function = (
            _service(self.context),
            self.school_id,
            self.name.text(),
            self.function.text(),
        )
        self.save(lambda: service.add_person(school, name, function))


class SystemDialog(RecordDialog):
    area = ops.ACCESS

    def __init__(self, context: AppContext, school_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Systeem toevoegen",
            "Een systeem waarin medewerkers gegevens zien of bewerken.",
            "Toevoegen",
            parent,
        )
        self.context, self.school_id = context, school_id
        self.name = QLineEdit()
        self.name.setPlaceholderText("Bijvoorbeeld: Leerlingvolgsysteem")
        self.form.addRow("Naam:", self.name)
        self.description = QLineEdit()
        self.form.addRow("Omschrijving:", self.description)

    def submit(self) -> None:
        service, school = _service(self.context), self.school_id
        name, description = self.name.text(), self.description.text()
        self.save(lambda: service.add_system(school, name, description))


class GrantDialog(RecordDialog):
    """Give access, change its level, or revoke it (asks once)."""
    area = ops.ACCESS


    def __init__(
        self,
        context: AppContext,
        person: PersonRow,
        system: SystemRow,
        grant: GrantRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Toegang" if grant is None else "Toegang wijzigen",
            f"{person.name} ({person.function or 'geen functie'}) in {system.name}.",
            "Toegang geven" if grant is None else "Opslaan",
            parent,
        )
        self.context, self.person, self.system, self.grant = context, person, system, grant
        self.level = QComboBox()
        self.level.setEditable(True)
        self.level.addItems(LEVEL_SUGGESTIONS)
        self.level.setCurrentText(grant.level if grant else "Alleen lezen")
        self.form.addRow("Niveau:", self.level)
        if grant is not None:
            self.revoke_button = QPushButton("Toegang intrekken…")
            self.revoke_button.clicked.connect(self.revoke)
            self.buttons.addButton(self.revoke_button, self.buttons.ButtonRole.DestructiveRole)

    def submit(self) -> None:
        service, level, grant = _service(self.context), self.level.currentText(), self.grant
        if grant is None:
            person, system, today = self.person.id, self.system.id, self.context.today()
            self.save(lambda: service.grant(system, person, level, today))
        else:
            self.save(lambda: service.change_level(grant.id, grant.version, level))

    def revoke(self) -> None:
        grant = self.grant
        if grant is None:
            return
        question = (
            f"De toegang van {self.person.name} tot {self.system.name} wordt vandaag ingetrokken. "
            "Trek haar ook echt in het systeem zelf in."
        )
        if ask(self, "Toegang intrekken", question, "Intrekken"):
            service, today = _service(self.context), self.context.today()
            self.save(lambda: service.revoke(grant.id, grant.version, today))


class ChecklistStartDialog(RecordDialog):
    """Vertrek of andere functie: the checklist lists exactly this person's accesses."""
    area = ops.ACCESS


    def __init__(self, context: AppContext, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(
            "Vertrek of andere functie",
            f"{person.name} heeft nu {person.accesses} toegang(en). De checklist zet ze allemaal op een rij; "
            "vink ze af als ze zijn ingetrokken of aangepast.",
            "Checklist maken",
            parent,
        )
        self.context, self.person = context, person
        self.kind = RadioChoice(
            [(CHECKLIST_LABELS[k], k.value) for k in ChecklistKind], ChecklistKind.LEAVER.value
        )
        self.form.addRow("Wat verandert:", self.kind)
        self.day = date_edit(default_change_on(context.today()))
        self.form.addRow("Per datum:", self.day)
        self.function = QLineEdit()
        self.function.setPlaceholderText("Alleen bij een andere functie, bijv. Intern begeleider")
        self.form.addRow("Nieuwe functie:", self.function)

    def submit(self) -> None:
        service, person = _service(self.context), self.person.id
        kind, day, function = ChecklistKind(self.kind.value()), day_of(self.day), self.function.text()
        self.save(lambda: service.start_checklist(person, kind, day, function))
