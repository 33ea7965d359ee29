"""Beleidsdocumenten: the register of privacy documents with their status in words and colour, the
buttons for exactly the next steps of the path this user may take, new versions (file chooser) and
opening the stored file."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton

from ibp_desktop.core.policy.records import DocumentDetail, DocumentRow, StoredFile, VersionRow
from ibp_desktop.core.policy.rules import GMR_BODY_SHORT, STEP_LABELS, Step
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.output_file import write_export
from ibp_desktop.services.policy.documents import STEP_PERMISSIONS, PolicyDocumentService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_error
from ibp_desktop.ui.pages.documents.policy_dialogs import DocumentDialog, EvaluationDialog, StepDialog
from ibp_desktop.ui.widgets.detail_view import DetailView, facts_html, text_html
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column

INTRO = (
    "De privacydocumenten van school en bestuur. Elke versie gaat langs de FG. Heeft de GMR "
    "instemmingsrecht, dan gaat het voorgenomen besluit eerst naar de juiste geleding (PGMR, OGMR of hele "
    "GMR); pas na instemming stelt het bestuur de versie vast. Daarna wordt ze gepubliceerd."
)
CHOOSE = "Kies een document in de lijst om de versies en de volgende stap te zien."
FILE_FILTER = "PDF of Word (*.pdf *.docx *.doc)"
PROBLEMS = "problems"


def _day(value: object) -> str:
    return value.strftime("%d-%m-%Y") if value else ""  # type: ignore[attr-defined]


def _columns() -> list[Column[DocumentRow]]:
    return [
        Column("Document", lambda r: r.title, tooltip=lambda r: r.description or r.title),
        Column("Status", lambda r: r.status_text, level=lambda r: r.level),
        Column(
            "Versie",
            lambda r: str(r.latest.number) if r.latest else "-",
            sort_key=lambda r: r.latest.number if r.latest else 0,
        ),
        Column(
            "Evaluatie", lambda r: _day(r.evaluation_due), sort_key=lambda r: str(r.evaluation_due or "9999")
        ),
        Column("GMR", lambda r: GMR_BODY_SHORT[r.gmr_body] if r.gmr_body else "",
               tooltip=lambda r: r.gmr_label or "Geen instemming van de GMR nodig"),
        Column("Voor", lambda r: r.scope),
    ]


def _matches(row: DocumentRow, wanted: object) -> bool:
    return row.lacks_gmr_consent or row.evaluation_overdue if wanted == PROBLEMS else True


def version_html(version: VersionRow) -> str:
    steps = [
        (
            "FG-advies",
            f"{_day(version.fg_advice_on)}: {text_html(version.fg_advice)}" if version.fg_advice_on else "",
        ),
        ("Voorgenomen besluit naar de GMR", _day(version.proposed_on)),
        ("GMR stemde in", _day(version.gmr_consent_on)),
        (
            "GMR weigerde",
            f"{_day(version.gmr_refused_on)}: {text_html(version.gmr_refusal_reason)}"
            if version.gmr_refused_on
            else "",
        ),
        ("Vastgesteld door het bestuur", _adopted(version)),
        ("Gepubliceerd", _day(version.published_on)),
    ]
    uploaded = f"{escape(version.file_name)} ({version.size / 1024:.0f} kB), {escape(version.uploaded_by)}"
    return facts_html(
        [
            ("Bestand", uploaded),
            ("Stand", escape(version.stage_label)),
            *steps,
            ("Toelichting", text_html(version.note)),
        ]
    )


def _adopted(version: VersionRow) -> str:
    day = _day(version.adopted_on)
    if day and version.adopted_without_prior_consent:
        return f"{day} <b>(vóór de instemming van de GMR: deze vaststelling telt niet)</b>"
    return day


def detail_html(detail: DocumentDetail) -> str:
    row = detail.document
    parts = [
        facts_html(
            [
                ("Omschrijving", text_html(row.description)),
                ("Voor", escape(row.scope)),
                ("Evalueren", escape(row.cycle_label)),
                ("Volgende evaluatie", _day(row.evaluation_due) or "Nog niet vastgesteld"),
                (
                    "Laatst geëvalueerd",
                    f"{_day(row.last_evaluated_on)} {escape(row.evaluation_note)}".strip(),
                ),
                ("GMR", escape(row.gmr_label) or "Geen instemming nodig"),
            ]
        )
    ]
    for version in detail.versions:
        parts.append(f"<h3>Versie {version.number}</h3>{version_html(version)}")
    if not detail.versions:
        parts.append(
            "<p>Nog geen bestand. Kies 'Nieuwe versie…' om de PDF of het Word-bestand toe te voegen.</p>"
        )
    return "".join(parts)


class PolicyTab(RegisterPage[DocumentRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            "Beleidsdocumenten",
            INTRO,
            _columns(),
            search_hint="Zoeken op titel of status",
            empty_text="Nog geen beleidsdocumenten. Voeg het eerste document toe.",
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_POLICY)
        self.current: DocumentRow | None = None
        self.detail_data: DocumentDetail | None = None
        self.dialog: QDialog | None = None
        self.opened: list[Path] = []
        self.add_filter("Toon:", [("Alle documenten", None), ("Vraagt aandacht", PROBLEMS)], _matches)
        if self.can_manage:
            self.add_action("Document toevoegen…", self.open_new, "Ctrl+N")
            self.set_empty_action("Document toevoegen…", self.open_new)
        self._build_detail()
        for index, width in enumerate((300, 200, 55, 90, 120)):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.splitter.setSizes([820, 400])
        context.school_changed.connect(lambda _id: self.reload())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remove_copies)
        self.reload()

    def _build_detail(self) -> None:
        self.step_row = QHBoxLayout()
        self.step_row.setContentsMargins(0, 0, 0, 0)
        self.detail_layout.addLayout(self.step_row)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 4)
        self.version_button = QPushButton("Nieuwe versie…")
        self.version_button.clicked.connect(self.choose_file)
        self.version_button.setVisible(self.can_manage)
        self.open_button = QPushButton("Openen…")
        self.open_button.clicked.connect(self.open_file)
        self.evaluation_button = QPushButton("Evaluatie vastleggen…")
        self.evaluation_button.clicked.connect(self.open_evaluation)
        self.evaluation_button.setVisible(self.can_manage)
        for button in (self.version_button, self.open_button, self.evaluation_button):
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        self.detail_layout.addLayout(row)
        self.pane = DetailView("Status")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        self.step_buttons: dict[Step, QPushButton] = {}

    def service(self) -> PolicyDocumentService:
        return PolicyDocumentService(self.context.database, self.context.actor)

    def load_rows(self) -> list[DocumentRow]:
        return self.service().list_documents(self.context.school_id, self.context.today())

    def refresh(self) -> None:
        self.reload()

    def rows_loaded(self) -> None:
        self.row_selected(self.selected_row())

    def row_selected(self, row: DocumentRow | None) -> None:
        self.current = row
        self._set_steps([])
        for button in (self.version_button, self.open_button, self.evaluation_button):
            button.setEnabled(row is not None and (button is not self.open_button or row.latest is not None))
        if row is None:
            self.pane.clear(CHOOSE)
            return
        service, today = self.service(), self.context.today()
        ops.query(self, lambda: service.detail(row.id, today), self._show_detail, group=ops.EVERY,
                  what="policy detail")

    def _show_detail(self, detail: DocumentDetail) -> None:
        if self.current is None or detail.document.id != self.current.id:
            return
        self.detail_data = detail
        row = detail.document
        self.pane.show_record(row.id, row.title, row.status_text, row.level, detail_html(detail))
        latest = detail.versions[0] if detail.versions else None
        allowed = [
            s for s in (latest.next_steps if latest else ()) if self.context.actor.can(STEP_PERMISSIONS[s])
        ]
        self._set_steps(allowed)

    def _set_steps(self, steps: list[Step]) -> None:
        """Buttons for exactly the next steps of the path that this user may take."""
        for button in self.step_buttons.values():
            self.step_row.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        for step in steps:
            button = QPushButton(f"{STEP_LABELS[step]}…")
            button.clicked.connect(lambda _checked=False, s=step: self.open_step(s))
            self.step_row.insertWidget(self.step_row.count(), button)
            self.step_buttons[step] = button

    # Actions ------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.rejected.connect(lambda: self.reload() if getattr(dialog, "stale", False) else None)
        dialog.open()

    def open_new(self) -> None:
        if self.can_manage:
            self._open(DocumentDialog(self.context, self))

    def open_step(self, step: Step) -> None:
        detail = self.detail_data
        if detail is not None and detail.versions:
            self._open(StepDialog(self.context, detail.document, detail.versions[0], step, self))

    def open_evaluation(self) -> None:
        if self.current is not None and self.can_manage:
            self._open(EvaluationDialog(self.context, self.current, self))

    def choose_file(self) -> None:
        row = self.current
        if row is None or not self.can_manage:
            return
        path, _ = QFileDialog.getOpenFileName(self, f"Nieuwe versie van {row.title}", "", FILE_FILTER)
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        row, service = self.current, self.service()
        if row is None:
            return
        ops.mutate(self, ops.POLICY, lambda: service.add_version_file(row.id, path), lambda _v: self.reload(),
                   wait=[self.version_button], group=self.version_button, what="policy version file")

    def open_file(self) -> None:
        """Write the stored bytes to a temporary file and open it with the system's viewer."""
        detail = self.detail_data
        if detail is None or not detail.versions:
            return
        service, version_id = self.service(), detail.versions[0].id
        ops.query(self, lambda: service.file(version_id), self._opened, group=ops.EVERY, what="policy file")

    def _opened(self, stored: StoredFile) -> None:
        target = Path(tempfile.mkdtemp(prefix="ibp-document-")) / stored.file_name
        write_export(target, stored.content)
        self.opened.append(target)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            show_error(
                self,
                f"Er is geen programma gevonden om {stored.file_name} te openen. "
                f"Het bestand staat in {target.parent}.",
            )

    def remove_copies(self) -> None:
        """The decrypted copies do not outlive the program (a viewer may still hold one open)."""
        for path in self.opened:
            try:
                path.unlink(missing_ok=True)
                path.parent.rmdir()
            except OSError:
                pass
        self.opened = []
