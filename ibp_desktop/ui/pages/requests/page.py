"""Verzoeken: the register of data-subject requests with the one-month deadline in words and colour,
the detail of one request, and the director's (register, extend, answer) and the FG's (remark) actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from ibp_desktop.core.register_records import RequestDetail, RequestRow
from ibp_desktop.core.requests import FILTER_LABELS, Relation, RequestFilter
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.requests.detail import request_html, status_sentence
from ibp_desktop.ui.pages.requests.handle_dialogs import AnswerDialog, ExtendDialog, RemarkDialog
from ibp_desktop.ui.pages.requests.request_dialog import RequestDialog
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.evidence_box import EvidenceBox
from ibp_desktop.ui.widgets.fields import day_text
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Verzoeken van betrokkenen"
INTRO = ("Ouders, leerlingen van 16 jaar en ouder en medewerkers mogen vragen welke gegevens de school "
         "van hen heeft, en die laten verbeteren of verwijderen. Het antwoord moet binnen één maand "
         "gegeven zijn.")
CHOOSE = "Kies een verzoek in de lijst om de gegevens, de termijn en de opmerkingen te zien."
ANSWERED_LATE = "answered_late"
SHORT_RELATIONS = {Relation.GUARDIAN: "Ouder", Relation.PUPIL_16: "Leerling 16+",
                   Relation.STAFF: "Medewerker", Relation.OTHER: "Anders"}
COLUMN_SAMPLES = {"Nummer": "2026-000", "School": "99ZZ", "Ontvangen": "00-00-2026", "Recht": "Verwijdering",
                  "Verzoeker": "Marloes van den Heuvel", "Relatie": "Medewerker",
                  "Uiterlijk": "00-00-2026 (verlengd)", "Status": "Te laat beantwoord",
                  "Uitkomst": "Deels toegewezen"}


def _columns(several_schools: bool) -> list[Column[RequestRow]]:
    columns: list[Column[RequestRow]] = [
        Column("Nummer", lambda r: r.number),
        Column("Ontvangen", lambda r: day_text(r.received_on), sort_key=lambda r: r.received_on),
        Column("Status", lambda r: r.status_text,
               sort_key=lambda r: (r.status.answered, r.status.days_left or 0, r.deadline),
               level=lambda r: LEVEL_NAMES[r.level]),
        Column("Uiterlijk", lambda r: day_text(r.deadline) + (" (verlengd)" if r.extended else ""),
               tooltip=lambda r: r.deadline_text,
               sort_key=lambda r: r.deadline),
        Column("Recht", lambda r: r.right_label, tooltip=lambda r: r.right_label),
        Column("Verzoeker", lambda r: r.requester_name, tooltip=lambda r: r.requester_name),
        Column("Relatie", lambda r: SHORT_RELATIONS[r.relation], tooltip=lambda r: r.relation_label),
        Column("Uitkomst", lambda r: r.outcome_label),
    ]
    if several_schools:
        columns.insert(1, Column("School", lambda r: r.brin))
    return columns


_STATUS_TESTS: dict[str, Callable[[RequestRow], bool]] = {
    RequestFilter.OPEN.value: lambda r: not r.status.answered,
    RequestFilter.OVERDUE.value: lambda r: r.status.overdue,
    RequestFilter.ANSWERED.value: lambda r: r.status.answered,
    ANSWERED_LATE: lambda r: r.status.answered and r.status.on_time is False,
}


def _matches_status(row: RequestRow, wanted: Any) -> bool:
    return _STATUS_TESTS[str(wanted)](row)


class RequestsPage(RegisterPage[RequestRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE, INTRO, _columns(len(context.schools) > 1),
            search_hint="Zoeken",
            empty_text="Nog geen verzoeken in het register. Registreer een verzoek zodra het binnenkomt: "
                       "de termijn van één maand begint op de dag van ontvangst.",
            search_text=lambda r: " ".join((r.number, r.requester_name, r.pupil_name, r.right_label,
                                             r.relation_label, r.status_text, r.outcome_label, r.brin)),
        )
        self.context = context
        actor = context.actor
        self.can_manage = actor.can(Permission.MANAGE_REQUESTS)
        self.can_advise = actor.can(Permission.ADVISE)
        self.current: RequestDetail | None = None
        self.status_filter = self.add_filter("Status:", [
            ("Alle verzoeken", None),
            (FILTER_LABELS[RequestFilter.OPEN], RequestFilter.OPEN.value),
            ("Te laat", RequestFilter.OVERDUE.value),
            (FILTER_LABELS[RequestFilter.ANSWERED], RequestFilter.ANSWERED.value),
            ("Te laat beantwoord", ANSWERED_LATE),
        ], _matches_status)
        self.year_filter = self.add_year_filter(lambda r: r.received_on.year)
        self.new_button: QPushButton | None = None
        if self.can_manage:
            self.new_button = self.add_new_action("Verzoek registreren", self.open_new)
        self.documents = DocumentActions(self, "Register van verzoeken", self._file_stem,
                                         self._pdf_work, self._csv_work)
        self._build_detail()
        self.size_columns(COLUMN_SAMPLES)
        self.sort_by("Ontvangen", Qt.SortOrder.DescendingOrder)
        self.splitter.setSizes([700, 420])
        self.load_and_follow(context, (ops.REQUESTS,))  # reload when the data changed, not on every visit

    # Detail pane --------------------------------------------------------------------------------

    def _build_detail(self) -> None:
        wanted: list[tuple[str, Callable[[], None], bool]] = [
            ("Beantwoorden…", self.open_answer, self.can_manage),
            ("Verlengen…", self.open_extend, self.can_manage),
            ("Wijzigen…", self.open_edit, self.can_manage),
            ("Opmerking (FG)…", self.open_remark, self.can_advise),
        ]
        self.row_buttons = self.add_row_buttons([(t, slot) for t, slot, ok in wanted if ok])
        self.pane = DetailView("Termijn")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        self.evidence = EvidenceBox(self.context, "request", self.can_manage)
        self.detail_layout.addWidget(self.evidence)
        self.table.doubleClicked.connect(lambda _i: self.open_answer() if self.can_manage else None)

    def service(self) -> RequestService:
        return RequestService(self.context.database, self.context.actor)

    def load_rows(self) -> list[RequestRow]:
        return self.service().list_requests(school_id=self.context.school_id, today=self.context.today())

    def row_selected(self, row: RequestRow | None) -> None:
        if row is None:
            self.detail_id, self.current = None, None
            self.pane.clear(CHOOSE)
            self.evidence.show_owner(None)
            self._update_buttons()
            return
        request_id, service, today = row.id, self.service(), self.context.today()
        self.fetch_detail(request_id, lambda: service.detail(request_id, today=today), self.show_detail,
                          "request detail")

    def show_detail(self, detail: RequestDetail) -> None:
        self.current = detail
        row = detail.row
        self.pane.show_record(row.id, f"Verzoek {row.number} · {row.right_label}", status_sentence(detail),
                              LEVEL_NAMES[row.level], request_html(detail))
        self.evidence.show_owner(row.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        detail = self.current
        for text, button in self.row_buttons.items():
            enabled = detail is not None
            if detail is not None and text == "Verlengen…":
                enabled = detail.can_extend
            button.setEnabled(enabled)

    # Dialogs ------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        self.open_record_dialog(dialog, lambda: self._saved(getattr(dialog, "result_value", None)))

    def _saved(self, detail: RequestDetail | None) -> None:
        """Show the saved request at once (the dialog returned it), then reload and keep it chosen."""
        if detail is None:
            self.reload()
            return
        self.detail_id = detail.row.id
        self.show_detail(detail)
        self.reload(select_id=detail.row.id)

    def open_new(self) -> None:
        if self.can_manage:
            self._open(RequestDialog(self.context, None, self))

    def _with_current(self, allowed: bool, make: Callable[[RequestDetail], QDialog]) -> None:
        if allowed and self.current is not None:
            self._open(make(self.current))

    def open_edit(self) -> None:
        self._with_current(self.can_manage, lambda d: RequestDialog(self.context, d, self))

    def open_extend(self) -> None:
        self._with_current(self.can_manage, lambda d: ExtendDialog(self.context, d, self))

    def open_answer(self) -> None:
        self._with_current(self.can_manage, lambda d: AnswerDialog(self.context, d, self))

    def open_remark(self) -> None:
        self._with_current(self.can_advise, lambda d: RemarkDialog(self.context, d, self))

    # Documents ----------------------------------------------------------------------------------

    def _period(self) -> tuple[date | None, date | None]:
        year = self.year_filter.currentData()
        return (date(year, 1, 1), date(year, 12, 31)) if year is not None else (None, None)

    def _file_stem(self) -> str:
        year = self.year_filter.currentData()
        return f"verzoekenregister-{year}" if year is not None else "verzoekenregister"

    # The documents are of the day the list shows (the context's today), read at the click.

    def _pdf_work(self) -> Callable[[], bytes]:
        (start, end), school_id, service = self._period(), self.context.school_id, self.service()
        today = self.context.today()
        return lambda: service.register_pdf(start, end, school_id, today)

    def _csv_work(self) -> Callable[[], bytes]:
        (start, end), school_id, service = self._period(), self.context.school_id, self.service()
        today = self.context.today()
        return lambda: service.register_csv(start, end, school_id, today)
