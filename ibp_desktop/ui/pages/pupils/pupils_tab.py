"""Tab "Leerlingen": the school's pupils per group, searchable, with import and deregistration."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.pupils.register import GroupRow, PupilRow
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_info
from ibp_desktop.ui.pages.pupils.columns import (
    dutch_date,
    group_text,
    pupil_columns,
    status_level,
    status_text,
)
from ibp_desktop.ui.pages.pupils.deregister_dialog import DeregisterDialog
from ibp_desktop.ui.theme import Badge, label
from ibp_desktop.ui.widgets.columns import natural_widths
from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

if TYPE_CHECKING:
    from ibp_desktop.services.pupils.register import PupilService

EMPTY_CAN_IMPORT = (
    "Nog geen leerlingen. Importeer de leerlingenexport uit uw leerlingadministratie "
    "(ParnasSys, ESIS of Magister)."
)
EMPTY_VIEW_ONLY = (
    "Nog geen leerlingen. De administratie importeert de leerlingenexport uit de leerlingadministratie "
    "(ParnasSys, ESIS of Magister)."
)
CHOOSE_SCHOOL = (
    "Kies eerst een school bovenaan. De leerlingen van verschillende scholen staan niet door elkaar in "
    "één lijst."
)
NO_SCHOOL = "U bent nog niet aan een school gekoppeld. Vraag de security officer om dat te doen."
DEREGISTERED_COLUMN = 6
NO_GROUP_VALUE = 0  # filter value for pupils without a group (None means "Alle groepen")

Query = tuple[int | None, bool, date]  # school, with deregistered pupils, today


class PupilsTab(RegisterPage[PupilRow]):
    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.can_import = context.actor.can(Permission.IMPORT_PUPILS)
        self._order: dict[int, int] = {}  # pupil id -> place in the service's order (group, then name)
        self._groups: list[GroupRow] = []
        self._query: Query = (context.school_id, False, context.today())
        self._loaded_query: Query | None = None
        super().__init__(
            "Leerlingen",
            "Alle ingeschreven leerlingen van de school, per groep. Kies een leerling voor de gegevens.",
            pupil_columns(lambda: self._order),
            search_hint="Zoek op naam of leerlingnummer",
            empty_text=EMPTY_CAN_IMPORT if self.can_import else EMPTY_VIEW_ONLY,
            search_text=lambda row: row.search_text,
        )
        title = self.findChild(QLabel, "pageTitle")
        if title is not None:
            title.hide()  # the tab and the area title already say "Leerlingen"
        outer = self.layout()
        assert outer is not None
        outer.setContentsMargins(20, 14, 20, 14)
        self.group_box = self.add_filter(
            "Groep:", [("Alle groepen", None)], lambda row, value: (row.group_id or NO_GROUP_VALUE) == value
        )
        self.group_box.setAccessibleName("Groep")
        self.group_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.deregistered_box = QCheckBox("Ook uitgeschreven leerlingen")
        self.deregistered_box.toggled.connect(lambda _on: self.reload())
        self.toolbar.addWidget(self.deregistered_box)
        self.dialog: QDialog | None = None  # the dialog opened last (tests look at it)
        if self.can_import:
            self.import_button = self.add_action("Importeren…", self.open_import, "Ctrl+I")
            self.deregister_button = self.add_action("Uitschrijven…", self.open_deregister, needs_row=True)
            self.set_empty_action("Leerlingen importeren…", self.open_import)
        self.no_school = self._make_no_school()
        self.stack.addWidget(self.no_school)
        self._build_detail()
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self._columns_sized = False
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setTabOrder(self.search, self.table)
        context.school_changed.connect(lambda _school: self.reload())

    # Loading ------------------------------------------------------------------------------------

    def service(self) -> PupilService:
        from ibp_desktop.services.pupils.register import PupilService

        return PupilService(self.context.database, self.context.actor)

    def refresh(self) -> None:
        self.reload()

    def reload(self, select_id: object | None = None) -> None:
        with_deregistered = self.deregistered_box.isChecked()
        self.table.setColumnHidden(DEREGISTERED_COLUMN, not with_deregistered)  # empty for enrolled pupils
        self._query = (self.context.school_id, with_deregistered, self.context.today())
        if self._query[0] is None:
            self.model.set_rows([])
            self._show_no_school()
            return
        super().reload(select_id)

    def load_rows(self) -> list[PupilRow]:  # background thread
        query = self._query
        school_id, with_deregistered, today = query
        if school_id is None:
            self._loaded_query = query
            return []
        service = self.service()
        groups = service.groups(school_id)
        rows = service.list_pupils(school_id, with_deregistered, today=today)
        self._groups = groups
        self._order = {row.id: position for position, row in enumerate(rows)}
        self._loaded_query = query
        return rows

    def rows_loaded(self) -> None:
        if self._loaded_query != self._query:  # the school or the checkbox changed while loading
            self.reload()
            return
        if self._query[0] is None:
            self._show_no_school()
            return
        self._fill_groups()
        if not self._columns_sized and self.model.rowCount():
            self._size_columns()
        if self.can_import:
            self.import_button.setEnabled(True)
        self.row_selected(self.selected_row())

    def _size_columns(self) -> None:
        """Once, after the first rows arrived: wide enough for the texts, the name a bit wider."""
        self._columns_sized = True
        header = self.table.horizontalHeader()
        for column, width in enumerate(natural_widths(self.table)):  # not resizeColumnsToContents: slow
            header.resizeSection(column, width)
        header.resizeSection(DEREGISTERED_COLUMN, max(header.sectionSize(DEREGISTERED_COLUMN), 120))
        header.resizeSection(1, max(header.sectionSize(1) + 12, 200))
        # The table as wide as its columns, the detail pane the rest (at least its minimum).
        total = sum(self.splitter.sizes())
        scroll_bar = self.table.verticalScrollBar().sizeHint().width()
        needed = header.length() + scroll_bar + 2 * self.table.frameWidth()
        if total > 0:
            detail = max(total - needed, self.detail.minimumWidth())
            self.splitter.setSizes([total - detail, detail])

    def _fill_groups(self) -> None:
        box = self.group_box
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("Alle groepen", None)
        for group in self._groups:
            box.addItem(f"Groep {group.name} ({group.pupil_count})", group.id)
        if any(row.group_id is None for row in self.model.all_rows):
            box.addItem("Zonder groep", NO_GROUP_VALUE)
        position = box.findData(chosen) if chosen is not None else 0
        box.setCurrentIndex(max(position, 0))
        box.blockSignals(False)
        if position < 0:  # the chosen group is not at this school: show all groups again
            self._apply_filters()

    def _make_no_school(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.addStretch(1)
        self.no_school_label = label(CHOOSE_SCHOOL if self.context.schools else NO_SCHOOL, "muted")
        self.no_school_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.no_school_label)
        column.addStretch(2)
        return box

    def _show_no_school(self) -> None:
        self.stack.setCurrentWidget(self.no_school)
        self.count_label.setText("")
        if self.can_import:
            self.import_button.setEnabled(False)

    # Detail pane --------------------------------------------------------------------------------

    def _build_detail(self) -> None:
        self.detail.setMinimumWidth(230)
        self.detail_hint = label("Kies een leerling in de lijst om de gegevens te zien.", "muted")
        self.detail_layout.addWidget(self.detail_hint)
        self.detail_title = label("", "sectionTitle")
        self.detail_layout.addWidget(self.detail_title)
        self.detail_status = Badge()
        self.detail_layout.addWidget(self.detail_status, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail_form = QFormLayout()
        # A narrow pane: each caption above its value.
        self.detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.detail_form.setVerticalSpacing(2)
        self.detail_values: dict[str, QLabel] = {}
        for caption in ("Leerlingnummer", "Groep", "Geboortedatum", "Ingeschreven", "Uitgeschreven",
                        "In registers als"):
            value = label("")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_form.addRow(label(f"{caption}:", "muted"), value)
            self.detail_values[caption] = value
        self.detail_layout.addLayout(self.detail_form)
        self.detail_layout.addStretch(1)
        self.row_selected(None)

    def row_selected(self, row: PupilRow | None) -> None:
        self.detail_hint.setVisible(row is None)
        self.detail_title.setVisible(row is not None)
        self.detail_status.setVisible(row is not None)
        for index in range(self.detail_form.count()):
            item = self.detail_form.itemAt(index)
            shown = item.widget() if item is not None else None
            if shown is not None:
                shown.setVisible(row is not None)
        if row is None:
            return
        self.detail_title.setText(row.display_name)
        background, colour = LEVEL_COLOURS[status_level(row)]
        self.detail_status.setText(status_text(row))
        self.detail_status.set_colours(colour, background)
        values = {
            "Leerlingnummer": row.pupil_number or "geen",
            "Groep": group_text(row),
            "Geboortedatum": f"{dutch_date(row.date_of_birth)} ({row.age} jaar)",
            "Ingeschreven": dutch_date(row.enrolled_on) or "onbekend",
            "Uitgeschreven": dutch_date(row.deregistered_on) or "nee",
            "In registers als": row.sort_name,
        }
        for caption, text in values.items():
            self.detail_values[caption].setText(text)

    # Actions ------------------------------------------------------------------------------------

    def open_import(self) -> None:
        if not self.can_import:
            return
        school_id = self.context.school_id
        if school_id is None:
            show_info(self, CHOOSE_SCHOOL if self.context.schools else NO_SCHOOL)
            return
        from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard

        wizard = PupilImportWizard(self.context, school_id, parent=self)
        wizard.imported.connect(lambda _result: self.reload())
        self._open(wizard, delete_on_close=False)  # it deletes itself when closed and idle

    def open_deregister(self) -> None:
        row = self.selected_row()
        if row is None or not self.can_import:
            return
        service = self.service()

        def deregister(pupil_id: int, on: date) -> None:  # refused when someone changed the pupil meanwhile
            service.deregister(pupil_id, on, expected_version=row.version)

        dialog = DeregisterDialog(row, self.context.today(), deregister, self)
        dialog.finished.connect(lambda _result: self.reload())  # also after "changed meanwhile": fresh rows
        self._open(dialog)

    def _open(self, dialog: QDialog, *, delete_on_close: bool = True) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, delete_on_close)
        dialog.open()
