"""Tab "Opruimrondes": every clean-up run with its status; the detail shows its lines and the buttons
this user may use now (approve, carry out, record destruction elsewhere, cancel, the certificate)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.retention.records import RunRow, RunStatus
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.retention.runs import RetentionRunService, RunDetail
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import ask
from ibp_desktop.ui.pages.retention.common import BusyLine, current_school, rich_label
from ibp_desktop.ui.pages.retention.run_detail import detail_html, next_step, run_columns, run_status
from ibp_desktop.ui.pages.retention.run_dialogs import (
    RecordExternalDialog,
    approve_text,
    cancel_text,
    execute_text,
)
from ibp_desktop.ui.theme import Badge, label
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

EMPTY = (
    "Nog geen opruimrondes. Begin op het tabblad 'Wat moet weg': daar stelt de administratie met "
    "'Opruimronde voorstellen…' een ronde voor, die de directeur hier goedkeurt."
)
NOTHING_CHOSEN = "Kies een opruimronde in de lijst om te zien wat erin staat."
APPROVE, EXECUTE, EXTERNAL, CANCEL = (
    "Goedkeuren",
    "Uitvoeren…",
    "Vernietiging buiten het programma vastleggen…",
    "Ronde annuleren…",
)
CERTIFICATE, PRINT = "Verklaring van vernietiging (PDF)…", "Afdrukken…"


class RunsTab(RegisterPage[RunRow]):
    def __init__(self, context: AppContext, show_due: Callable[[], None] | None = None) -> None:
        self.context = context
        actor = context.actor
        self.can_propose = actor.can(Permission.PROPOSE_RETENTION_RUN)
        self.can_approve = actor.can(Permission.APPROVE_RETENTION_RUN)
        super().__init__(
            "Opruimrondes", "", run_columns(), search_hint="Zoek op nummer of naam", empty_text=EMPTY
        )
        title = self.findChild(QLabel, "pageTitle")
        if title is not None:
            title.hide()
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setContentsMargins(20, 12, 20, 12)
        self.status_filter = self.add_filter(
            "Status:",
            [("Alle rondes", None), ("Nog niet afgerond", "open"), *_STATUS_CHOICES],
            _matches_status,
        )
        if show_due is not None and self.can_propose:
            self.set_empty_action("Naar 'Wat moet weg'", show_due)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_certificate)
        self.current: RunDetail | None = None
        self.dialog: QDialog | None = None
        self._wanted_id: int | None = None
        self._select_after: int | None = None
        self._build_detail()
        self.table.setWordWrap(False)
        for index, width in enumerate([70, 240, 85, 170, 170, 170]):
            self.table.setColumnWidth(index, width)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setSizes([200, 420])

    def _build_detail(self) -> None:
        self.heading = label("", "sectionTitle")
        self.status_badge = Badge(padding=(10, 6))
        self.status_badge.setWordWrap(True)
        self.status_badge.hide()
        self.detail_layout.setContentsMargins(0, 10, 0, 0)
        self.detail_layout.addWidget(self.heading)
        self.detail_layout.addWidget(self.status_badge)
        grid = QGridLayout()
        grid.setContentsMargins(0, 4, 0, 4)
        self.row_buttons: dict[str, QPushButton] = {}
        wanted: list[tuple[str, Callable[[], None], bool]] = [
            (APPROVE, self.approve, self.can_approve),
            (EXECUTE, self.execute, self.can_propose),
            (EXTERNAL, self.open_external, self.can_propose),
            (CANCEL, self.cancel_run, self.can_propose),
            (CERTIFICATE, self.save_certificate, True),
            (PRINT, self.print_certificate, True),
        ]
        for text, slot, allowed in wanted:
            if not allowed:
                continue
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.hide()
            if text == PRINT:
                button.setToolTip("Afdrukvoorbeeld van de verklaring van vernietiging (Ctrl+P)")
            grid.addWidget(button, 0, len(self.row_buttons))
            self.row_buttons[text] = button
        grid.setColumnStretch(len(self.row_buttons), 1)
        self.detail_layout.addLayout(grid)
        self.busy_line = BusyLine()
        self.detail_layout.addWidget(self.busy_line)
        self.body = rich_label()
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.body)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.detail_layout.addWidget(scroll, 1)
        self._clear()

    def service(self) -> RetentionRunService:
        return RetentionRunService(self.context.database, self.context.actor)

    # Loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload()

    def select_after_load(self, run_id: int) -> None:
        self._select_after = run_id

    def load_rows(self) -> list[RunRow]:  # background thread
        school_id = current_school(self.context)
        return [] if school_id is None else self.service().runs(school_id)

    def rows_loaded(self) -> None:
        if self._select_after is not None:
            wanted, self._select_after = self._select_after, None
            self.select_where(lambda r: r.id == wanted)
        row = self.selected_row()
        if row is None:
            self._clear()
        elif self.current is not None and self.current.run.version != row.version:
            self.row_selected(row)

    def row_selected(self, row: RunRow | None) -> None:
        if row is None:
            self._clear()
            return
        self._wanted_id = row.id
        run_id, service = row.id, self.service()
        ops.query(self, lambda: service.detail(run_id), self._detail_loaded, group=ops.EVERY,
                  what="retention run detail")

    def _detail_loaded(self, detail: RunDetail) -> None:
        if detail.run.id == self._wanted_id:
            self.show_detail(detail)

    def _clear(self) -> None:
        self.current, self._wanted_id = None, None
        self.heading.setText("")
        self.status_badge.hide()
        self.body.setText(f"<span style='color:#5b6770'>{escape(NOTHING_CHOSEN)}</span>")
        self._update_buttons()

    def show_detail(self, detail: RunDetail) -> None:
        self.current = detail
        row = detail.run
        self.heading.setText(f"Opruimronde {row.number}")
        words, level = run_status(row)
        background, colour = LEVEL_COLOURS.get(level or "", ("#e3eef3", "#15506a"))
        self.status_badge.set_colours(colour, background)
        self.status_badge.setText(f"{words}. {next_step(row)}")
        self.status_badge.show()
        self.body.setText(detail_html(detail))
        self._update_buttons()

    def _update_buttons(self) -> None:
        detail = self.current
        status = detail.run.status if detail is not None else None
        visible = {
            APPROVE: status is RunStatus.PROPOSED,
            EXECUTE: status is RunStatus.APPROVED,
            EXTERNAL: detail is not None
            and status in (RunStatus.APPROVED, RunStatus.CARRIED_OUT)
            and detail.run.external_open > 0,
            CANCEL: status in (RunStatus.PROPOSED, RunStatus.APPROVED),
            CERTIFICATE: detail is not None and status is not RunStatus.CANCELLED,
            PRINT: detail is not None and status is not RunStatus.CANCELLED,
        }
        busy = self.busy_line.busy
        for text, button in self.row_buttons.items():
            button.setVisible(visible[text])
            button.setEnabled(not busy)

    # Actions ------------------------------------------------------------------------------------

    def _act(self, busy_text: str, work: Callable[[], RunDetail]) -> None:
        def done(detail: RunDetail) -> None:
            self._select_after = detail.run.id
            self.show_detail(detail)
            self.reload()

        def idle() -> None:
            self.busy_line.stop()
            self._update_buttons()

        if ops.mutate(self, ops.RETENTION, work, done, group=self.busy_line, always=idle,
                      what="retention run"):
            self.busy_line.start(busy_text)
            self._update_buttons()

    def approve(self) -> None:
        detail = self.current
        if detail is None or not self.can_approve or self.busy_line.busy:
            return
        if not ask(self, f"Opruimronde {detail.run.number} goedkeuren", approve_text(detail), "Goedkeuren"):
            return
        run_id, version, service = detail.run.id, detail.run.version, self.service()
        self._act("Goedkeuren…", lambda: service.approve(run_id, expected_version=version))

    def execute(self) -> None:
        detail = self.current
        if detail is None or not self.can_propose or self.busy_line.busy:
            return
        if not ask(
            self, f"Opruimronde {detail.run.number} uitvoeren", execute_text(detail), "Definitief verwijderen"
        ):
            return
        run_id, service = detail.run.id, self.service()
        self._act(f"Opruimronde {detail.run.number} uitvoeren…", lambda: service.execute(run_id))

    def cancel_run(self) -> None:
        detail = self.current
        if detail is None or not self.can_propose or self.busy_line.busy:
            return
        if not ask(
            self,
            f"Opruimronde {detail.run.number} annuleren",
            cancel_text(detail),
            "Ronde annuleren",
            "Niet annuleren",
        ):
            return
        run_id, service = detail.run.id, self.service()
        self._act("Annuleren…", lambda: service.cancel(run_id))

    def open_external(self) -> None:
        detail = self.current
        if detail is None or not self.can_propose:
            return
        dialog = RecordExternalDialog(self.context, detail, self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._recorded(dialog.result_detail))
        dialog.open()

    def _recorded(self, detail: RunDetail | None) -> None:
        if detail is not None:
            self._select_after = detail.run.id
            self.show_detail(detail)
        self.reload()

    # Documents ----------------------------------------------------------------------------------

    def _certificate(self, save: bool) -> None:
        detail = self.current
        if detail is None or self.busy_line.busy or detail.run.status is RunStatus.CANCELLED:
            return
        service, number, run_id = self.service(), detail.run.number, detail.run.id

        def idle() -> None:
            self.busy_line.stop()
            self._update_buttons()

        if ops.document(self, lambda: service.certificate_pdf(run_id),
                        title=f"Verklaring van vernietiging {number}",
                        file_name=f"verklaring-van-vernietiging-{number}.pdf" if save else None,
                        group=self.busy_line, always=idle):
            self.busy_line.start("Verklaring maken…")
            self._update_buttons()

    def save_certificate(self) -> None:
        self._certificate(save=True)

    def print_certificate(self) -> None:
        self._certificate(save=False)


_STATUS_CHOICES = [
    ("Voorgesteld", RunStatus.PROPOSED),
    ("Goedgekeurd", RunStatus.APPROVED),
    ("Uitgevoerd", RunStatus.CARRIED_OUT),
    ("Geannuleerd", RunStatus.CANCELLED),
]


def _matches_status(row: RunRow, wanted: Any) -> bool:
    if wanted == "open":
        return row.status in (RunStatus.PROPOSED, RunStatus.APPROVED) or (
            row.status is RunStatus.CARRIED_OUT and row.external_open > 0
        )
    return bool(row.status == wanted)  # Qt hands the enum back as its text
