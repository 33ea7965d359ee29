"""Incidenten en datalekken: the register with the 72-hour clock, the detail of one incident, and the
actions each role may take. Staff who may only report get a simple page with the report button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QPushButton, QVBoxLayout, QWidget

from ibp_desktop.core.incidents.breach_letter import Audience
from ibp_desktop.core.incidents.records import IncidentDetail, IncidentRow, detail_at, row_at
from ibp_desktop.core.incidents.rules import LABELS, ClockLevel, IncidentStatus, format_moment, local
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.incidents.breach_letter import BreachLetterService
from ibp_desktop.services.incidents.documents import IncidentDocumentService
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_info
from ibp_desktop.ui.pages.incidents.assess_dialog import AssessDialog
from ibp_desktop.ui.pages.incidents.close_dialog import CloseDialog, TimelineDialog
from ibp_desktop.ui.pages.incidents.detail import DetailPane
from ibp_desktop.ui.pages.incidents.export_dialog import ExportDialog
from ibp_desktop.ui.pages.incidents.import_dialog import ImportDialog
from ibp_desktop.ui.pages.incidents.notify_dialog import NotifyDialog
from ibp_desktop.ui.pages.incidents.report_dialog import ReportDialog
from ibp_desktop.ui.pages.incidents.widgets import CLOCK_COLOURS
from ibp_desktop.ui.theme import label, make_primary
from ibp_desktop.ui.widgets.evidence_box import EvidenceBox
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Incidenten en datalekken"
INTRO = ("Elk beveiligingsincident en elk datalek komt in dit register, ook als het niet gemeld hoeft te "
         "worden. Een datalek meldt u binnen 72 uur na ontdekking bij de Autoriteit Persoonsgegevens (AP).")
OPEN = "open"
# The 72-hour clock moves: every minute while the page is shown it is recomputed from the rows and the
# incident already loaded, at the context's moment; the database is asked only on a change or a visit.
CLOCK_TICK_MS = 60_000
# Widths as text samples (so they follow the font size); the title gets a fixed share.
COLUMN_SAMPLES = {"Nummer": "2026-000", "School": "99ZZ", "Ontdekt": "00-00-2026 00:00",
                  "Status": "In beoordeling", "72-uursklok": "Gemeld binnen 72 uur",
                  "Besluit": "Niet meldplichtig"}
TITLE_WIDTH = 160
_URGENCY = {ClockLevel.RED: 0, ClockLevel.AMBER: 1, ClockLevel.RUNNING: 2, ClockLevel.LATE_DONE: 3,
            ClockLevel.DONE: 4, ClockLevel.NONE: 5}


def _columns(several_schools: bool) -> list[Column[IncidentRow]]:
    columns: list[Column[IncidentRow]] = [
        Column("Nummer", lambda r: r.number),
        Column("Ontdekt", lambda r: format_moment(r.discovered_at), sort_key=lambda r: r.discovered_at),
        Column("Titel", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Status", lambda r: r.status_label, sort_key=lambda r: list(IncidentStatus).index(r.status),
               level=lambda r: "grey" if r.status is IncidentStatus.CLOSED else None),
        Column("72-uursklok", lambda r: r.clock_text,
               sort_key=lambda r: (_URGENCY[r.clock_level], r.clock.deadline),
               level=lambda r: CLOCK_COLOURS[r.clock_level]),
        Column("Besluit", lambda r: r.decision_label, tooltip=lambda r: r.decision_label),
        Column("Soort", lambda r: r.type_label, tooltip=lambda r: r.type_label),
    ]
    if several_schools:
        columns.insert(1, Column("School", lambda r: r.brin))
    return columns


def _matches_status(row: IncidentRow, wanted: Any) -> bool:
    if wanted == OPEN:
        return row.status is not IncidentStatus.CLOSED
    return bool(row.status is wanted)


class IncidentsPage(RegisterPage[IncidentRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE, INTRO, _columns(len(context.schools) > 1),
            search_hint="Zoeken op nummer of titel",
            empty_text="Nog geen incidenten in het register. Meld een incident, of importeer het register "
                       "dat de school tot nu toe bijhield.",
            search_text=lambda r: " ".join((r.number, r.title, r.type_label, r.status_label,
                                             r.decision_label, r.brin)),
            stretch_column=3 if len(context.schools) > 1 else 2,  # the title
        )
        self.context = context
        actor = context.actor
        self.can_manage = actor.can(Permission.MANAGE_INCIDENTS)
        self.can_advise = actor.can(Permission.ADVISE)
        self.current: IncidentDetail | None = None
        self.status_filter = self.add_filter(
            "Status:", [("Alle statussen", None), ("Open (niet afgehandeld)", OPEN)]
            + [(LABELS[s], s) for s in IncidentStatus], _matches_status)
        self.year_filter = self.add_year_filter(lambda r: local(r.discovered_at).year)
        if actor.can(Permission.REPORT_INCIDENT):
            self.report_button = self.add_new_action("Incident melden", self.open_report)
        self.export_button = self.add_action("Register exporteren…", self.open_export)
        if self.can_manage:
            self.import_button = self.add_action("Importeren…", self.open_import)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_report)
        self._build_detail()
        self.size_columns(COLUMN_SAMPLES, {"Titel": TITLE_WIDTH})  # long titles elide by character
        self.sort_by("Ontdekt", Qt.SortOrder.DescendingOrder)  # newest first
        self.splitter.setSizes([640, 460])
        self.table.doubleClicked.connect(lambda _i: self.open_assess())
        self.load_and_follow(context, (ops.INCIDENTS,))  # no polling: a change reloads, and so does a visit
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_TICK_MS)
        self.clock_timer.timeout.connect(self.tick_clock)

    # Detail pane --------------------------------------------------------------------------------

    def _build_detail(self) -> None:
        wanted: list[tuple[str, Callable[[], None], bool]] = [
            ("Beoordelen…", self.open_assess, self.can_manage),
            ("Melding aan AP…", self.open_notify, self.can_manage),
            ("Tijdlijn aanvullen…", self.open_timeline, self.can_manage),
            ("Advies toevoegen…", self.open_advice, self.can_advise),
            ("Afsluiten…", self.open_close, self.can_manage),
            ("Rapport (PDF)…", self.save_report, True),
            ("Afdrukken…", self.print_report, True),
            ("Brief aan betrokkenen…", self.save_letter, True),
        ]
        self.row_buttons = self.add_row_buttons([(t, slot) for t, slot, ok in wanted if ok], per_row=3)
        self.row_buttons["Afdrukken…"].setToolTip("Afdrukvoorbeeld van het incidentrapport (Ctrl+P)")
        self.row_buttons["Brief aan betrokkenen…"].setToolTip(
            "Conceptbrief aan ouders of medewerkers over het datalek (AVG artikel 34)")
        self.busy_label = label("", "muted")
        self.busy_label.hide()
        self.detail_layout.addWidget(self.busy_label)
        self.pane = DetailPane()
        self.pane.clear("Kies een incident in de lijst om de gegevens en de tijdlijn te zien.")
        self.detail_layout.addWidget(self.pane, 1)
        can_view = self.context.actor.can(Permission.VIEW_INCIDENTS)
        self.evidence = EvidenceBox(self.context, "incident", self.can_manage, can_view)
        self.detail_layout.addWidget(self.evidence)

    def service(self) -> IncidentService:
        return IncidentService(self.context.database, self.context.actor)

    # The 72-hour clock of the list, the detail and the report stands at the context's moment (the real
    # clock unless a test or the demo sets the day), read at the load or the click.

    def load_rows(self) -> list[IncidentRow]:
        return self.service().list_incidents(school_id=self.context.school_id, now=self.context.now())

    def rows_loaded(self) -> None:
        if self.selected_row() is None:
            self.row_selected(None)

    def row_selected(self, row: IncidentRow | None) -> None:
        if row is None:
            self.detail_id, self.current = None, None
            self.pane.clear("Kies een incident in de lijst om de gegevens en de tijdlijn te zien.")
            self.evidence.show_owner(None)
            self._update_buttons()
            return
        self._fetch(row.id)

    def _fetch(self, incident_id: int) -> None:
        service, now = self.service(), self.context.now()
        self.fetch_detail(incident_id, lambda: service.detail(incident_id, now), self.show_detail,
                          "incident detail")

    def show_detail(self, detail: IncidentDetail) -> None:
        self.current = detail
        self.pane.show_detail(detail)
        self.evidence.show_owner(detail.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        detail = self.current
        for text, button in self.row_buttons.items():
            enabled = detail is not None
            if text in ("Afsluiten…", "Melding aan AP…", "Beoordelen…") and detail is not None:
                enabled = detail.status is not IncidentStatus.CLOSED
            button.setEnabled(enabled)

    # The clock moves on ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.tick_clock()  # the page may have been away for a while
        self.clock_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.clock_timer.stop()
        super().hideEvent(event)

    def tick_clock(self) -> None:
        """Move the 72-hour clock of the list and the chosen incident to the context's moment, from what
        is loaded (no query: the rows change only by a save, which reloads)."""
        now = self.context.now()
        self.model.update_rows(lambda row: row_at(row, now))
        if self.current is not None:
            self.current = detail_at(self.current, now)
            self.pane.show_detail(self.current)  # the same incident: the reading position stays

    # Dialogs ------------------------------------------------------------------------------------

    def _changed(self, dialog: Any) -> None:
        """Show the incident the dialog saved at once (it returns it), then reload and keep it chosen;
        choosing it again fetches it at the page's moment (the saved one has the clock of the save)."""
        detail = getattr(dialog, "result_detail", None)
        if detail is None:
            self.reload()
            return
        self.show_detail(detail)
        self.reload(select_id=detail.id)

    def open_report(self) -> None:
        dialog = ReportDialog(self.context, self)
        self.open_record_dialog(dialog, lambda: self._changed(dialog))

    def _with_current(self, make: Callable[[IncidentDetail], QDialog]) -> None:
        if self.current is None:
            return
        dialog = make(self.current)
        self.open_record_dialog(dialog, lambda: self._changed(dialog))

    def open_assess(self) -> None:
        if self.can_manage:
            self._with_current(lambda d: AssessDialog(self.context, d, self))

    def open_notify(self) -> None:
        if self.can_manage:
            self._with_current(lambda d: NotifyDialog(self.context, d, self))

    def open_close(self) -> None:
        if self.can_manage:
            self._with_current(lambda d: CloseDialog(self.context, d, self))

    def open_timeline(self) -> None:
        if self.can_manage:
            self._with_current(lambda d: TimelineDialog(self.context, d, advice=False, parent=self))

    def open_advice(self) -> None:
        if self.can_advise:
            self._with_current(lambda d: TimelineDialog(self.context, d, advice=True, parent=self))

    def open_export(self) -> None:
        dialog = ExportDialog(self.context, self)

        def made() -> None:
            ops.save_bytes(self, dialog.result_data, dialog.suggested_name)

        self.open_record_dialog(dialog, made)

    def open_import(self) -> None:
        dialog = ImportDialog(self.context, self)

        def imported() -> None:
            self.reload()
            show_info(self, f"{dialog.imported} incidenten geïmporteerd. Ze staan nu in het register.")

        self.open_record_dialog(dialog, imported)

    # Documents ----------------------------------------------------------------------------------

    def _report_pdf(self, save: bool) -> None:
        detail = self.current
        if detail is None:
            return
        service = IncidentDocumentService(self.context.database, self.context.actor)
        incident_id, number, now = detail.id, detail.number, self.context.now()
        if ops.document(self, lambda: service.report_pdf(incident_id, now), title=f"Incident {number}",
                        file_name=f"incident-{number}.pdf" if save else None, group=self.busy_label,
                        always=self.busy_label.hide):
            self.busy_label.setText("Incidentrapport maken…")
            self.busy_label.show()

    def save_report(self) -> None:
        self._report_pdf(save=True)

    def print_report(self) -> None:
        self._report_pdf(save=False)

    def save_letter(self) -> None:
        """The draft letter to the people affected (art. 34(2)): for parents or for staff."""
        detail = self.current
        if detail is None:
            return
        choices = {"Ouders en verzorgers": Audience.PARENTS, "Medewerkers": Audience.STAFF}
        chosen, ok = QInputDialog.getItem(
            self, "Brief aan betrokkenen", "Voor wie is de brief?", list(choices), 0, False
        )
        if not ok:
            return
        audience = choices[chosen]
        service = BreachLetterService(self.context.database, self.context.actor)
        who = "ouders" if audience is Audience.PARENTS else "medewerkers"
        # Its own group: a reload of the register running at the same time must not swallow the click.
        ops.document(self, lambda: service.letter_pdf(detail.id, audience), title="Brief aan betrokkenen",
                     file_name=f"brief-datalek-{detail.number}-{who}.pdf", group=_LETTER)


