"""Dialogs of the Beheer page: a new account, and changing an account's roles and schools."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from ibp_desktop.core.roles import ROLE_LABELS, Role
from ibp_desktop.ui.dialogs import FormDialog

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo


@dataclass(frozen=True)
class Placement:
    """Where an account works: named schools, or the whole board."""

    school_ids: frozenset[int]
    board_level: bool

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


class SchoolChecks(QWidget):
    """One checkbox per school the logged-in user may give, and "Heel het bestuur" for a board account."""

    def __init__(self, schools: Sequence[SchoolInfo], can_board: bool, current: Placement | None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.board = QCheckBox("Heel het bestuur – alle scholen, ook scholen die later komen")
        self.board.setVisible(can_board)
        self.board.setChecked(bool(current and current.board_level))
        layout.addWidget(self.board)
        chosen = current.school_ids if current else frozenset(s.id for s in schools[:1])
        self.boxes: dict[int, QCheckBox] = {}
        for school in schools:
            box = QCheckBox(school.label)
            box.setChecked(school.id in chosen)
            layout.addWidget(box)
            self.boxes[school.id] = box
        self.board.toggled.connect(self._board_toggled)
        self._board_toggled(self.board.isChecked())

    def _board_toggled(self, on: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not on)

    def placement(self) -> Placement:
        if self.board.isChecked():
            return Placement(frozenset(), True)
        return Placement(frozenset(i for i, box in self.boxes.items() if box.isChecked()), False)

    def problem(self) -> str:
        chosen = self.placement()
        return "" if chosen.board_level or chosen.school_ids else "Kies minstens één school."


class NewUserDialog(FormDialog):
    """Asks user name, full name, roles and schools; ``create`` does the service call (may raise)."""

    areas = ("users",)

    def __init__(self, create: Callable[[str, str, frozenset[Role], Placement], Any],
                 parent: QWidget | None = None, schools: Sequence[SchoolInfo] = (),
                 can_board: bool = False) -> None:
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
        self.school_checks = SchoolChecks(schools, can_board, None)
        self.form.addRow("Gebruikersnaam:", self.username)
        self.form.addRow("Volledige naam:", self.full_name)
        self.form.addRow("Rollen:", self.role_checks)
        self.form.addRow("Scholen:", self.school_checks)
        self.setMinimumWidth(660)
        self.result_value: Any = None

    def submit(self) -> None:
        if not self.role_checks.roles():
            self.show_error("Kies minstens één rol.")
            return
        if self.school_checks.problem():
            self.show_error(self.school_checks.problem())
            return
        roles, username, full_name = self.role_checks.roles(), self.username.text(), self.full_name.text()
        where = self.school_checks.placement()
        self.submit_in_background(lambda: self._create(username, full_name, roles, where), self._created,
                                  "Opslaan…")

    def _created(self, user: Any) -> None:
        self.result_value = user
        self.done_ok()


class RolesDialog(FormDialog):
    areas = ("users",)

    def __init__(self, full_name: str, current: Iterable[Role],
                 change: Callable[[frozenset[Role], Placement], Any], parent: QWidget | None = None,
                 schools: Sequence[SchoolInfo] = (), can_board: bool = False,
                 placement: Placement | None = None) -> None:
        super().__init__(
            "Rollen en scholen wijzigen",
            f"Kies de rollen en scholen van {full_name}. De wijziging geldt meteen, ook als {full_name} nu "
            "is ingelogd.",
            "Opslaan",
            parent,
        )
        self._change = change
        self.role_checks = RoleChecks(current)
        self.school_checks = SchoolChecks(schools, can_board, placement or Placement(frozenset(), False))
        self.form.addRow("Rollen:", self.role_checks)
        self.form.addRow("Scholen:", self.school_checks)
        self.setMinimumWidth(660)

    def submit(self) -> None:
        roles = self.role_checks.roles()
        if not roles:
            self.show_error("Kies minstens één rol.")
            return
        if self.school_checks.problem():
            self.show_error(self.school_checks.problem())
            return
        where = self.school_checks.placement()
        self.submit_in_background(lambda: self._change(roles, where), lambda _r: self.done_ok(), "Opslaan…")
