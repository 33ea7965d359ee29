"""The leaver's/mover's checklist and the periodic review as dialogs with a list: each line is ticked
off (checklist) or confirmed, changed or revoked (review); the register follows at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.core.policy.access_records import (
    ChecklistKind,
    ChecklistRow,
    ItemOutcome,
    ReviewOutcome,
    ReviewRow,
)
from ibp_desktop.services.access.reviews import AccessReviewService
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.theme import label


class LinesDialog(QDialog):
    """A title, a status line, a table of lines, a note field, action buttons and Sluiten (Esc)."""

    def __init__(self, title: str, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 480)
        layout = QVBoxLayout(self)
        self.heading = label("", "sectionTitle")
        layout.addWidget(self.heading)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        layout.addWidget(self.table, 1)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Notitie bij deze regel (mag leeg)")
        layout.addWidget(self.note)
        self.action_row = QHBoxLayout()
        layout.addLayout(self.action_row)
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.line_buttons: list[QPushButton] = []
        self.ids: list[int] = []
        self.changed = False

    def add_button(self, text: str, slot: Callable[[], None], per_line: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.action_row.addWidget(button)
        if per_line:
            self.line_buttons.append(button)
        return button

    def finish_buttons(self) -> None:
        self.action_row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        self.action_row.addWidget(close)

    def fill(self, rows: list[tuple[int, list[str]]]) -> None:
        keep = self.selected_id()
        self.ids = [key for key, _cells in rows]
        self.table.setRowCount(len(rows))
        for r, (_key, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if keep in self.ids:
            self.table.selectRow(self.ids.index(keep))
        self.update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.ids[rows[0].row()] if rows and rows[0].row() < len(self.ids) else None

    def line_open(self, line_id: int) -> bool:
        raise NotImplementedError

    def update_buttons(self) -> None:
        chosen = self.selected_id()
        for button in self.line_buttons:
            button.setEnabled(chosen is not None and self.line_open(chosen))

    def run(self, work: Callable[[], Any], shown: Callable[[Any], None]) -> None:
        self.error.hide()

        def done(value: Any) -> None:
            self.changed = True
            self.note.clear()
            shown(value)

        def refused(error: IbpError) -> None:
            self.error.setText(message_of(error))
            self.error.show()

        ops.mutate(self, ops.ACCESS, work, done, on_refused=refused, what="access checklist line")


class ChecklistDialog(LinesDialog):
    def __init__(self, context: AppContext, checklist: ChecklistRow, parent: QWidget | None = None) -> None:
        super().__init__(
            "Checklist toegangsrechten", ["Systeem", "Niveau", "Afgevinkt", "Door", "Notitie"], parent
        )
        self.context, self.checklist = context, checklist
        self.service = AccessRightsService(context.database, context.actor)
        self.add_button("Ingetrokken", lambda: self.tick(ItemOutcome.REVOKED))
        if checklist.kind is ChecklistKind.MOVER:
            self.add_button("Niveau gewijzigd…", lambda: self.tick(ItemOutcome.CHANGED))
            self.add_button("Blijft zo", lambda: self.tick(ItemOutcome.KEPT))
        self.finish_buttons()
        self.show_checklist(checklist)

    def line_open(self, line_id: int) -> bool:
        return any(i.id == line_id and not i.done for i in self.checklist.items)

    def show_checklist(self, checklist: ChecklistRow) -> None:
        self.checklist = checklist
        what = f"nieuwe functie: {checklist.new_function}" if checklist.new_function else "vertrek"
        self.heading.setText(f"{checklist.person_name} ({what} per {checklist.effective_on:%d-%m-%Y})")
        self.status.setText(
            "Alles is afgevinkt."
            if checklist.finished
            else f"Nog {checklist.open_items} van {len(checklist.items)} te doen."
        )
        self.fill(
            [
                (
                    i.id,
                    [
                        i.system_name,
                        i.level,
                        f"{i.outcome_label} {i.done_on:%d-%m-%Y}" if i.done_on else "Nog te doen",
                        i.done_by,
                        i.note,
                    ],
                )
                for i in checklist.items
            ]
        )

    def tick(self, outcome: ItemOutcome) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        new_level = ""
        if outcome is ItemOutcome.CHANGED:
            new_level, ok = QInputDialog.getText(self, "Niveau gewijzigd", "Nieuw niveau:")
            if not ok:
                return
        note, today, service = self.note.text(), self.context.today(), self.service
        self.run(lambda: service.tick_item(item_id, outcome, new_level, note, today), self.show_checklist)


class ReviewDialog(LinesDialog):
    def __init__(self, context: AppContext, review: ReviewRow, parent: QWidget | None = None) -> None:
        super().__init__(
            "Controle toegangsrechten", ["Systeem", "Medewerker", "Functie", "Niveau", "Uitkomst"], parent
        )
        self.context, self.review = context, review
        self.service = AccessReviewService(context.database, context.actor)
        self.add_button("Klopt", lambda: self.decide(ReviewOutcome.CONFIRMED))
        self.add_button("Aanpassen…", lambda: self.decide(ReviewOutcome.CHANGED))
        self.add_button("Intrekken", lambda: self.decide(ReviewOutcome.REVOKED))
        self.finish_button = self.add_button("Controle afronden", self.finish, per_line=False)
        self.pdf_button = self.add_button("PDF voor de FG…", self.save_pdf, per_line=False)
        self.finish_buttons()
        self.show_review(review)

    def line_open(self, line_id: int) -> bool:
        return self.review.finished_on is None and any(
            line.id == line_id and line.outcome is None for line in self.review.lines
        )

    def show_review(self, review: ReviewRow) -> None:
        self.review = review
        self.heading.setText(f"Controle van {review.started_on:%d-%m-%Y} ({review.scope})")
        self.status.setText(review.status_text)
        self.finish_button.setEnabled(review.finished_on is None)
        self.fill(
            [
                (
                    line.id,
                    [
                        line.system_name,
                        line.person_name,
                        line.person_function,
                        line.level,
                        line.outcome_label,
                    ],
                )
                for line in review.lines
            ]
        )

    def decide(self, outcome: ReviewOutcome) -> None:
        line_id = self.selected_id()
        if line_id is None:
            return
        new_level = ""
        if outcome is ReviewOutcome.CHANGED:
            new_level, ok = QInputDialog.getText(self, "Toegang aanpassen", "Nieuw niveau:")
            if not ok:
                return
        note, service = self.note.text(), self.service
        self.run(lambda: service.decide(line_id, outcome, new_level, note), self.show_review)

    def finish(self) -> None:
        review, note, today, service = self.review, self.note.text(), self.context.today(), self.service
        self.run(lambda: service.finish(review.id, review.version, note, today), self.show_review)

    def save_pdf(self) -> None:
        review_id, service = self.review.id, self.service
        ops.document(self, lambda: service.review_pdf(review_id), title="Controle toegangsrechten",
                     file_name=f"controle-toegangsrechten-{review_id}.pdf")
