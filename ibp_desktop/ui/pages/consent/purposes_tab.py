"""Doelen en formulier: the purposes parents are asked about and the form text they read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.consent.rules import Tone
from ibp_desktop.core.roles import Permission
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog, message_of
from ibp_desktop.ui.pages.consent.common import NO_SCHOOL, TONE_COLOURS, consent_service, shortcut
from ibp_desktop.ui.pages.consent.purpose_dialogs import FormTextDialog, PurposeDialog
from ibp_desktop.ui.texts import date_time
from ibp_desktop.ui.theme import label

if TYPE_CHECKING:
    from ibp_desktop.services.consent.forms import FormVersionInfo, PurposeInfo
    from ibp_desktop.ui.context import AppContext

EXPLAIN = (
    "Elke wijziging maakt een nieuwe versie van het formulier; voor een nieuw of gewijzigd doel moeten "
    "ouders/verzorgers opnieuw toestemming geven (tot dan telt het als nee)."
)


class PurposesTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.school_id: int | None = None
        self.purposes: list[PurposeInfo] = []
        self.form_info: FormVersionInfo | None = None
        self.dialog: FormDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        outer.addWidget(label(EXPLAIN, "muted"))
        self.version = label("", "sectionTitle")
        outer.addWidget(self.version)
        self.stack = QStackedWidget()
        self.no_school = label(NO_SCHOOL, "muted")
        self.no_school.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.no_school)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._purposes_box())
        splitter.addWidget(self._text_box())
        splitter.setSizes([650, 450])
        self.stack.addWidget(splitter)
        self.splitter = splitter
        outer.addWidget(self.stack, 1)
        self._refreshed = False
        context.school_changed.connect(lambda _sid: self.refresh())

    def showEvent(self, event: QShowEvent) -> None:
        """Load on the first show; the area calls ``refresh()`` on every later show."""
        super().showEvent(event)
        if not self._refreshed:
            self.refresh()

    def _purposes_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 8, 0)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("Nieuw doel…")
        self.new_button.setToolTip("Nieuw doel (Ctrl+N)")
        self.new_button.clicked.connect(self.new_purpose)
        self.edit_button = QPushButton("Wijzigen…")
        self.edit_button.clicked.connect(self.edit_purpose)
        self.active_button = QPushButton("Uitzetten")
        self.active_button.clicked.connect(self.toggle_active)
        for button in (self.new_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        shortcut(self, QKeySequence.StandardKey.New, self.new_purpose)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Doel", "Op het formulier", "Toestemming nodig vanaf"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_purpose())
        column.addWidget(self.table, 1)
        self._selection_changed()
        return box

    def _text_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(label("Tekst boven de doelen op het formulier", "muted"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        column.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.text_button = QPushButton("Tekst opslaan als nieuwe versie…")
        self.text_button.clicked.connect(self.save_text)
        row.addWidget(self.text_button)
        column.addLayout(row)
        return box

    # Loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._refreshed = True
        school_id = self.school_id = self.context.school_id
        if school_id is None:
            self.stack.setCurrentWidget(self.no_school)
            self.version.clear()
            return
        self.stack.setCurrentWidget(self.splitter)
        service = consent_service(self.context)
        activities = self._activities_of(school_id)
        ops.query(self, lambda: (service.purposes(school_id), service.current_form(school_id), activities()),
                  lambda result: self._loaded(school_id, result), group=ops.EVERY,
                  on_refused=lambda e: self.version.setText(message_of(e)), what="consent purposes")

    def _activities_of(self, school_id: int) -> Callable[[], dict[str, list[str]]]:
        """The processing activities each purpose belongs to (shown in the purpose's tooltip)."""
        from ibp_desktop.services.accountability.processing import ProcessingService

        if not self.context.actor.can(Permission.VIEW_PROCESSING):
            return dict
        service = ProcessingService(self.context.database, self.context.actor)
        return lambda: service.linked_activities(school_id, "consent")

    def _loaded(self, school_id: int, result: Any) -> None:
        if school_id != self.school_id:
            return
        keep = self.selected()
        self.purposes, self.form_info, self.activities = result
        form = self.form_info
        self.version.setText(
            f"Huidig formulier: versie {form.number} met {len(form.purposes)} doelen "
            f"(gemaakt door {form.created_by} op {date_time(form.created_at)})"
        )
        if self.text.toPlainText().strip() in ("", getattr(self, "_shown_text", "")):
            self.text.setPlainText(form.text)
        self._shown_text = form.text.strip()
        self.table.setRowCount(len(self.purposes))
        for row, purpose in enumerate(self.purposes):
            name = QTableWidgetItem(purpose.label)
            used_by = ", ".join(self.activities.get(purpose.code, []))
            tip = f"{purpose.description}\nVerwerking: {used_by}" if used_by else purpose.description
            name.setToolTip(tip.strip())
            self.table.setItem(row, 0, name)
            state = QTableWidgetItem("Ja" if purpose.active else "Nee, uitgezet")
            background, colour = TONE_COLOURS[Tone.GREEN if purpose.active else Tone.GREY]
            state.setBackground(QBrush(QColor(background)))
            state.setForeground(QBrush(QColor(colour)))
            self.table.setItem(row, 1, state)
            self.table.setItem(row, 2, QTableWidgetItem(f"versie {purpose.asked_since}"))
            if keep is not None and purpose.id == keep.id:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self._selection_changed()

    def selected(self) -> PurposeInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.purposes[rows[0].row()] if rows and rows[0].row() < len(self.purposes) else None

    def _selection_changed(self) -> None:
        purpose = self.selected()
        self.edit_button.setEnabled(purpose is not None)
        self.active_button.setEnabled(purpose is not None)
        self.active_button.setText("Weer aanzetten" if purpose and not purpose.active else "Uitzetten")

    # Actions ------------------------------------------------------------------------------------

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        if dialog.exec():
            self.refresh()

    def new_purpose(self) -> None:
        if self.school_id is not None:
            self._open(PurposeDialog(self.context, self.school_id, None, self))

    def edit_purpose(self) -> None:
        purpose = self.selected()
        if self.school_id is not None and purpose is not None:
            self._open(PurposeDialog(self.context, self.school_id, purpose, self))

    def toggle_active(self) -> None:
        purpose, school_id = self.selected(), self.school_id
        if purpose is None or school_id is None:
            return
        service = consent_service(self.context)
        ops.mutate(self, ops.CONSENT,
                   lambda: service.edit_purpose(school_id, purpose.id, label=purpose.label,
                                                description=purpose.description, active=not purpose.active,
                                                expected_version=purpose.version),
                   lambda _form: self.refresh(), group=self.table, what="consent purpose toggle")

    def save_text(self) -> None:
        if self.school_id is not None:
            self._open(
                FormTextDialog(self.context, self.school_id, self.text.toPlainText(), self.purposes, self)
            )
