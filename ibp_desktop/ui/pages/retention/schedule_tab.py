"""Tab "Bewaarschema": the school's retention schedule, one row per category with its term, the event
it counts from, the basis, the action and the system. The director edits rows and adds new ones."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout

from ibp_desktop.core.retention.records import RuleRow, Source
from ibp_desktop.core.retention.rules import Action
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_error
from ibp_desktop.ui.pages.retention.common import MUTED, current_school, fact_rows, rich_label, system_text
from ibp_desktop.ui.pages.retention.rule_dialog import RuleDialog
from ibp_desktop.ui.theme import label
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

EMPTY = "Het bewaarschema is nog leeg. Voeg de eerste regel toe met 'Regel toevoegen…'."
NOTHING_CHOSEN = "Kies een regel om de bewaartermijn en de grondslag te zien."
SOURCE_TEXT = {
    Source.PUPILS: "Het programma berekent dit zelf uit de uitschrijfdatum van elke leerling.",
    Source.PUPILS_REFERRED: "Het programma berekent dit zelf voor uitgeschreven leerlingen die zijn "
    "verwezen naar het speciaal (basis)onderwijs.",
    Source.CONSENT: "De toestemmingen in dit programma; verwijderd bij het uitvoeren van een opruimronde.",
    Source.INCIDENTS: "De afgesloten incidenten in dit programma; verwijderd bij het uitvoeren van een "
    "opruimronde.",
    Source.PUPIL_ROWS: "De leerlinggegevens in dit programma zelf; ze gaan pas weg als alle andere termijnen "
    "van die leerling voorbij zijn.",
    Source.ITEMS: "Stukken buiten dit programma: registreer ze op het tabblad 'Wat moet weg' met "
    "'Item registreren…'.",
}


def term_column(rule: RuleRow) -> str:
    return "blijvend" if rule.action is Action.KEEP_PERMANENTLY else rule.term.text


def schedule_columns() -> list[Column[RuleRow]]:
    return [
        Column("Categorie", lambda r: r.label, sort_key=lambda r: r.sort_order, tooltip=lambda r: r.label),
        Column(
            "Termijn",
            term_column,
            sort_key=lambda r: (r.action.value, r.term.unit.value, r.term.amount),
            level=lambda r: "grey" if r.action is Action.KEEP_PERMANENTLY else None,
        ),
        Column("Telt vanaf", lambda r: r.event_label),
        Column("Grondslag", lambda r: r.basis, tooltip=lambda r: r.basis),
        Column("Actie", lambda r: r.action_label),
        Column("Systeem", lambda r: system_text(r.system)),
    ]


class ScheduleTab(RegisterPage[RuleRow]):
    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.can_edit = context.actor.can(Permission.EDIT_RETENTION_SCHEDULE)
        super().__init__(
            "Bewaarschema",
            "",
            schedule_columns(),
            search_hint="Zoek op categorie of grondslag",
            empty_text=EMPTY,
        )
        title = self.findChild(QLabel, "pageTitle")
        if title is not None:
            title.hide()
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.insertWidget(
            1,
            label(
                "Hoe lang de school gegevens bewaart en waarom. De standaardtermijnen komen uit de wet en de "
                "richtlijnen voor het primair onderwijs; de school mag ze aanpassen en regels toevoegen.",
                "muted",
            ),
        )
        self.dialog: QDialog | None = None
        self.activities: dict[str, list[str]] = {}  # category -> activities of the processing register
        self._select_after: str | None = None
        if self.can_edit:
            self.add_button = self.add_action("Regel toevoegen…", self.open_add, "Ctrl+N")
            self.set_empty_action("Regel toevoegen…", self.open_add)
        self._build_detail()
        self.table.setWordWrap(False)
        for index, width in enumerate([290, 70, 190, 240, 90]):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _i: self.open_edit())  # Enter or double-click
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setSizes([420, 200])

    def _build_detail(self) -> None:
        self.heading = label("", "sectionTitle")
        self.body = rich_label()
        self.detail_layout.addWidget(self.heading)
        self.detail_layout.addWidget(self.body)
        self.edit_button: QPushButton | None = None
        if self.can_edit:
            self.edit_button = QPushButton("Wijzigen…")
            self.edit_button.setToolTip("Bewaartermijn wijzigen (Enter of dubbelklik)")
            self.edit_button.clicked.connect(self.open_edit)
            self.detail_layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail_layout.addStretch(1)
        self.row_selected(None)

    def refresh(self) -> None:
        self.reload()

    def load_rows(self) -> list[RuleRow]:  # background thread
        school_id = current_school(self.context)
        if school_id is None:
            return []
        if self.context.actor.can(Permission.VIEW_PROCESSING):  # the processing activities a category serves
            from ibp_desktop.services.accountability.processing import ProcessingService

            self.activities = ProcessingService(self.context.database, self.context.actor).linked_activities(
                school_id, "retention"
            )
        return RetentionService(self.context.database, self.context.actor).schedule(school_id)

    def rows_loaded(self) -> None:
        if self._select_after is not None:
            wanted, self._select_after = self._select_after, None
            self.select_where(lambda r: r.category == wanted)
        self.row_selected(self.selected_row())

    def row_selected(self, row: RuleRow | None) -> None:
        if self.edit_button is not None:
            self.edit_button.setEnabled(row is not None)
        if row is None:
            self.heading.setText("")
            self.body.setText(f"<span style='color:{MUTED}'>{escape(NOTHING_CHOSEN)}</span>")
            return
        self.heading.setText(row.label)
        self.body.setText(
            fact_rows(
                [
                    ("Bewaartermijn", escape(row.term_text)),
                    ("Telt vanaf", escape(row.event_label)),
                    ("Grondslag", escape(row.basis)),
                    ("Actie", escape(row.action_label)),
                    ("Systeem", escape(row.system_label)),
                    ("Verwerking", escape(", ".join(self.activities.get(row.category, [])))),
                ]
            )
            + f"<p style='color:{MUTED}'>{escape(SOURCE_TEXT[row.source])}</p>"
        )

    def _open(self, dialog: RuleDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog.result_rule))
        dialog.rejected.connect(lambda: self._stale(dialog) if dialog.stale else None)
        dialog.open()

    def open_edit(self) -> None:
        row, school_id = self.selected_row(), current_school(self.context)
        if self.can_edit and row is not None and school_id is not None:
            self._open(RuleDialog(self.context, school_id, row, self))

    def open_add(self) -> None:
        school_id = current_school(self.context)
        if self.can_edit and school_id is not None:
            self._open(RuleDialog(self.context, school_id, None, self))

    def _saved(self, rule: RuleRow | None) -> None:
        if rule is not None:
            self._select_after = rule.category
            self.reload()

    def _stale(self, dialog: RuleDialog) -> None:
        self.reload()
        show_error(self, dialog.stale_text, "Niet opgeslagen")
