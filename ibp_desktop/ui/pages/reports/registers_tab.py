"""Tab "Registers": the incident register (for a period), the register of requests and the register of
processor agreements, as PDF or CSV, and printed via a preview of the same PDF. Each register only for
those who may read it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QVBoxLayout, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.incidents.documents import IncidentDocumentService
from ibp_desktop.services.processors.register import ProcessorService
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.reports.jobs import DocumentJob, button, date_edit, day_of
from ibp_desktop.ui.pages.reports.scope import default_school_year, file_part, scope_school, scope_text
from ibp_desktop.ui.theme import SectionBox, label

Maker = Callable[[], Callable[[], bytes]]  # read the choices now (GUI thread), make the file later


class RegisterBox(SectionBox):
    """One register: an explanation, optional period fields, and Afdrukken / Opslaan als PDF / CSV."""

    def __init__(self, title: str, intro: str, file_stem: Callable[[], str], make_pdf: Maker,
                 make_csv: Maker, period: tuple[QDateEdit, QDateEdit] | None = None) -> None:
        super().__init__(title)
        self.title_text = title
        self.file_stem = file_stem
        self.make_pdf = make_pdf
        self.make_csv = make_csv
        column = QVBoxLayout(self)
        column.addWidget(label(intro, "muted"))
        row = QHBoxLayout()
        if period is not None:
            row.addWidget(label("Periode van", wrap=False))
            row.addWidget(period[0])
            row.addWidget(label("tot en met", wrap=False))
            row.addWidget(period[1])
            row.addSpacing(16)
        self.print_button = button("Afdrukken…", self.preview, "Afdrukvoorbeeld van het register")
        self.pdf_button = button("Opslaan als PDF…", self.save_pdf, "Om te lezen en te printen")
        self.csv_button = button("Opslaan als CSV…", self.save_csv, "Voor een spreadsheet (Excel)")
        for each in (self.print_button, self.pdf_button, self.csv_button):
            row.addWidget(each)
        row.addStretch(1)
        column.addLayout(row)
        self.job = DocumentJob(self)
        self.job.guard(self.print_button, self.pdf_button, self.csv_button)
        column.addWidget(self.job)

    def preview(self) -> None:
        self.job.preview("Register maken…", self.make_pdf(), self.title_text)

    def save_pdf(self) -> None:
        self.job.save("Register maken…", self.make_pdf(), f"{self.file_stem()}.pdf")

    def save_csv(self) -> None:
        self.job.save("Register maken…", self.make_csv(), f"{self.file_stem()}.csv")


class RegistersTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        actor = context.actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 18)
        layout.setSpacing(12)
        layout.addWidget(label(
            "De registers die de school moet kunnen laten zien, bijvoorbeeld aan de FG of de Autoriteit "
            "Persoonsgegevens. Een CSV-bestand opent u in een spreadsheet.", "muted"))
        self.boxes: dict[str, RegisterBox] = {}
        if actor.can(Permission.VIEW_INCIDENTS):
            start, end = default_school_year(context.today())
            self.from_edit, self.to_edit = date_edit(start), date_edit(end)
            incidents = IncidentDocumentService(context.database, actor)
            self.boxes["incidenten"] = RegisterBox(
                "Incidentregister",
                "Alle incidenten en datalekken die in de periode zijn ontdekt, met de beslissing over "
                "melden.",
                lambda: f"Incidentregister {self._period_text()} {self._scope_part()}",
                lambda: self._with_period(incidents.register_pdf),
                lambda: self._with_period(incidents.register_csv),
                (self.from_edit, self.to_edit),
            )
        if actor.can(Permission.VIEW_REQUESTS):
            requests = RequestService(context.database, actor)
            self.boxes["verzoeken"] = RegisterBox(
                "Register van verzoeken van betrokkenen",
                "Alle verzoeken om inzage, correctie of verwijdering, met termijn en uitkomst.",
                lambda: f"Verzoekenregister {self._scope_part()}",
                lambda: self._whole(lambda school, day: requests.register_pdf(school_id=school, today=day)),
                lambda: self._whole(lambda school, day: requests.register_csv(school_id=school, today=day)),
            )
        if actor.can(Permission.VIEW_PROCESSORS):
            processors = ProcessorService(context.database, actor)
            self.boxes["verwerkers"] = RegisterBox(
                "Register van verwerkersovereenkomsten",
                "Alle leveranciers en hun producten, met de verwerkersovereenkomst en waar de gegevens "
                "staan.",
                lambda: f"Verwerkersregister {self._scope_part()}",
                lambda: self._whole(processors.register_pdf),
                lambda: self._whole(processors.register_csv),
            )
        for box in self.boxes.values():
            layout.addWidget(box)
        if not self.boxes:
            layout.addWidget(label("U mag geen van de registers inzien.", "muted"))
        layout.addStretch(1)

    def _scope_part(self) -> str:
        return file_part(scope_text(self.context))

    def _period(self) -> tuple[date, date]:
        return day_of(self.from_edit), day_of(self.to_edit)

    def _period_text(self) -> str:
        start, end = self._period()
        return f"{start:%d-%m-%Y} tot en met {end:%d-%m-%Y}"

    def _with_period(self, make: Callable[[date, date, int | None], bytes]) -> Callable[[], bytes]:
        start, end = self._period()
        school = scope_school(self.context)
        return lambda: make(start, end, school)

    def _whole(self, make: Callable[[int | None, date], bytes]) -> Callable[[], bytes]:
        """The whole register, its statuses on the program's day (as on the register's own page)."""
        school, today = scope_school(self.context), self.context.today()
        return lambda: make(school, today)
