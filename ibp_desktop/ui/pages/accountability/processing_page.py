"""Verwerkingsregister: the school's processing activities (art. 30) with their status in words and
colour ("In orde", "Geen verwerkersovereenkomst met ...", "Jaarlijkse controle te laat"). The director
and the security officer keep it; every role reads it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from ibp_desktop.core.accountability.processing import DENOMINATION_LABELS, Denomination
from ibp_desktop.core.accountability.records import ActivityRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.processing import LinkOptions, ProcessingService
from ibp_desktop.services.accountability.processing_seed import SchoolTypeService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask, show_info
from ibp_desktop.ui.pages.accountability.activity_dialog import ActivityDialog
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView, facts_html, section_html, text_html
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.fields import day_text
from ibp_desktop.ui.widgets.register_page import RegisterPage, school_for_new
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Verwerkingsregister"
INTRO = (
    "Welke persoonsgegevens de school verwerkt, waarvoor, op welke grond en met wie (AVG artikel 30). "
    "Kijk elke verwerking één keer per jaar na en vink aan dat ze nog klopt."
)
CHOOSE = "Kies een verwerking in de lijst om alle gegevens te zien."
CHOOSE_SCHOOL = "Kies bovenaan eerst de school."
ATTENTION, IN_ORDER = "attention", "in_order"
COLUMN_SAMPLES = {
    "Verwerking": "Zorg en begeleiding (OPP, groei",
    "School": "99ZZ",
    "Grondslag": "Wettelijke plicht (art. 6 lid 1c)",
    "DPIA": "Nog niet beoordeeld",
    "Gecontroleerd": "00-00-2026",
    "Status": "Geen verwerkersovereenkomst met Xxxxxxx",
}


def _columns(several: bool) -> list[Column[ActivityRow]]:
    columns: list[Column[ActivityRow]] = [
        Column("Verwerking", lambda r: r.name, tooltip=lambda r: r.facts.purpose),
        Column(
            "Status",
            lambda r: r.status.text,
            sort_key=lambda r: (not r.status.needs_attention, r.name),
            level=lambda r: LEVEL_NAMES[r.level],
            tooltip=lambda r: r.status.text,
        ),
        Column("Grondslag", lambda r: r.basis_label),
        Column("DPIA", lambda r: r.dpia_label),
        Column(
            "Gecontroleerd",
            lambda r: day_text(r.facts.last_reviewed_on) or "Nog niet",
            sort_key=lambda r: str(r.facts.last_reviewed_on or ""),
        ),
    ]
    if several:
        columns.insert(1, Column("School", lambda r: r.brin))
    return columns


def activity_html(row: ActivityRow) -> str:
    f = row.facts
    linked = [
        (
            "Verwerkers",
            "<br>".join(
                escape(f"{s.label} ({s.detail.lower()})" if s.detail else s.label) for s in row.suppliers
            )
            or "Geen",
        ),
        (
            "Bewaartermijnen",
            "<br>".join(escape(f"{r.label}: {r.detail}" if r.detail else r.label) for r in row.retention)
            or "Niet gekoppeld",
        ),
        ("Toestemmingsdoelen", escape(", ".join(c.label for c in row.consent))),
        ("DPIA", escape("; ".join([row.dpia_label, *(f"{d.label}: {d.detail}" for d in row.dpias)]))),
    ]
    return "".join(
        [
            section_html(
                "Wat en waarom",
                facts_html(
                    [
                        ("Doel", text_html(f.purpose)),
                        ("Grondslag", escape(row.basis_label)),
                        ("Toelichting", text_html(f.basis_note)),
                        ("Eigenaar", escape(row.owner_label)),
                        ("Gecontroleerd", day_text(f.last_reviewed_on) or "Nog niet"),
                    ]
                ),
            ),
            section_html(
                "Gegevens en ontvangers",
                facts_html(
                    [
                        ("Betrokkenen", escape(f.data_subjects)),
                        ("Soorten gegevens", text_html(f.data_categories)),
                        ("Bijzondere gegevens", escape(f.special_categories or "Geen")),
                        ("Ontvangers", escape(f.recipients)),
                        (
                            "Buiten de EER",
                            escape(
                                f"{row.transfer_label}: {f.transfer_note}"
                                if f.transfer_note
                                else row.transfer_label
                            ),
                        ),
                    ]
                ),
            ),
            section_html("Koppelingen", facts_html(linked)),
            section_html("Beveiliging", text_html(f.security_measures or "Nog niet beschreven.")),
        ]
    )


class ProcessingPage(RegisterPage[ActivityRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE,
            INTRO,
            _columns(len(context.schools) > 1),
            search_hint="Zoeken op verwerking, gegevens of verwerker",
            empty_text="Het verwerkingsregister is nog leeg. Voeg de verwerkingen van de school toe.",
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_PROCESSING)
        self.current: ActivityRow | None = None
        self.acting = object()  # ops group: one action at a time, apart from the table's load
        self.add_filter(
            "Status:",
            [("Alle verwerkingen", None), ("Vraagt aandacht", ATTENTION), ("In orde", IN_ORDER)],
            lambda r, wanted: r.status.needs_attention == (wanted == ATTENTION),
        )
        if self.can_manage:
            self.add_new_action("Verwerking toevoegen", self.open_new)
        self.documents = DocumentActions.for_school(
            self, context, "Verwerkingsregister", "verwerkingsregister", self.service
        )
        self._build_detail()
        self._build_school_type()
        self.size_columns(COLUMN_SAMPLES)
        self.splitter.setSizes([680, 440])
        self.table.doubleClicked.connect(lambda _i: self.open_edit())
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        context.school_changed.connect(lambda _id: self._load_school_type())
        # the status names the processor's agreement and the DPIA: those areas count too
        self.load_and_follow(context, (ops.PROCESSING, ops.DPIA, ops.PROCESSORS))

    def _build_detail(self) -> None:
        wanted: list[tuple[str, Callable[[], None]]] = [
            ("Nagekeken, klopt nog", self.mark_reviewed),
            ("Wijzigen…", self.open_edit),
            ("Verwijderen…", self.remove),
        ]
        self.row_buttons = self.add_row_buttons(wanted if self.can_manage else [], per_row=len(wanted))
        self.pane = DetailView("Status verwerking")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)

    def _build_school_type(self) -> None:
        """Openbaar or bijzonder decides the legal basis of the preloaded activities (managers only)."""
        self.school_type: QComboBox | None = None
        if not self.can_manage:
            return
        row = QHBoxLayout()
        row.addWidget(QLabel("Soort school:"))
        self.school_type = QComboBox()
        for denomination, text in DENOMINATION_LABELS.items():
            self.school_type.addItem(text, denomination)
        self.school_type.setToolTip(
            "Een openbare school baseert haar taken op de publieke taak; een bijzondere school mag waar het "
            "past gerechtvaardigd belang gebruiken. Bij een wijziging krijgen de standaardverwerkingen de "
            "grondslag die daarbij hoort, tenzij u die zelf al had aangepast."
        )
        row.addWidget(self.school_type)
        row.addStretch(1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(2, row)
        self._load_school_type()
        self.school_type.activated.connect(lambda _i: self._school_type_chosen())

    def _load_school_type(self) -> None:
        school_id = school_for_new(self, self.context, None)
        if self.school_type is None or school_id is None:
            return
        service = SchoolTypeService(self.context.database, self.context.actor)

        def loaded(value: Denomination) -> None:
            if self.school_type is not None:
                self.school_type.setCurrentIndex(max(self.school_type.findData(value), 0))

        ops.query(self, lambda: service.denomination(school_id), loaded, what="school type load",
                  group=self.school_type, again=True)

    def _school_type_chosen(self) -> None:
        school_id = school_for_new(self, self.context, CHOOSE_SCHOOL)
        if self.school_type is None or school_id is None:
            return
        chosen = Denomination(self.school_type.currentData())
        service = SchoolTypeService(self.context.database, self.context.actor)

        def done(moved: int) -> None:
            noun = "verwerking kreeg" if moved == 1 else "verwerkingen kregen"
            show_info(
                self,
                f"Opgeslagen: {DENOMINATION_LABELS[chosen].lower()}. {moved} {noun} de grondslag "
                "die daarbij hoort.",
            )

        ops.mutate(self, ops.PROCESSING, lambda: service.set_denomination(school_id, chosen), done,
                   wait=[self.school_type], what="school type save", group=self.acting)

    def service(self) -> ProcessingService:
        return ProcessingService(self.context.database, self.context.actor)

    def load_rows(self) -> list[ActivityRow]:
        return self.service().list_activities(self.context.school_id, today=self.context.today())

    def row_selected(self, row: ActivityRow | None) -> None:
        self.current = row
        if row is None:
            self.pane.clear(CHOOSE)
        else:
            self.pane.show_record(
                row.id, row.name, row.status.text, LEVEL_NAMES[row.level], activity_html(row)
            )
        for button in self.row_buttons.values():
            button.setEnabled(row is not None)

    # Actions ------------------------------------------------------------------------------------

    def _with_options(self, school_id: int, row: ActivityRow | None) -> None:
        service = self.service()

        def opened(options: LinkOptions) -> None:
            self.open_record_dialog(ActivityDialog(self.context, school_id, options, row, self))

        ops.query(self, lambda: service.link_options(school_id), opened, what="processing link options",
                  group=self.acting)

    def open_new(self) -> None:
        school_id = school_for_new(self, self.context, CHOOSE_SCHOOL) if self.can_manage else None
        if school_id is not None:
            self._with_options(school_id, None)

    def open_edit(self) -> None:
        if self.can_manage and self.current is not None:
            self._with_options(self.current.school_id, self.current)

    def mark_reviewed(self) -> None:
        row = self.current
        if not self.can_manage or row is None:
            return
        service, today = self.service(), self.context.today()
        self._run(lambda: service.mark_reviewed(row.id, row.version, on=today, today=today))

    def remove(self) -> None:
        row = self.current
        if not self.can_manage or row is None:
            return
        if not ask(
            self,
            "Verwerking verwijderen",
            f"{row.name} uit het verwerkingsregister halen? Doe dit alleen "
            "als de school deze gegevens niet meer verwerkt.",
            "Verwijderen",
        ):
            return
        service = self.service()
        self._run(lambda: service.remove(row.id, row.version))

    def _run(self, work: Callable[[], object]) -> None:
        """A change of the chosen row; afterwards the page reloads through ops.watch."""
        ops.mutate(self, ops.PROCESSING, work, lambda _r: None, on_refused=self.change_refused,
                   wait=list(self.row_buttons.values()), what="processing change", group=self.acting)
