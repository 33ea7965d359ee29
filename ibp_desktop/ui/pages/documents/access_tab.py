"""Toegangsrechten: systems x people of one school, who has which level where. The security officer
gives and changes access (double-click a cell), starts a leaver's or mover's checklist, and does the
periodic review; others with the reports permission read along."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.policy.access_records import AccessMatrix, PersonRow, ReviewRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.access.reviews import AccessReviewService
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.documents.access_dialogs import (
    ChecklistStartDialog,
    GrantDialog,
    PersonDialog,
    SystemDialog,
)
from ibp_desktop.ui.pages.documents.access_lists import ChecklistDialog, ReviewDialog
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.columns import FitColumns
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS, fold

INTRO = (
    "Wie heeft welke toegang in welk systeem? Bij vertrek of een andere functie maakt u een checklist van "
    "precies de toegang van die persoon. Twee keer per jaar controleert de security officer alles."
)
FIXED = 2  # the columns before the systems: name and function


class AccessTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_USERS)
        self.matrix: AccessMatrix | None = None
        self.dialog: QDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 22)
        outer.addWidget(label("Toegangsrechten", "pageTitle"))
        outer.addWidget(label(INTRO, "muted"))
        self.toolbar = QHBoxLayout()
        outer.addLayout(self.toolbar)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op medewerker of functie (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._apply_search())
        self.toolbar.addWidget(self.search, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._focus_search)
        self.buttons: dict[str, QPushButton] = {}
        actions = [
            ("Medewerker toevoegen…", self.add_person, "Ctrl+N"),
            ("Systeem toevoegen…", self.add_system, None),
            ("Toegang…", self.edit_cell, None),
            ("Vertrek of andere functie…", self.open_checklist, None),
            ("Controle toegangsrechten…", self.open_review, None),
        ]
        for text, slot, shortcut in actions:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(self.can_manage)
            self.toolbar.addWidget(button)
            self.buttons[text] = button
            if shortcut and self.can_manage:
                QShortcut(QKeySequence(shortcut), self).activated.connect(slot)
                button.setToolTip(f"{text.rstrip('…')} ({shortcut})")
        self.review_label = label("", "muted", wrap=False)
        outer.addWidget(self.review_label)
        self.table = QTableWidget()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit_cell())
        self.columns = FitColumns(self.table, stretch=0)  # the name takes what the systems leave
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        self.empty_text = label("", "muted")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        self.empty_button = QPushButton("Standaardsystemen toevoegen")
        self.empty_button.clicked.connect(self.add_default_systems)
        self.empty_button.setVisible(self.can_manage)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)
        context.school_changed.connect(lambda _id: self.refresh())
        self.refresh()

    # Loading --------------------------------------------------------------------------------------

    @property
    def school_id(self) -> int | None:
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id if len(self.context.schools) == 1 else None

    def refresh(self) -> None:
        school = self.school_id
        if school is None:
            self._show_empty("Kies bovenaan een school: de toegangsrechten staan per school.", button=False)
            return
        rights = AccessRightsService(self.context.database, self.context.actor)
        reviews = AccessReviewService(self.context.database, self.context.actor)
        today = self.context.today()

        def load() -> tuple[AccessMatrix, bool, list[ReviewRow]]:
            return rights.matrix(school), reviews.is_due(school, today), reviews.reviews(school)

        ops.query(self, load, self._loaded, group=ops.EVERY, what="access matrix")

    def _show_empty(self, text: str, button: bool) -> None:
        self.empty_text.setText(text)
        self.empty_button.setVisible(button and self.can_manage)
        self.stack.setCurrentWidget(self.empty)

    def _loaded(self, result: tuple[AccessMatrix, bool, list[ReviewRow]]) -> None:
        matrix, due, reviews = result
        self.matrix = matrix
        finished = next((r for r in reviews if r.finished_on), None)
        when = (
            f"laatste controle {finished.finished_on:%d-%m-%Y}"
            if finished and finished.finished_on
            else "nog nooit gecontroleerd"
        )
        self.review_label.setText(f"Controle nodig ({when})" if due else f"Gecontroleerd ({when})")
        self.review_label.setStyleSheet(f"color: {LEVEL_COLOURS['amber' if due else 'green'][1]}")
        if not matrix.systems:
            self._show_empty("Nog geen systemen. Voeg de systemen toe die de school gebruikt.", button=True)
            return
        self.stack.setCurrentWidget(self.table)
        self._fill(matrix)

    def _fill(self, matrix: AccessMatrix) -> None:
        self.table.clear()
        self.table.setRowCount(len(matrix.people))
        self.table.setColumnCount(FIXED + len(matrix.systems))
        systems = [_wrapped(s.name) for s in matrix.systems]
        self.table.setHorizontalHeaderLabels(["Medewerker", "Functie", *systems])
        for c, system in enumerate(matrix.systems, start=FIXED):
            header_item = self.table.horizontalHeaderItem(c)
            if header_item is not None:
                header_item.setToolTip(system.name)
        for r, person in enumerate(matrix.people):
            self.table.setItem(r, 0, QTableWidgetItem(person.name))
            function = QTableWidgetItem(person.function)
            if person.open_checklist_id is not None:
                function.setText(f"{person.function} · checklist loopt")
                background, colour = LEVEL_COLOURS["amber"]
                function.setBackground(QBrush(QColor(background)))
                function.setForeground(QBrush(QColor(colour)))
            self.table.setItem(r, 1, function)
            for c, system in enumerate(matrix.systems, start=FIXED):
                self.table.setItem(r, c, QTableWidgetItem(matrix.level(person.id, system.id)))
        self.columns.fit()
        self._apply_search()
        self.update_buttons()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _apply_search(self) -> None:
        """Hide the people whose name and function do not contain the search text."""
        needle = fold(self.search.text().strip())
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(FIXED)]
            text = fold(" ".join(cell.text() for cell in cells if cell is not None))
            self.table.setRowHidden(row, bool(needle) and needle not in text)

    # Selection ------------------------------------------------------------------------------------

    def chosen(self) -> tuple[PersonRow | None, int]:
        matrix, index = self.matrix, self.table.currentIndex()
        if matrix is None or not index.isValid() or index.row() >= len(matrix.people):
            return None, -1
        return matrix.people[index.row()], index.column()

    def update_buttons(self) -> None:
        person, column = self.chosen()
        self.buttons["Toegang…"].setEnabled(person is not None and column >= FIXED)
        self.buttons["Vertrek of andere functie…"].setEnabled(person is not None)

    # Actions --------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()

    def add_person(self) -> None:
        if self.can_manage and self.school_id is not None:
            self._open(PersonDialog(self.context, self.school_id, self))

    def add_system(self) -> None:
        if self.can_manage and self.school_id is not None:
            self._open(SystemDialog(self.context, self.school_id, self))

    def add_default_systems(self) -> None:
        school, service = self.school_id, AccessRightsService(self.context.database, self.context.actor)
        if school is not None and self.can_manage:
            ops.mutate(self, ops.ACCESS, lambda: service.add_default_systems(school),
                       lambda _r: self.refresh(), group=self.empty_button, what="access default systems")

    def edit_cell(self) -> None:
        person, column = self.chosen()
        if not self.can_manage or person is None or column < FIXED or self.matrix is None:
            return
        system = self.matrix.systems[column - FIXED]
        self._open(GrantDialog(self.context, person, system, self.matrix.grant(person.id, system.id), self))

    def open_checklist(self) -> None:
        person, _column = self.chosen()
        if not self.can_manage or person is None:
            return
        if person.open_checklist_id is None:
            dialog = ChecklistStartDialog(self.context, person, self)
            dialog.accepted.connect(lambda: self._show_checklist(dialog.result_value))
            self._open(dialog)
            return
        service, checklist_id = (
            AccessRightsService(self.context.database, self.context.actor),
            person.open_checklist_id,
        )
        ops.query(self, lambda: service.checklist(checklist_id), self._show_checklist, group=ops.EVERY,
                  what="access checklist")

    def _show_checklist(self, checklist: object) -> None:
        from ibp_desktop.core.policy.access_records import ChecklistRow

        if isinstance(checklist, ChecklistRow):
            self._open(ChecklistDialog(self.context, checklist, self))

    def open_review(self) -> None:
        """Continue the open review, or start a new one."""
        school, service = self.school_id, AccessReviewService(self.context.database, self.context.actor)
        if school is None or not self.can_manage:
            return

        def open_or_start() -> ReviewRow:
            current = next((r for r in service.reviews(school) if r.finished_on is None), None)
            return current or service.start(school, self.context.today())

        ops.mutate(self, ops.ACCESS, open_or_start, lambda r: self._open(ReviewDialog(self.context, r, self)),
                   what="access review start")


def _wrapped(name: str) -> str:
    """A system name over two lines at most, so many systems fit side by side."""
    lines = textwrap.wrap(name, 14, break_long_words=False)
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")
