"""Tab "Jaarverslag IBP": choose the period, preview or save the concept, and (the board) adopt it. Below:
the adopted reports, printed again exactly as they were adopted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.reports.annual import AdoptedReportRow, AnnualReportService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask, show_info
from ibp_desktop.ui.pages.reports.jobs import DocumentJob, button, shortcut
from ibp_desktop.ui.pages.reports.scope import default_period, file_part, scope_school, scope_text
from ibp_desktop.ui.theme import SectionBox, label
from ibp_desktop.ui.widgets.rows_model import Column, RowsModel

KINDS = (("Schooljaar (1 augustus tot en met 31 juli)", PeriodKind.SCHOOL_YEAR),
         ("Kalenderjaar (1 januari tot en met 31 december)", PeriodKind.CALENDAR_YEAR))

FETCHING = "Vastgesteld jaarverslag ophalen…"

COLUMNS: list[Column[AdoptedReportRow]] = [
    Column("Periode", lambda r: r.period_label, lambda r: (r.period.starts_on, r.period.kind.value)),
    Column("Voor", lambda r: r.scope),
    Column("Vastgesteld op", lambda r: f"{r.adopted_on:%d-%m-%Y}", lambda r: r.adopted_at),
    Column("Door", lambda r: r.adopter_label),
    Column("Controlecode", lambda r: r.sha256[:12], tooltip=lambda r: f"SHA-256: {r.sha256}"),
]


class AnnualTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.service = AnnualReportService(context.database, context.actor)
        self.can_adopt = context.actor.can(Permission.ADOPT_ANNUAL_REPORT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(label(
            "Het jaarverslag voor de GMR en het bestuur: incidenten, verzoeken, toestemming, "
            "bewaartermijnen, verwerkers en open acties. Er staan geen namen van personen in.", "muted"))

        concept = SectionBox("Jaarverslag maken")
        form = QFormLayout(concept)
        self.kind_box = QComboBox()
        for text, kind in KINDS:
            self.kind_box.addItem(text, kind)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._fill_years())
        self.year_box = QComboBox()
        self.scope_label = label("", wrap=False)
        form.addRow("Soort periode:", self.kind_box)
        form.addRow("Jaar:", self.year_box)
        form.addRow("Voor:", self.scope_label)
        actions = QHBoxLayout()
        self.preview_button = button("Voorbeeld en afdrukken…", self.preview, "Afdrukvoorbeeld (Ctrl+P)")
        self.save_button = button("Opslaan als PDF…", self.save)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        self.adopt_button = button(
            "Vaststellen…", self.adopt, "Het bestuur stelt het jaarverslag vast; die versie wordt bewaard")
        self.adopt_button.setVisible(self.can_adopt)
        actions.addWidget(self.adopt_button)
        actions.addStretch(1)
        form.addRow(actions)
        self.job = DocumentJob(self)
        self.job.guard(self.preview_button, self.save_button, self.adopt_button)
        form.addRow(self.job)
        layout.addWidget(concept)

        adopted = SectionBox("Vastgestelde jaarverslagen")
        column = QVBoxLayout(adopted)
        column.addWidget(label(
            "Een vastgesteld jaarverslag wordt ongewijzigd bewaard met een controlecode. Opnieuw afdrukken "
            "geeft precies hetzelfde document.", "muted"))
        self.model: RowsModel[AdoptedReportRow] = RowsModel(COLUMNS)
        self.table = self._make_table()
        how = ("Het bestuur stelt het jaarverslag vast met de knop 'Vaststellen…' hierboven."
               if self.can_adopt else "Het bestuur stelt het jaarverslag vast; daarna staat het hier.")
        self.empty = label(f"Nog geen vastgestelde jaarverslagen. {how}", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        column.addWidget(self.stack, 1)
        row_actions = QHBoxLayout()
        self.reprint_button = button("Opnieuw afdrukken…", self.reprint)
        self.save_adopted_button = button("Opslaan…", self.save_adopted)
        row_actions.addWidget(self.reprint_button)
        row_actions.addWidget(self.save_adopted_button)
        row_actions.addStretch(1)
        column.addLayout(row_actions)
        self.adopted_job = DocumentJob(self)
        self.adopted_job.guard(self.reprint_button, self.save_adopted_button)
        self.adopted_job.on_idle = self._update_row_buttons
        column.addWidget(self.adopted_job)
        layout.addWidget(adopted, 1)

        shortcut(self, QKeySequence.StandardKey.Print, self.preview)
        self._fill_years()
        self._update_scope()
        self._update_row_buttons()
        context.school_changed.connect(lambda _id: self.refresh())

    # The concept ------------------------------------------------------------------------------

    @property
    def period(self) -> ReportPeriod:
        return ReportPeriod(self._kind(), int(self.year_box.currentData()))

    def _kind(self) -> PeriodKind:
        return PeriodKind(self.kind_box.currentData())  # Qt hands the enum back as a plain str

    def _fill_years(self) -> None:
        kind = self._kind()
        today = self.context.today()
        wanted = default_period(kind, today)
        self.year_box.clear()
        for year in range(today.year, today.year - 8, -1):
            self.year_box.addItem(ReportPeriod(kind, year).short_label, year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(wanted.year), 0))

    def _update_scope(self) -> None:
        self.scope_label.setText(scope_text(self.context))

    def _file_name(self, period: ReportPeriod) -> str:
        return f"Jaarverslag IBP {period.short_label} {file_part(scope_text(self.context))}.pdf"

    def _concept(self) -> tuple[ReportPeriod, Callable[[], bytes]]:
        """The concept's figures and statuses stand on the program's day (the context's moment, read at
        the click), the day the period list is of; adopting keeps the real clock (a recorded fact)."""
        period, school, service = self.period, scope_school(self.context), self.service
        now = self.context.now()
        return period, lambda: service.pdf(period, school, now)

    def preview(self) -> None:
        period, make = self._concept()
        self.job.preview("Jaarverslag maken…", make, f"Jaarverslag IBP {period.label}")

    def save(self) -> None:
        period, make = self._concept()
        self.job.save("Jaarverslag maken…", make, self._file_name(period))

    def adopt(self) -> None:
        if not self.can_adopt or self.job.working:
            return
        period, school = self.period, scope_school(self.context)
        if not ask(self, "Jaarverslag vaststellen",
                   f"Het bestuur stelt het jaarverslag {period.label} voor {scope_text(self.context)} vast. "
                   "De vastgestelde versie wordt ongewijzigd bewaard en kan later precies zo opnieuw worden "
                   "afgedrukt.", "Vaststellen"):
            return
        self.job.run("Jaarverslag vaststellen…", lambda: self.service.adopt(period, school), self._adopted,
                     can_cancel=False, areas=(ops.ANY,))

    def _adopted(self, row: AdoptedReportRow) -> None:
        self.refresh(select_id=row.id)
        show_info(self, f"Het jaarverslag {row.period_label} voor {row.scope} is vastgesteld op "
                  f"{row.adopted_on:%d-%m-%Y}. U vindt het in de lijst 'Vastgestelde jaarverslagen'.")

    # The adopted reports ----------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        self._update_scope()
        school = scope_school(self.context)

        def loaded(rows: list[AdoptedReportRow]) -> None:
            self.model.set_rows(rows)
            self.stack.setCurrentWidget(self.table if rows else self.empty)
            if select_id is not None:
                for index, row in enumerate(self.model.visible_rows):
                    if row.id == select_id:
                        self.table.selectRow(index)
            self._update_row_buttons()

        # again: something changed meanwhile (adopted, other school): the last asked is loaded
        ops.query(self, lambda: self.service.adopted_reports(school), loaded, group=self.table,
                  what="adopted reports", again=True)

    def selected(self) -> AdoptedReportRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reprint(self) -> None:
        row = self.selected()
        if row is not None:
            self.adopted_job.preview(FETCHING, lambda: self.service.adopted_pdf(row.id),
                                     f"{row.title} (vastgesteld {row.adopted_on:%d-%m-%Y})")

    def save_adopted(self) -> None:
        row = self.selected()
        if row is not None:
            name = f"{row.title} {file_part(row.scope)} vastgesteld {row.adopted_on:%d-%m-%Y}.pdf"
            self.adopted_job.save(FETCHING, lambda: self.service.adopted_pdf(row.id), name)

    def _update_row_buttons(self) -> None:
        chosen = self.selected() is not None and not self.adopted_job.working
        self.reprint_button.setEnabled(chosen)
        self.save_adopted_button.setEnabled(chosen)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_row_buttons())
        table.doubleClicked.connect(lambda _index: self.reprint())
        return table