_LETTER = object()  # ops group of the art. 34 letter


class ReportOnlyPage(QWidget):
    """For staff who may report but not read the register (administration, ICT)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addWidget(label(TITLE, "pageTitle"))
        layout.addWidget(label(
            "Is er iets misgegaan met gegevens? Bijvoorbeeld een e-mail naar de verkeerde ouder, een "
            "kwijtgeraakte USB-stick of laptop, een verdachte mail of een klassenlijst die is blijven "
            "liggen. Meld het meteen, ook als u twijfelt. De security officer beoordeelt het en meldt een "
            "datalek zo nodig binnen 72 uur bij de Autoriteit Persoonsgegevens."))
        layout.addWidget(label("Het register zelf is alleen in te zien voor de security officer, de "
                               "directeur, de FG en het bestuur.", "muted"))
        self.report_button = QPushButton("Incident melden")
        self.report_button.setDefault(True)
        make_primary(self.report_button)
        self.report_button.setToolTip("Incident melden (Ctrl+N)")
        self.report_button.clicked.connect(self.open_report)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.open_report)  # only while shown
        self.confirmation = label("")
        self.confirmation.hide()
        layout.addWidget(self.confirmation)
        layout.addStretch(1)

    def open_report(self) -> None:
        dialog = ReportDialog(self.context, self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reported(dialog.result_detail))
        dialog.open()

    def _reported(self, detail: IncidentDetail | None) -> None:
        if detail is None:
            return
        self.confirmation.setText(
            f"<b>Dank u wel.</b> Uw melding is opgeslagen als incident {detail.number} "
            f"({format_moment(detail.reported_at)}). De security officer neemt het verder op."
        )
        self.confirmation.show()
