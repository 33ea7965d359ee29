"""Tab "Wat moet weg": every record whose term is over by a date, grouped by category and system, with
the two clicks of the routine: propose a clean-up run, and (for the director) approve it on the next tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ibp_desktop.core.retention.records import DueItem, RuleRow
from ibp_desktop.core.retention.rules import DUE_SOON_DAYS
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.retention.runs import RetentionRunService, RunDetail
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask, show_info
from ibp_desktop.ui.pages.retention.common import (
    SYSTEM_CHOICES,
    BusyLine,
    current_school,
    date_edit,
    day,
    from_qdate,
    rich_label,
)
from ibp_desktop.ui.pages.retention.due_dialogs import (
    HoldDialog,
    RegisterItemDialog,
    hold_target,
    proposal,
    proposal_title,
)
from ibp_desktop.ui.pages.retention.due_rows import (
    GroupDelegate,
    detail_html,
    due_columns,
    search_text,
)
from ibp_desktop.ui.theme import Badge, label
from ibp_desktop.ui.widgets.register_page import RegisterPage

EMPTY = (
    "Tot en met de gekozen datum hoeft er niets weg. Kies een latere datum bij 'Tot en met', of "
    "registreer stukken die buiten dit programma liggen, zoals sollicitaties of camerabeelden."
)
NOTHING_CHOSEN = "Kies een regel in de lijst om de bewaartermijn en de grondslag te zien."
Query = tuple[int | None, date]


class DueTab(RegisterPage[DueItem]):
    def __init__(self, context: AppContext, show_run: Callable[[int], None] | None = None) -> None:
        self.context = context
        self.show_run = show_run or (lambda _run_id: None)
        self.can_propose = context.actor.can(Permission.PROPOSE_RETENTION_RUN)
        super().__init__(
            "Wat moet weg",
            "",
            due_columns(context.today),
            search_hint="Zoek op categorie, omschrijving of leerlingnummer",
            empty_text=EMPTY,
            search_text=search_text,
        )
        title = self.findChild(QLabel, "pageTitle")
        if title is not None:
            title.hide()  # the tab says it
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setContentsMargins(20, 12, 20, 12)
        self.rules: list[RuleRow] = []
        self.dialog: QDialog | None = None  # the dialog opened last (tests look at it)
        self.category_filter = self.add_filter(
            "Categorie:", [("Alle categorieën", None)], lambda row, value: row.category == value
        )
        self.system_filter = self.add_filter(
            "Systeem:", [("Alle systemen", None), *SYSTEM_CHOICES], lambda row, value: row.system == value
        )
        self.toolbar.addWidget(QLabel("Tot en met:"))
        # What falls due soon, the same window as the overview's "binnenkort".
        self.until_edit = date_edit(context.today() + timedelta(days=DUE_SOON_DAYS))
        self.until_edit.setAccessibleName("Tot en met")
        self.until_edit.dateChanged.connect(lambda _d: self.reload())
        self.toolbar.addWidget(self.until_edit)
        self._build_actions(outer)
        self._build_detail()
        self.table.setItemDelegate(GroupDelegate(self.model))
        self.table.setWordWrap(False)
        widths = [185, 110, 150, 86]
        for index, width in enumerate(widths):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.splitter.setSizes([790, 250])
        self._query: Query = (None, self.until)
        self._loaded_query: Query | None = None
        self._key: str | None = None

    def _build_actions(self, outer: QVBoxLayout) -> None:
        """The buttons sit on their own row under the search and filters."""
        row = QHBoxLayout()
        outer.insertLayout(outer.indexOf(self.stack), row)
        toolbar, self.toolbar = self.toolbar, row  # add_action puts buttons on self.toolbar
        self.buttons: dict[str, QPushButton] = {}
        if self.can_propose:
            self.buttons["propose"] = self.add_action("Opruimronde voorstellen…", self.propose)
            self.buttons["hold"] = self.add_action("Bewaren (juridische blokkade)…", self.open_hold)
            self.buttons["hold"].setEnabled(False)
            self.buttons["register"] = self.add_action("Item registreren…", self.open_register, "Ctrl+N")
            self.set_empty_action("Item registreren…", self.open_register)
        self.buttons["print"] = self.add_action(
            "Lijst afdrukken…", self.print_list, QKeySequence.StandardKey.Print
        )
        self.buttons["save"] = self.add_action("Opslaan als PDF…", self.save_list)
        row.addStretch(1)
        self.toolbar = toolbar
        self.busy_line = BusyLine()
        outer.insertWidget(outer.indexOf(self.stack), self.busy_line)

    def _build_detail(self) -> None:
        self.heading = label("", "sectionTitle")
        self.status_badge = Badge(padding=(10, 6))
        self.status_badge.setWordWrap(True)
        self.status_badge.hide()
        self.body = rich_label()
        self.body.setText(f"<span style='color:#5b6770'>{escape(NOTHING_CHOSEN)}</span>")
        self.detail_layout.addWidget(self.heading)
        self.detail_layout.addWidget(self.status_badge)
        self.detail_layout.addWidget(self.body)
        self.detail_layout.addStretch(1)

    @property
    def until(self) -> date:
        return from_qdate(self.until_edit.date())

    def service(self) -> RetentionService:
        return RetentionService(self.context.database, self.context.actor)

    # Loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload()

    def reload(self, select_id: object | None = None) -> None:
        self._query = (current_school(self.context), self.until)
        if self._query[0] is None:
            self.model.set_rows([])
            return
        super().reload(select_id)

    def load_rows(self) -> list[DueItem]:  # background thread
        query = self._query
        school_id, until = query
        self._loaded_query = query
        if school_id is None:
            return []
        service = self.service()
        self.rules = service.schedule(school_id)
        return service.due_items(school_id, until)

    def rows_loaded(self) -> None:
        if self._loaded_query != self._query:  # changed while loading
            self.reload()
            return
        self._update_categories()
        if self.selected_row() is None and self._key is not None:  # the same line, with its new status
            key = self._key
            self.select_where(lambda r: r.key == key)
        self.row_selected(self.selected_row())

    def _update_categories(self) -> None:
        box = self.category_filter
        chosen = box.currentData()
        wanted = list(dict.fromkeys((r.category, r.category_label) for r in self.model.all_rows))
        if chosen is not None and chosen not in [c for c, _ in wanted]:
            wanted.append((chosen, box.currentText()))
        if [(box.itemData(i), box.itemText(i)) for i in range(1, box.count())] == wanted:
            return
        box.blockSignals(True)
        box.clear()
        box.addItem("Alle categorieën", None)
        for category, text in wanted:
            box.addItem(text, category)
        box.setCurrentIndex(max(box.findData(chosen), 0))
        box.blockSignals(False)

    def row_selected(self, row: DueItem | None) -> None:
        self._key = row.key if row is not None else None
        hold = self.buttons.get("hold")
        if hold is not None:
            hold.setEnabled(row is not None and hold_target(row) is not None and not row.run_number)
        if row is None:
            self.heading.setText("")
            self.status_badge.hide()
            self.body.setText(f"<span style='color:#5b6770'>{escape(NOTHING_CHOSEN)}</span>")
            return
        from ibp_desktop.ui.pages.retention.due_rows import due_status
        from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

        self.heading.setText(row.who)
        words, level = due_status(row, self.context.today())
        background, colour = LEVEL_COLOURS.get(level or "", ("#e3eef3", "#15506a"))
        self.status_badge.set_colours(colour, background)
        self.status_badge.setText(words)
        self.status_badge.show()
        self.body.setText(detail_html(row, self.context.today()))

    # Actions ------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        dialog.open()

    def open_hold(self) -> None:
        row = self.selected_row()
        if not self.can_propose or row is None or hold_target(row) is None:
            return
        self._open(HoldDialog(self.context, row, self), self.reload)

    def open_register(self) -> None:
        school_id = current_school(self.context)
        if not self.can_propose or school_id is None:
            return
        if self.rules:
            self._open(RegisterItemDialog(self.context, school_id, self.rules, self), self.reload)
            return
        service = self.service()

        def loaded(rules: list[RuleRow]) -> None:
            self.rules = rules
            self._open(RegisterItemDialog(self.context, school_id, rules, self), self.reload)

        ops.query(self, lambda: service.schedule(school_id), loaded, group=ops.EVERY,
                  what="retention schedule")

    def propose(self) -> None:
        school_id, until = current_school(self.context), self.until
        if not self.can_propose or school_id is None or self.busy_line.busy:
            return
        if self._loaded_query != (school_id, until):
            return  # the list is still loading for another date
        found = proposal(self.model.all_rows, self.model.visible_rows)
        if found is None:
            show_info(
                self,
                "In de lijst staat niets meer dat weg kan en nog niet in een opruimronde zit. "
                "Kies een latere datum bij 'Tot en met', of kijk bij de regels met een blokkade.",
            )
            return
        keys, text = found
        if not ask(self, proposal_title(until), text, "Voorstellen"):
            return
        service = RetentionRunService(self.context.database, self.context.actor)

        def done(detail: RunDetail) -> None:
            self.reload()
            self.show_run(detail.run.id)

        if ops.mutate(self, ops.RETENTION, lambda: service.propose(school_id, until, keys), done,
                      group=self.busy_line, always=self.busy_line.stop, what="retention propose"):
            self.busy_line.start("Opruimronde voorstellen…")

    # Documents ----------------------------------------------------------------------------------

    def _pdf(self, save: bool) -> None:
        school_id, until = current_school(self.context), self.until
        if school_id is None or self.busy_line.busy:
            return
        service = self.service()
        if ops.document(self, lambda: service.due_pdf(school_id, until),
                        title=f"Wat moet weg tot en met {day(until)}",
                        file_name=f"bewaartermijnen-tot-{until:%Y-%m-%d}.pdf" if save else None,
                        group=self.busy_line, always=self.busy_line.stop):
            self.busy_line.start("Lijst maken…")

    def print_list(self) -> None:
        self._pdf(save=False)

    def save_list(self) -> None:
        self._pdf(save=True)
