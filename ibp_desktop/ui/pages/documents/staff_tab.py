"""Medewerkers: the staff list of one school with who is informed ("Bijgepraat", "Nog niet bijgepraat",
"Nieuwe versie nog niet getekend"), acknowledgements of the code of conduct, awareness sessions, the
staff import, and the printable lists. The director and the ICT'er record; the security officer and the
FG read along."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.core.staff.records import CodeVersion, StaffRow
from ibp_desktop.core.staff.rules import CODE_OF_CONDUCT, METHOD_LABELS, Method, StaffStatus
from ibp_desktop.services.staff.documents import StaffDocumentService
from ibp_desktop.services.staff.importing import StaffImportPreview, StaffImportService
from ibp_desktop.services.staff.register import StaffService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask, show_info
from ibp_desktop.ui.pages.documents.staff_dialogs import AcknowledgeDialog, SessionDialog, StaffDialog
from ibp_desktop.ui.widgets.detail_view import DetailView, facts_html
from ibp_desktop.ui.widgets.fields import day_text
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

INTRO = (
    "Iedereen die op school werkt, kent de gedragsregels en weet wat te doen bij een datalek. Leg vast wie "
    "de gedragsregels tekende en wie bij een bewustwordingssessie was. Een nieuwe versie moet opnieuw "
    "getekend worden."
)
CHOOSE = "Kies een medewerker in de lijst."
NOT_INFORMED = "not_informed"
ACTIVE = "active"


def _columns() -> list[Column[StaffRow]]:
    return [
        Column("Naam", lambda r: r.name, tooltip=lambda r: r.name),
        Column("Functie", lambda r: r.function),
        Column("In dienst", lambda r: day_text(r.started_on), sort_key=lambda r: r.started_on or r.left_on),
        Column("Getekend", lambda r: day_text(r.acknowledged_on), sort_key=lambda r: str(r.acknowledged_on)),
        Column("Sessie", lambda r: day_text(r.last_session_on), sort_key=lambda r: str(r.last_session_on)),
        Column("Stand", lambda r: r.status_text, level=lambda r: r.level),
    ]


def _filter(row: StaffRow, value: object) -> bool:
    if value == NOT_INFORMED:
        return row.status in (StaffStatus.NOT_INFORMED, StaffStatus.NEW_VERSION)
    return row.status is not StaffStatus.LEFT


class StaffTab(RegisterPage[StaffRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            "Medewerkers",
            INTRO,
            _columns(),
            search_hint="Zoeken op naam of functie",
            empty_text="Nog geen medewerkers. Importeer de personeelsexport of voeg medewerkers toe.",
            search_text=lambda r: f"{r.name} {r.function}",
        )
        self.context = context
        self.current: StaffRow | None = None
        self.code: CodeVersion | None = None
        self.can_record = context.actor.can(Permission.MANAGE_STAFF)
        self.acting = object()  # ops group: one import or document change at a time, apart from the load
        self.add_filter(
            "Toon:",
            [("In dienst", ACTIVE), ("Nog niet bijgepraat", NOT_INFORMED), ("Iedereen", None)],
            _filter,
        )
        self._apply_filters()  # the first choice filters too ("In dienst")
        if self.can_record:
            self.add_action("Nieuw…", self.add_staff, "Ctrl+N")
            self.edit_button = self.add_action("Wijzigen…", self.edit_staff, needs_row=True)
            self.add_action("Getekend…", self.acknowledge)
            self.add_action("Sessie…", self.add_session)
            self.set_empty_action("Personeelsexport importeren…", self.import_file)
        # Fewer buttons than actions: the page must fit 1280 px without sideways scrolling.
        more = QMenu(self)
        if self.can_record:
            more.addAction("Personeelsexport importeren…", self.import_file)
        more.addAction(
            "Aftekenlijst gedragsregels (PDF)…", lambda: self._pdf("aftekenlijst-gedragsregels.pdf", "ack")
        )
        more.addAction(
            "Wat moet ik weten, voor nieuwe medewerkers (PDF)…",
            lambda: self._pdf("wat-moet-ik-weten.pdf", "must_know"),
        )
        more.addAction(
            "Register bewustwording (PDF)…", lambda: self._pdf("register-bewustwording.pdf", "register")
        )
        self.more_button = QPushButton("Meer")
        self.more_button.setMenu(more)
        self.toolbar.addWidget(self.more_button)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(
            lambda: self._pdf("aftekenlijst-gedragsregels.pdf", "ack")
        )
        self.pane = DetailView("Stand")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        for index, width in enumerate((160, 112, 86, 86, 86)):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.splitter.setSizes([700, 280])
        context.school_changed.connect(lambda _id: self.reload())
        # the code of conduct's version is a policy document: a new version asks everyone to sign again
        ops.watch(self, (ops.STAFF, ops.POLICY), self.reload)
        self.reload()

    @property
    def school_id(self) -> int | None:
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id if len(self.context.schools) == 1 else None

    def service(self) -> StaffService:
        return StaffService(self.context.database, self.context.actor)

    def load_rows(self) -> list[StaffRow]:
        school = self.school_id
        if school is None:
            return []
        self.code = self.service().code_of_conduct(school)
        return self.service().list_staff(school, self.context.today())

    def refresh(self) -> None:
        self.reload()

    def rows_loaded(self) -> None:
        self.row_selected(self.selected_row())

    def row_selected(self, row: StaffRow | None) -> None:
        self.current = row
        if row is None:
            self.pane.clear(CHOOSE)
            return
        how = METHOD_LABELS[Method(row.acknowledged_how)].lower() if row.acknowledged_how else ""
        version = f"versie {self.code.number}" if self.code else "nog geen versie"
        signed = f"{day_text(row.acknowledged_on)} ({how})" if row.acknowledged_on else "nog niet"
        html = facts_html(
            [
                ("Functie", row.function),
                ("Personeelsnummer", row.staff_number),
                ("In dienst", day_text(row.started_on)),
                ("Uit dienst", day_text(row.left_on)),
                ("E-mail", row.email),
                (f"Gedragsregels ({version})", signed),
                ("Laatste sessie", day_text(row.last_session_on) or "nog geen"),
            ]
        )
        self.pane.show_record(row.id, row.name, row.status_text, row.level, html)

    # Recording -------------------------------------------------------------------------------------

    def _open(self, make: Callable[[int], QWidget]) -> None:
        school = self.school_id
        if school is None:
            show_info(self, "Kies bovenaan een school: de medewerkers staan per school.")
            return
        self.open_record_dialog(make(school))  # type: ignore[arg-type]

    def add_staff(self) -> None:
        self._open(lambda school: StaffDialog(self.context, school, None, self))

    def edit_staff(self) -> None:
        row = self.current
        if row is not None:
            self._open(lambda school: StaffDialog(self.context, school, row, self))

    def acknowledge(self) -> None:
        if self.code is None:
            self._no_code_yet()
            return
        rows, chosen = self.model.all_rows, {self.current.id} if self.current else set()
        title = f"{self.code.title}, versie {self.code.number}"
        self._open(lambda _school: AcknowledgeDialog(self.context, rows, chosen, title, self))

    def _no_code_yet(self) -> None:
        text = (
            "Er is nog geen versie van de gedragsregels ('Gedragscode ICT en internet'). Voeg bij "
            "Beleidsdocumenten een versie toe; daarna kunnen medewerkers tekenen."
        )
        if not self.context.actor.can(Permission.MANAGE_POLICY):
            show_info(self, text)
            return
        if not ask(
            self, "Gedragsregels", f"{text}\n\nHet document nu bij Beleidsdocumenten zetten?", "Toevoegen"
        ):
            return
        service = self.service()
        ops.mutate(
            self, ops.POLICY, lambda: service.add_staff_document(CODE_OF_CONDUCT),
            lambda _r: show_info(
                self, "'Gedragscode ICT en internet' staat nu bij Beleidsdocumenten. Voeg daar de tekst toe."
            ),
            what="staff code of conduct document", group=self.acting,
        )

    def add_session(self) -> None:
        rows = self.model.all_rows
        self._open(lambda school: SessionDialog(self.context, school, rows, self))

    def import_file(self) -> None:
        school = self.school_id
        if school is None:
            show_info(self, "Kies bovenaan een school: de medewerkers staan per school.")
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, "Personeelsexport kiezen", "", "Personeelsexport (*.xlsx *.csv);;Alle bestanden (*)"
        )
        if not path:
            return
        service, today = StaffImportService(self.context.database, self.context.actor), self.context.today()
        ops.query(self, lambda: service.preview(school, path, today=today),
                  lambda preview: self._confirm_import(service, school, Path(path), preview),
                  what="staff import preview", group=self.acting)

    def _confirm_import(
        self, service: StaffImportService, school: int, path: Path, preview: StaffImportPreview
    ) -> None:
        lines = [
            f"{preview.source} ({preview.kind}): {len(preview.records)} medewerkers.",
            f"Nieuw: {len(preview.new)}, gewijzigd: {len(preview.changed)}, "
            f"ongewijzigd: {preview.unchanged}.",
        ]
        if preview.leavers:
            lines.append(f"Uit dienst gemeld: {', '.join(preview.leavers)}.")
        if preview.not_in_file:
            lines.append(f"Niet in het bestand (blijven staan): {', '.join(preview.not_in_file)}.")
        if preview.unused_columns:
            lines.append(f"Niet gebruikt: {', '.join(preview.unused_columns)}.")
        lines += [f"Overgeslagen: {row}" for row in preview.skipped]
        if not ask(self, "Personeel importeren", "\n".join(lines), "Importeren"):
            return
        today = self.context.today()
        # afterwards data_changed(STAFF) reloads the list (ops.watch)
        ops.mutate(self, ops.STAFF, lambda: service.import_file(school, path, today=today), lambda _r: None,
                   wait=[self.more_button], what="staff import", group=self.acting)

    # Documents -------------------------------------------------------------------------------------

    def _pdf(self, name: str, which: str) -> None:
        school = self.school_id
        if school is None:
            show_info(self, "Kies bovenaan een school.")
            return
        service, today = StaffDocumentService(self.context.database, self.context.actor), self.context.today()
        make: dict[str, Callable[[], bytes]] = {
            "ack": lambda: service.acknowledgement_list_pdf(school, today),
            "must_know": lambda: service.must_know_pdf(school, today),
            "register": lambda: service.awareness_register_pdf(school, today=today),
        }

        ops.document(self, make[which], title=name.removesuffix(".pdf"), file_name=name)
