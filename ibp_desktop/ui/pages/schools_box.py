"""Beheer: the schools of the board, and adding one (a board account only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog, message_of, show_error
from ibp_desktop.ui.theme import SectionBox, label

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo, SchoolService


class NewSchoolDialog(FormDialog):
    def __init__(self, service: SchoolService, parent: QWidget | None = None) -> None:
        super().__init__(
            "School toevoegen",
            "Een nieuwe school van het bestuur. Daarna geeft u de mensen van die school een account "
            "(Nieuwe gebruiker, kies de school).",
            "School toevoegen",
            parent,
        )
        self._service = service
        self.name = QLineEdit()
        self.name.setPlaceholderText("bijvoorbeeld CBS Het Kompas")
        self.brin = QLineEdit()
        self.brin.setPlaceholderText("bijvoorbeeld 56EF")
        self.brin.setMaxLength(4)
        self.form.addRow("Naam van de school:", self.name)
        self.form.addRow("BRIN-code:", self.brin)
        self.result_value: SchoolInfo | None = None

    def submit(self) -> None:
        try:
            self.result_value = self._service.add_school(self.name.text(), self.brin.text())
        except IbpError as error:
            self.show_error(message_of(error))
            return
        self.done_ok()


class SchoolsGroup(SectionBox):
    """Shown to whoever may manage schools; only a board account can add one."""

    def __init__(self, context: AppContext) -> None:
        super().__init__("Scholen van het bestuur")
        self.context = context
        self.dialog: QDialog | None = None
        column = QVBoxLayout(self)
        note = ("Iedere school heeft eigen leerlingen en eigen accounts. Een account van het bestuur ziet "
                "alle scholen.")
        if not context.actor.board_level:
            note += " Alleen een account van het bestuur kan een school toevoegen."
        column.addWidget(label(note, "muted"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["School", "BRIN-code", "Leerlingen ingeschreven"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)  # a board of 12 schools scrolls in the table
        self.add_button = QPushButton("School toevoegen")
        self.add_button.setEnabled(context.actor.board_level)
        self.add_button.clicked.connect(self.open_new_school)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        # On the board's server: bring in a school that still works in its own file on a PC.
        self.move_button = QPushButton("School van een pc verhuizen…")
        self.move_button.setVisible(context.actor.board_level and not context.database.is_sqlite)
        self.move_button.clicked.connect(self.open_move)
        buttons.addWidget(self.move_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        column.addLayout(row)
        self.refresh()

    def service(self) -> SchoolService:
        from ibp_desktop.services.accounts.schools import SchoolService

        return SchoolService(self.context.database, self.context.actor)

    def refresh(self) -> None:
        try:
            schools = self.service().visible_schools()
        except IbpError as error:
            show_error(self, message_of(error))
            return
        self.table.setRowCount(len(schools))
        for row, school in enumerate(schools):
            cells: list[Any] = [school.name, school.brin, str(school.pupils_enrolled)]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))


    def open_move(self) -> None:
        from ibp_desktop.ui.pages.move_dialog import MoveSchoolDialog

        self.dialog = MoveSchoolDialog(self.context, self)
        self.dialog.finished.connect(lambda _code: self.refresh())
        self.dialog.open()

    def open_new_school(self) -> None:
        if not self.context.actor.board_level:
            return
        dialog = NewSchoolDialog(self.service(), self)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
