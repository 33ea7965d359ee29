"""Campagne: the yearly round of asking again; per group who returned the form, reminders for the rest."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.consent.school_year import SchoolYear, school_year_of
from ibp_desktop.core.roles import Permission
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog, message_of
from ibp_desktop.ui.pages.consent.common import (
    NO_SCHOOL,
    consent_service,
    date_field,
    dmy,
    from_qdate,
    shortcut,
    to_qdate,
)
from ibp_desktop.ui.texts import date_time, number
from ibp_desktop.ui.theme import label

if TYPE_CHECKING:
    from ibp_desktop.services.consent.campaigns import CampaignInfo, CampaignProgress
    from ibp_desktop.ui.context import AppContext

NO_CAMPAIGN = (
    "Er loopt nog geen campagne. Met een campagne vraagt u alle ouders/verzorgers opnieuw om toestemming en "
    "ziet u per groep wie het formulier heeft teruggegeven."
)


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


class StartCampaignDialog(FormDialog):
    areas = (ops.CONSENT,)

    def __init__(
        self, context: AppContext, school_id: int, form_number: int | None, parent: QWidget | None = None
    ) -> None:
        version = f"versie {form_number}" if form_number else "het huidige formulier"
        super().__init__(
            "Nieuwe campagne starten",
            f"Alle ouders/verzorgers krijgen het formulier ({version}) opnieuw. Gegeven toestemming blijft "
            "gelden tot iemand nee zegt of intrekt. Vanaf nu telt elk formulier met een datum in dit "
            "schooljaar als 'terug'; wie niets inlevert, ziet u bij 'Nog geen formulier terug' en kan een "
            "herinnering krijgen.",
            "Campagne starten",
            parent,
        )
        self.context, self.school_id = context, school_id
        year = school_year_of(context.today())
        self.year = QLineEdit(year.label)
        self.deadline = date_field(max(date(year.start_year, 10, 1), context.today()))
        self.form.addRow("Schooljaar:", self.year)
        self.form.addRow("Uiterlijk inleveren op:", self.deadline)
        self.year.textChanged.connect(self._year_changed)
        self.started: CampaignInfo | None = None

    def _year_changed(self, text: str) -> None:
        try:
            year = SchoolYear.from_label(text)
        except ValueError:
            return
        if not year.contains(from_qdate(self.deadline.date())):
            self.deadline.setDate(to_qdate(date(year.start_year, 10, 1)))

    def submit(self) -> None:
        service, school_id = consent_service(self.context), self.school_id
        year, deadline = self.year.text(), from_qdate(self.deadline.date())
        self.submit_in_background(
            lambda: service.start_campaign(school_id, year, deadline), self._done, "Campagne starten…"
        )

    def _done(self, info: CampaignInfo) -> None:
        self.started = info
        self.done_ok()


class CampaignTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.school_id: int | None = None
        self.progress: CampaignProgress | None = None
        self.form_number: int | None = None
        self.dialog: StartCampaignDialog | None = None
        can_start = any(
            context.actor.can(p) for p in (Permission.RECORD_CONSENT, Permission.MANAGE_CONSENT_FORMS)
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        top = QHBoxLayout()
        self.summary = label("", "sectionTitle")
        top.addWidget(self.summary, 1)
        self.remind_button = QPushButton("Herinneringen afdrukken…")
        self.remind_button.clicked.connect(self.print_reminders)
        self.remind_button.setVisible(context.actor.can(Permission.PRINT_CONSENT))
        if context.actor.can(Permission.PRINT_CONSENT):
            self.remind_button.setToolTip("Herinneringen afdrukken (Ctrl+P)")
            shortcut(self, QKeySequence.StandardKey.Print, self.print_reminders)
        self.start_button = QPushButton("Nieuwe campagne starten…")
        self.start_button.clicked.connect(self.start_campaign)
        self.start_button.setVisible(can_start)
        top.addWidget(self.remind_button)
        top.addWidget(self.start_button)
        outer.addLayout(top)
        self.details = label("", "muted")
        outer.addWidget(self.details)

        self.stack = QStackedWidget()
        self.no_school = label(NO_SCHOOL, "muted")
        self.no_school.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.no_school)
        self.empty = QWidget()
        empty_box = QVBoxLayout(self.empty)
        empty_box.addStretch(1)
        empty_text = label(NO_CAMPAIGN, "muted")
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_box.addWidget(empty_text)
        empty_start = QPushButton("Nieuwe campagne starten…")
        empty_start.clicked.connect(self.start_campaign)
        empty_start.setVisible(can_start)
        empty_box.addWidget(empty_start, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_box.addStretch(2)
        self.stack.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.groups = QTableWidget(0, 4)
        self.groups.setHorizontalHeaderLabels(["Groep", "Terug", "Niet terug", "Voortgang"])
        self.groups.verticalHeader().setVisible(False)
        self.groups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.groups.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.itemSelectionChanged.connect(self._show_missing)
        splitter.addWidget(self.groups)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(8, 0, 0, 0)
        self.missing_title = label("", "sectionTitle")
        side_box.addWidget(self.missing_title)
        self.missing = QListWidget()
        side_box.addWidget(self.missing, 1)
        splitter.addWidget(side)
        splitter.setSizes([600, 400])
        self.splitter = splitter
        self.stack.addWidget(splitter)
        outer.addWidget(self.stack, 1)
        self._refreshed = False
        context.school_changed.connect(lambda _sid: self.refresh())

    def showEvent(self, event: QShowEvent) -> None:
        """Load on the first show; the area calls ``refresh()`` on every later show."""
        super().showEvent(event)
        if not self._refreshed:
            self.refresh()

    # Loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._refreshed = True
        school_id = self.school_id = self.context.school_id
        if school_id is None:
            self.stack.setCurrentWidget(self.no_school)
            self.summary.clear()
            self.details.clear()
            self.remind_button.setEnabled(False)
            self.start_button.setEnabled(False)
            return
        service = consent_service(self.context)

        def work() -> Any:
            campaign = service.current_campaign(school_id)
            form = service.current_form(school_id).number
            return form, (service.campaign_progress(campaign.id) if campaign else None)

        ops.query(self, work, lambda r: self._loaded(school_id, r), group=ops.EVERY,
                  on_refused=lambda e: self.details.setText(message_of(e)))

    def _loaded(self, school_id: int, result: Any) -> None:
        if school_id != self.school_id:
            return
        self.form_number, self.progress = result
        self.start_button.setEnabled(True)
        progress = self.progress
        self.remind_button.setEnabled(progress is not None)
        if progress is None:
            self.summary.setText("Geen campagne")
            self.details.setText(f"Huidig formulier: versie {self.form_number}.")
            self.stack.setCurrentWidget(self.empty)
            return
        info = progress.campaign
        self.summary.setText(
            f"Campagne {info.school_year}: {number(progress.returned)} van {number(progress.total)} "
            f"formulieren terug ({percent(progress.returned, progress.total)})"
        )
        newer = (
            f" Let op: er is inmiddels formulier versie {self.form_number}; start een nieuwe campagne om "
            "dat formulier te vragen."
            if self.form_number and self.form_number != info.form_number
            else ""
        )
        self.details.setText(
            f"Formulier versie {info.form_number} · uiterlijk inleveren op {dmy(info.deadline)} · "
            f"gestart door {info.started_by} op {date_time(info.started_at)}.{newer}"
        )
        self.groups.setRowCount(len(progress.groups))
        for row, group in enumerate(progress.groups):
            name = QTableWidgetItem(f"groep {group.group_name}" if group.group_id else group.group_name)
            name.setData(Qt.ItemDataRole.UserRole, group.group_id)
            self.groups.setItem(row, 0, name)
            for column, value in ((1, group.returned), (2, group.missing)):
                item = QTableWidgetItem(number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.groups.setItem(row, column, item)
            bar = QProgressBar()
            bar.setRange(0, max(group.total, 1))
            bar.setValue(group.returned)
            bar.setFormat(
                f"{group.returned} van {group.total} terug ({percent(group.returned, group.total)})"
            )
            self.groups.setCellWidget(row, 3, bar)
        self.groups.resizeColumnsToContents()
        self.groups.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.stack.setCurrentWidget(self.splitter)
        self._show_missing()

    def selected_group(self) -> tuple[bool, int | None, str]:
        """(a group is chosen, its id, its name)."""
        rows = self.groups.selectionModel().selectedRows()
        if not rows:
            return False, None, "alle groepen"
        item = self.groups.item(rows[0].row(), 0)
        if item is None:
            return False, None, "alle groepen"
        return True, item.data(Qt.ItemDataRole.UserRole), item.text()

    def _show_missing(self) -> None:
        self.missing.clear()
        if self.progress is None:
            return
        chosen, group_id, name = self.selected_group()
        pupils = [p for p in self.progress.missing if not chosen or p.group_id == group_id]
        self.missing_title.setText(f"Nog geen formulier terug – {name} ({len(pupils)})")
        for pupil in pupils:
            group = f"groep {pupil.group_name}" if pupil.group_name else "geen groep"
            self.missing.addItem(f"{pupil.name} ({group})")
        if not pupils:
            self.missing.addItem("Iedereen heeft het formulier teruggegeven.")
        self.remind_button.setText(f"Herinneringen afdrukken ({name})…")

    # Actions ------------------------------------------------------------------------------------

    def print_reminders(self) -> None:
        if self.school_id is None or self.progress is None:
            return
        chosen, group_id, name = self.selected_group()
        service, school_id = consent_service(self.context), self.school_id
        campaign_id = self.progress.campaign.id
        ops.document(self, lambda: service.missing_pdf(school_id, group_id if chosen else None, campaign_id),
                     title=f"Herinneringen toestemming – {name}", wait=[self.remind_button],
                     group=self.remind_button)

    def start_campaign(self) -> None:
        if self.school_id is None:
            return
        dialog = StartCampaignDialog(self.context, self.school_id, self.form_number, self)
        self.dialog = dialog
        if dialog.exec():
            self.refresh()
