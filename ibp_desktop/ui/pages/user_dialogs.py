"""Dialogs of the Beheer page: a new account, and changing an account's roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from ibp_desktop.core.roles import ROLE_LABELS, Role
from ibp_desktop.ui.dialogs import FormDialog

ROLE_HELP: dict[Role, str] = {
    Role.ADMINISTRATION: "leerlingen en toestemming bijhouden",
    Role.DIRECTOR: "eindverantwoordelijk, keurt vernietiging goed",
    Role.SECURITY_OFFICER: "accounts, datalekken en verwerkers",
    Role.DPO: "onafhankelijk adviseur; kan alles lezen, niets wijzigen",
    Role.BOARD: "leest mee voor alle scholen van het bestuur",
    Role.ICT: "meldt incidenten, ziet verwerkers",
}


class RoleChecks(QWidget):
    """One checkbox per role, with the Dutch label and a few words on what the role does."""

    def __init__(self, checked: Iterable[Role] = ()) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        chosen = set(checked)
        self.boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(f"{ROLE_LABELS[role]} – {ROLE_HELP[role]}")
            box.setChecked(role in chosen)
            layout.addWidget(box)
            self.boxes[role] = box

    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.boxes.items() if box.isChecked())


class NewUserDialog(FormDialog):
    """Asks user name, full name and roles; ``create`` does the service call (may raise IbpError)."""

    areas = ("users",)

    def __init__(self, create: Callable[[str, str, frozenset[Role]], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Nieuwe gebruiker",
            "Het programma maakt een tijdelijk wachtwoord. Dat ziet u één keer; de gebruiker kiest bij de "
            "eerste keer inloggen een eigen wachtwoord.",
            "Gebruiker toevoegen",
            parent,
        )
        self._create = create
        self.username = QLineEdit()
        self.username.setPlaceholderText("bijvoorbeeld f.elamrani")
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("bijvoorbeeld Fatima El Amrani")
        self.role_checks = RoleChecks()
        self.form.addRow("Gebruikersnaam:", self.username)
        self.form.addRow("Volledige naam:", self.full_name)
        self.form.addRow("Rollen:", self.role_checks)
        self.setMinimumWidth(660)
        self.result_value: Any = None

    def submit(self) -> None:
        if not self.role_checks.roles():
            self.show_error("Kies minstens één rol.")
            return
        roles, username, full_name = self.role_checks.roles(), self.username.text(), self.full_name.text()
        self.submit_in_background(lambda: self._create(username, full_name, roles), self._created, "Opslaan…")

    def _created(self, user: Any) -> None:
        self.result_value = user
        self.done_ok()


class RolesDialog(FormDialog):
    areas = ("users",)

    def __init__(self, full_name: str, current: Iterable[Role], change: Callable[[frozenset[Role]], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            "Rollen wijzigen",
            f"Kies de rollen van {full_name}. De wijziging geldt meteen, ook als {full_name} nu is ingelogd.",
            "Rollen opslaan",
            parent,
        )
        self._change = change
        self.role_checks = RoleChecks(current)
        self.form.addRow("Rollen:", self.role_checks)
        self.setMinimumWidth(660)

    def submit(self) -> None:
        roles = self.role_checks.roles()
        if not roles:
            self.show_error("Kies minstens één rol.")
            return
        self.submit_in_background(lambda: self._change(roles), lambda _r: self.done_ok(), "Opslaan…")
