"""Plan van aanpak: the actions that come out of incident evaluations, audits and the yearly evaluation,
with their owner (a role), school or the whole board, the due date in words and colour, and the status."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ibp_desktop.core.actions import STATUS_LABELS, ActionStatus
from ibp_desktop.core.incidents.rules import format_moment
from ibp_desktop.core.register_records import ActionRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.actions.register import ActionService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.actions.dialogs import ActionDialog
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView, facts_html, text_html
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Plan van aanpak"
INTRO = ("Wat gaat de school beter doen? Hier staan de acties uit de evaluatie van incidenten, audits en de "
         "jaarlijkse evaluatie van het privacybeleid, met wie ze oppakt en wanneer ze klaar moeten zijn.")
CHOOSE = "Kies een actie in de lijst om de gegevens te zien."
TO_DO = "to_do"
COLUMN_SAMPLES = {"Actie": "Wachtwoordbeleid opnieuw bespreken", "Eigenaar": "Security officer",
                  "Voor": "OBS De Regenboog", "Termijn": "Te laat (sinds 00-00-2026)", "Status": "Bezig",
                  "Bron": "Evaluatie incident"}


def _columns() -> list[Column[ActionRow]]:
    return [
        Column("Actie", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Termijn", lambda r: r.due_text,
               sort_key=lambda r: (r.status is ActionStatus.DONE, str(r.facts.due_on or "9999")),
               level=lambda r: "grey" if r.status is ActionStatus.DONE else LEVEL_NAMES[r.level]),
        Column("Status", lambda r: r.status_label, sort_key=lambda r: list(ActionStatus).index(r.status)),
        Column("Eigenaar", lambda r: r.owner_label, tooltip=lambda r: r.owner_label),
        Column("Voor", lambda r: r.school_name, tooltip=lambda r: r.school_name),
        Column("Bron", lambda r: r.source_label, tooltip=lambda r: r.source_label),
    ]


def _matches_status(row: ActionRow, wanted: object) -> bool:
    if wanted == TO_DO:
        return row.status is not ActionStatus.DONE
    return bool(row.status == wanted)


def action_html(row: ActionRow) -> str:
    facts = row.facts
    closed = f"{format_moment(row.closed_at)} door {row.closed_by}" if row.closed_at else ""
    return facts_html([
        ("Toelichting", text_html(facts.description)),
        ("Eigenaar", escape(row.owner_label)),
        ("Voor", escape(row.school_name)),
        ("Uiterlijk op", facts.due_on.strftime("%d-%m-%Y") if facts.due_on else "Geen datum"),
        ("Status", escape(row.status_label)),
        ("Komt uit", escape(row.source_label)),
        ("Aangemaakt", escape(f"{format_moment(row.created_at)} door {row.created_by}")),
        ("Afgerond", escape(closed)),
    ])


class ActionsPage(RegisterPage[ActionRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE, INTRO, _columns(),
            search_hint="Zoeken op actie, eigenaar of bron",
            empty_text="Nog geen acties in het plan van aanpak. Voeg een actie toe, bijvoorbeeld na de "
                       "evaluatie van een incident of na de jaarlijkse evaluatie.",
            search_text=lambda r: " ".join((r.title, r.facts.description, r.owner_label, r.school_name,
                                             r.source_label, r.status_label, r.due_text)),
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_ACTIONS)
        self.current: ActionRow | None = None
        self.status_filter = self.add_filter(
            "Status:", [("Alle acties", None), ("Nog te doen", TO_DO)]
            + [(STATUS_LABELS[s], s.value) for s in ActionStatus], _matches_status)
        self.new_button: QPushButton | None = None
        if self.can_manage:
            self.new_button = self.add_new_action("Actie toevoegen", self.open_new)
        self.documents = DocumentActions(self, "Plan van aanpak", lambda: "plan-van-aanpak",
                                         self._pdf_work, self._csv_work)
        self._build_detail()
        self.size_columns(COLUMN_SAMPLES)
        self.splitter.setSizes([720, 400])
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # most urgent first, finished ones last
        self.table.doubleClicked.connect(lambda _i: self.open_edit())
        self.load_and_follow(context, (ops.ACTIONS,))

    def _build_detail(self) -> None:
        self.row_buttons = self.add_row_buttons(
            [("Wijzigen…", self.open_edit), ("Klaar melden", self.toggle_done)] if self.can_manage else []
        )
        self.pane = DetailView("Termijn")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)

    def service(self) -> ActionService:
        return ActionService(self.context.database, self.context.actor)

    def load_rows(self) -> list[ActionRow]:
        return self.service().list_actions(school_id=self.context.school_id, today=self.context.today())

    def row_selected(self, row: ActionRow | None) -> None:
        self.current = row
        if row is None:
            self.pane.clear(CHOOSE)
        else:
            level = "grey" if row.status is ActionStatus.DONE else LEVEL_NAMES[row.level]
            self.pane.show_record(row.id, row.title, f"{row.due_text} · {row.status_label}", level,
                                  action_html(row))
        for button in self.row_buttons.values():
            button.setEnabled(row is not None)
        if "Klaar melden" in self.row_buttons:
            done = row is not None and row.status is ActionStatus.DONE
            self.row_buttons["Klaar melden"].setText("Heropenen" if done else "Klaar melden")

    # Dialogs and status -------------------------------------------------------------------------

    def open_new(self) -> None:
        if self.can_manage:
            self.open_record_dialog(ActionDialog(self.context, None, self))

    def open_edit(self) -> None:
        self.open_dialog_for(self.can_manage, self.current, lambda row: ActionDialog(self.context, row, self))

    def toggle_done(self) -> None:
        """Klaar melden (or reopen): no question, it can simply be undone."""
        row = self.current
        if not self.can_manage or row is None:
            return
        wanted = ActionStatus.OPEN if row.status is ActionStatus.DONE else ActionStatus.DONE
        service, today = self.service(), self.context.today()
        ops.mutate(self, ops.ACTIONS, lambda: service.set_status(row.id, row.version, wanted, today),
                   lambda saved: self.reload(select_id=saved.id), on_refused=self.change_refused,
                   what="action status", group=self.row_buttons["Klaar melden"])

    # Documents ----------------------------------------------------------------------------------

    def _pdf_work(self) -> Callable[[], bytes]:
        school_id, service, today = self.context.school_id, self.service(), self.context.today()
        return lambda: service.register_pdf(school_id, today)

    def _csv_work(self) -> Callable[[], bytes]:
        school_id, service, today = self.context.school_id, self.service(), self.context.today()
        return lambda: service.register_csv(school_id, today)
