"""DPIA's: pre-scans and DPIAs with their status in words and colour ("Wacht op advies FG", "Besloten:
doorgaan met maatregelen", "Herbeoordelen"). The security officer carries them out, the FG gives advice,
the director and the board read."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from ibp_desktop.core.accountability.dpia import AP_LIST, EDPB_CRITERIA, IMPACT_LABELS, LIKELIHOOD_LABELS
from ibp_desktop.core.accountability.records import ActivityRow, DpiaRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.accountability import dpia_dialogs as dialogs
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView, facts_html, section_html, text_html
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.evidence_box import EvidenceBox
from ibp_desktop.ui.widgets.fields import day_text
from ibp_desktop.ui.widgets.register_page import RegisterPage, school_for_new
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "DPIA's"
INTRO = (
    "Een DPIA (gegevensbeschermingseffectbeoordeling) brengt de risico's van een verwerking in kaart. "
    "Begin met een voortoets; de FG geeft advies voordat er wordt besloten."
)
CHOOSE = "Kies een DPIA in de lijst om de voortoets, de risico's en het besluit te zien."
COLUMN_SAMPLES = {
    "Nummer": "DPIA-2026-00",
    "School": "99ZZ",
    "Onderwerp": "Zorg en begeleiding (OPP)",
    "Status": "Wacht op advies FG (gevraagd 00-00-2026)",
    "Herbeoordelen": "00-00-2026",
}


def _columns(several: bool) -> list[Column[DpiaRow]]:
    columns: list[Column[DpiaRow]] = [
        Column("Nummer", lambda r: r.number),
        Column("Onderwerp", lambda r: r.subject, tooltip=lambda r: r.subject),
        Column(
            "Status",
            lambda r: r.status.text,
            sort_key=lambda r: (not r.status.needs_attention, r.number),
            level=lambda r: LEVEL_NAMES[r.level],
            tooltip=lambda r: r.status.text,
        ),
        Column("Herbeoordelen", lambda r: day_text(r.review_on), sort_key=lambda r: str(r.review_on or "")),
    ]
    if several:
        columns.insert(1, Column("School", lambda r: r.brin))
    return columns


def dpia_html(row: DpiaRow) -> str:
    parts = [
        section_html(
            "Voortoets",
            facts_html(
                [
                    ("Verwerking", escape(row.activity_name or "Nieuwe toepassing")),
                    ("Gedaan op", escape(f"{day_text(row.prescan_on)} door {row.prescan_by_name}")),
                    (
                        "Lijst AP",
                        escape("; ".join(AP_LIST[k] for k in AP_LIST if k in row.ap_items) or "Geen"),
                    ),
                    (
                        "EDPB-criteria",
                        escape(
                            "; ".join(EDPB_CRITERIA[k] for k in EDPB_CRITERIA if k in row.criteria) or "Geen"
                        ),
                    ),
                    ("Onderbouwing", text_html(row.prescan_reasoning)),
                ]
            ),
        )
    ]
    if not row.needed:
        return "".join(parts)
    parts.append(
        section_html(
            "Beschrijving",
            facts_html(
                [
                    ("Verwerking", text_html(row.description or "Nog niet beschreven.")),
                    ("Noodzaak", text_html(row.necessity or "Nog niet beschreven.")),
                ]
            ),
        )
    )
    risks = "".join(
        f"<li><b>{escape(r.level_text)}</b> ({escape(LIKELIHOOD_LABELS[r.facts.likelihood].lower())} × "
        f"{escape(IMPACT_LABELS[r.facts.impact].lower())}): {escape(r.facts.description)}"
        + (
            f"<br>Maatregel: {escape(r.facts.measure)} (actie: {escape(r.action_status)})"
            if r.facts.measure
            else ""
        )
        + "</li>"
        for r in row.risks
    )
    parts.append(section_html("Risico's", f"<ul>{risks}</ul>" if risks else "Nog geen risico's vastgelegd."))
    parts.append(
        section_html(
            "Advies FG en besluit",
            facts_html(
                [
                    ("Advies gevraagd", day_text(row.advice_asked_on) or "Nog niet"),
                    ("Advies", text_html(row.advice) or "Nog niet gegeven"),
                    ("Door", escape(row.advice_by_name)),
                    ("Besluit", escape(row.decision_label or "Nog niet besloten")),
                    ("Onderbouwing", text_html(row.decision_reasons)),
                    ("Herbeoordelen", day_text(row.review_on)),
                ]
            ),
        )
    )
    return "".join(parts)


class DpiaPage(RegisterPage[DpiaRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE,
            INTRO,
            _columns(len(context.schools) > 1),
            search_hint="Zoeken op nummer of onderwerp",
            empty_text="Nog geen voortoetsen of DPIA's. Doe een voortoets voor een verwerking met gevoelige "
            "gegevens of voor een nieuwe toepassing.",
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_DPIAS)
        self.can_advise = context.actor.can(Permission.ADVISE)
        self.current: DpiaRow | None = None
        self.acting = object()  # ops group: one action at a time, apart from the table's load
        if self.can_manage:
            self.add_new_action("Voortoets…", self.open_prescan, "Voortoets doen")
        self.documents = DocumentActions.for_school(
            self, context, "Register van DPIA's", "dpia-register", self.service
        )
        self._build_detail()
        self.size_columns(COLUMN_SAMPLES)
        self.splitter.setSizes([620, 500])
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.load_and_follow(context, (ops.DPIA, ops.PROCESSING))

    def _build_detail(self) -> None:
        wanted: list[tuple[str, Callable[[], None], bool]] = [
            ("Beschrijven…", self.open_describe, self.can_manage),
            ("Risico toevoegen…", self.open_risk, self.can_manage),
            ("Advies FG vragen", self.ask_advice, self.can_manage),
            ("Besluit…", self.open_decision, self.can_manage),
            ("Advies vastleggen…", self.open_advice, self.can_advise),
            ("DPIA als PDF…", self.save_pdf, True),
        ]
        self.row_buttons = self.add_row_buttons([(t, slot) for t, slot, ok in wanted if ok], per_row=3)
        self.pane = DetailView("Status DPIA")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        self.evidence = EvidenceBox(self.context, "dpia", self.can_manage)
        self.detail_layout.addWidget(self.evidence)

    def service(self) -> DpiaService:
        return DpiaService(self.context.database, self.context.actor)

    def load_rows(self) -> list[DpiaRow]:
        return self.service().list_dpias(self.context.school_id, today=self.context.today())

    def row_selected(self, row: DpiaRow | None) -> None:
        if row is None:
            self.detail_id = None
            self.show_detail(None)
            return
        service, today, dpia_id = self.service(), self.context.today(), row.id
        self.fetch_detail(dpia_id, lambda: service.detail(dpia_id, today), self.show_detail, "dpia detail")

    def show_detail(self, row: DpiaRow | None) -> None:
        self.current = row
        if row is None:
            self.pane.clear(CHOOSE)
            self.evidence.show_files(None, ())
        else:
            self.pane.show_record(
                row.id,
                f"{row.number}: {row.subject}",
                row.status.text,
                LEVEL_NAMES[row.level],
                dpia_html(row),
            )
            self.evidence.show_files(row.id, row.evidence)
        for text, button in self.row_buttons.items():
            open_dpia = row is not None and row.needed and row.decision is None
            button.setEnabled(row is not None and (open_dpia or text == "DPIA als PDF…"))

    # Actions ------------------------------------------------------------------------------------

    def open_prescan(self) -> None:
        if not self.can_manage:
            return
        choose = "Kies bovenaan eerst de school waarvoor u een voortoets doet."
        school_id = school_for_new(self, self.context, choose)
        if school_id is None:
            return
        service = ProcessingService(self.context.database, self.context.actor)

        def opened(activities: list[ActivityRow]) -> None:
            self.open_record_dialog(dialogs.PrescanDialog(self.context, school_id, activities, self))

        ops.query(self, lambda: service.list_activities(school_id), opened, what="dpia prescan choices",
                  group=self.acting)

    def _open(self, allowed: bool, dialog: Callable[[AppContext, DpiaRow, QWidget], QDialog]) -> None:
        self.open_dialog_for(allowed, self.current, lambda row: dialog(self.context, row, self))

    def open_describe(self) -> None:
        self._open(self.can_manage, dialogs.DescribeDialog)

    def open_risk(self) -> None:
        self._open(self.can_manage, dialogs.RiskDialog)

    def open_advice(self) -> None:
        self._open(self.can_advise, dialogs.AdviceDialog)

    def open_decision(self) -> None:
        self._open(self.can_manage, dialogs.DecisionDialog)

    def ask_advice(self) -> None:
        row = self.current
        if not self.can_manage or row is None:
            return
        service, today = self.service(), self.context.today()
        ops.mutate(self, ops.DPIA, lambda: service.ask_advice(row.id, row.version, on=today, today=today),
                   lambda saved: self.reload(select_id=saved.id), on_refused=self.change_refused,
                   what="dpia ask advice", group=self.acting)

    def save_pdf(self) -> None:
        row = self.current
        if row is None:
            return
        service, dpia_id, today = self.service(), row.id, self.context.today()  # the day the page shows
        ops.document(self, lambda: service.dpia_pdf(dpia_id, today), title=f"DPIA {row.number}",
                     file_name=f"{row.number.lower()}.pdf")
