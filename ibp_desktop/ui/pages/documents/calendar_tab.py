"""Jaarkalender: this year's IBP tasks per month, with who does them, until when and whether they are
done; "Afvinken…" with a short note, and the one-page year plan as print preview (Ctrl+P) or PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from ibp_desktop.core.policy.records import OccurrenceRow
from ibp_desktop.core.policy.rules import MONTH_NAMES
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.detail_view import DetailView, facts_html, text_html
from ibp_desktop.ui.widgets.fields import date_edit, day_of
from ibp_desktop.ui.widgets.record_dialog import RecordDialog
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

INTRO = (
    "De vaste taken van het jaar voor informatiebeveiliging en privacy, met wie ze doet en wanneer ze klaar "
    "moeten zijn. Vink een taak af als hij gedaan is."
)
CHOOSE = "Kies een taak in de lijst."
OPEN = "open"


def _columns() -> list[Column[OccurrenceRow]]:
    return [
        Column(
            "Maand", lambda r: MONTH_NAMES[r.month - 1].capitalize(), sort_key=lambda r: (r.month, r.title)
        ),
        Column("Taak", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Wie", lambda r: r.owner_label),
        Column("Periode", lambda r: r.period),
        Column("Klaar vóór", lambda r: f"{r.due_on:%d-%m-%Y}", sort_key=lambda r: r.due_on),
        Column("Stand", lambda r: r.status_text, level=lambda r: r.level),
    ]


class DoneDialog(RecordDialog):
    area = ops.POLICY

    def __init__(self, context: AppContext, row: OccurrenceRow, parent: QWidget | None = None) -> None:
        super().__init__("Afvinken", f"{row.title} ({row.period} {row.year}) is gedaan.", "Afvinken", parent)
        self.context, self.row = context, row
        self.day = date_edit(context.today())
        self.form.addRow("Gedaan op:", self.day)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Bijvoorbeeld: Opruimronde 2026-02 goedgekeurd")
        self.form.addRow("Notitie:", self.note)

    def submit(self) -> None:
        service = IbpCalendarService(self.context.database, self.context.actor)
        row, note, day = self.row, self.note.text(), day_of(self.day)
        self.save(lambda: service.mark_done(row.task_id, row.year, row.month, note, day))


class CalendarTab(RegisterPage[OccurrenceRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            "Jaarkalender",
            INTRO,
            _columns(),
            search_hint="Zoeken op taak of wie",
            empty_text="Nog geen taken op de jaarkalender.",
        )
        self.context = context
        self.current: OccurrenceRow | None = None
        self.dialog: QDialog | None = None
        self.toolbar.insertWidget(1, QLabel("Jaar:"))
        self.year = QComboBox()
        this_year = context.today().year
        for year in range(this_year - 1, this_year + 2):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(1)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.toolbar.insertWidget(2, self.year)
        self.add_filter("Toon:", [("Alle taken", None), ("Nog te doen", OPEN)], lambda r, _v: not r.done)
        # Enabled by row_selected: only for a task this user may tick (its owner role, or a manager).
        self.done_button = self.add_action("Afvinken…", self.open_done)
        self.undo_button = self.add_action("Terugzetten", self.undo)
        self.done_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.print_button = self.add_action("Jaarplan afdrukken…", self.print_plan, "Ctrl+P")
        self.pdf_button = self.add_action("Jaarplan als PDF…", self.save_plan)
        self.pane = DetailView("Stand")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        for index, width in enumerate((90, 250, 160, 125, 85)):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.splitter.setSizes([880, 220])
        context.school_changed.connect(lambda _id: self.reload())
        self.reload()

    @property
    def chosen_year(self) -> int:
        return int(self.year.currentData())

    def service(self) -> IbpCalendarService:
        return IbpCalendarService(self.context.database, self.context.actor)

    def load_rows(self) -> list[OccurrenceRow]:
        return self.service().occurrences(self.context.school_id, self.chosen_year, self.context.today())

    def refresh(self) -> None:
        self.reload()

    def rows_loaded(self) -> None:
        self.row_selected(self.selected_row())

    def _may_tick(self, row: OccurrenceRow) -> bool:
        actor = self.context.actor
        return row.owner_role in actor.roles or actor.can(Permission.MANAGE_POLICY)

    def row_selected(self, row: OccurrenceRow | None) -> None:
        self.current = row
        self.done_button.setEnabled(row is not None and not row.done and self._may_tick(row))
        self.undo_button.setEnabled(row is not None and row.done and self._may_tick(row))
        if row is None:
            self.pane.clear(CHOOSE)
            return
        done = f"{row.done_on:%d-%m-%Y} door {row.done_by}" if row.done_on else ""
        html = facts_html(
            [
                ("Wie", row.owner_label),
                ("Periode", f"{row.period} {row.year}"),
                ("Klaar vóór", f"{row.due_on:%d-%m-%Y}"),
                ("Gedaan", done),
                ("Notitie", text_html(row.note)),
            ]
        )
        self.pane.show_record((row.task_id, row.year, row.month), row.title, row.status_text, row.level, html)

    def open_done(self) -> None:
        row = self.current
        if row is None or row.done:
            return
        self.dialog = DoneDialog(self.context, row, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def undo(self) -> None:
        row, service = self.current, self.service()
        if row is None or not row.done:
            return
        ops.mutate(self, ops.POLICY, lambda: service.undo_done(row.task_id, row.year, row.month),
                   lambda _r: self.reload(), group=self.done_button, what="calendar undo")

    def _plan(self, file_name: str | None) -> None:
        service, school, year = self.service(), self.context.school_id, self.chosen_year
        today = self.context.today()
        ops.document(self, lambda: service.year_plan_pdf(school, year, today), title=f"Jaarplan IBP {year}",
                     file_name=file_name, wait=[self.print_button], group=self.print_button)

    def print_plan(self) -> None:
        """Print preview of the same PDF that "Jaarplan als PDF…" writes."""
        self._plan(None)

    def save_plan(self) -> None:
        self._plan(f"jaarplan-ibp-{self.chosen_year}.pdf")
