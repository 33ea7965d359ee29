"""Step 2 of the pupil import: which column feeds which field, the first rows, and the problems.

Changing a column choice reads the file again in the background with the corrections
(``preview_import(mapping=...)``); "Volgende" stays disabled while there are problems.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.pupils.import_common import BusyLine, count
from ibp_desktop.ui.theme import label

if TYPE_CHECKING:
    from ibp_desktop.services.pupils.register import ImportPreview
    from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard

NOT_IN_FILE = "(niet in het bestand)"
NOT_CHECKED = ("Het bestand is niet opnieuw gecontroleerd. Klik op 'Opnieuw inlezen' om het nog eens te "
               "proberen.")
FIELD_COLUMNS = 3  # the field choices in a grid of three columns
MAX_PROBLEMS_SHOWN = 200
PROBLEM_LINES = 8  # the list grows up to this many lines, then scrolls
OK_COLOUR = "#1d5e33"


class MappingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Stap 2 van 4: kolommen koppelen")
        self.setSubTitle(
            "Controleer bij elk gegeven uit welke kolom van het bestand het komt. Velden met * zijn "
            "verplicht. Voor de naam is 'Achternaam' nodig (met 'Roepnaam' en 'Tussenvoegsel'), of 'Naam' "
            "als de hele naam in één kolom staat.")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.description = label("")
        self.description.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.description, 1)
        self.reread_button = QPushButton("Opnieuw inlezen")
        self.reread_button.setToolTip("Lees het bestand opnieuw in, bijvoorbeeld nadat u het heeft aangepast")
        self.reread_button.setAutoDefault(False)
        self.reread_button.clicked.connect(lambda: self.rerun())
        top.addWidget(self.reread_button)
        layout.addLayout(top)
        self.notice = label("", "error")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        layout.addLayout(self.grid)
        self.combos: dict[str, QComboBox] = {}
        self.unused = label("", "muted")
        self.unused.setAccessibleName("Niet gebruikte kolommen en overgeslagen regels")
        layout.addWidget(self.unused)
        layout.addWidget(label("De eerste rijen van het bestand:", "muted"))
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table, 1)
        self.busy = BusyLine()
        layout.addWidget(self.busy)
        self.status = label("")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.status)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problemen in het bestand")
        layout.addWidget(self.problems)
        self._generation = 0
        self._error = ""

    def _wizard(self) -> PupilImportWizard:
        from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard

        wizard = self.wizard()
        assert isinstance(wizard, PupilImportWizard)
        return wizard

    # Showing a preview ---------------------------------------------------------------------------

    def initializePage(self) -> None:
        self._error = ""
        preview = self._wizard().preview
        if preview is not None:
            self.show_preview(preview)

    def _build_combos(self, preview: ImportPreview) -> None:
        if list(self.combos) == [f.key for f in preview.fields] and self._headers == preview.headers:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        self._headers = preview.headers
        for position, choice in enumerate(preview.fields):
            row, column = divmod(position, FIELD_COLUMNS)
            caption = label(f"{choice.label}{' *' if choice.required else ''}:", wrap=False)
            combo = QComboBox()
            combo.setAccessibleName(choice.label)
            combo.addItem(NOT_IN_FILE, None)
            for index, header in enumerate(preview.headers):
                combo.addItem(header, index)
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(lambda _i, key=choice.key: self._choice_changed(key))
            caption.setBuddy(combo)
            self.grid.addWidget(caption, row, column * 2)
            self.grid.addWidget(combo, row, column * 2 + 1)
            self.grid.setColumnStretch(column * 2 + 1, 1)
            self.combos[choice.key] = combo

    _headers: tuple[str, ...] = ()

    def show_preview(self, preview: ImportPreview) -> None:
        self._build_combos(preview)
        for choice in preview.fields:
            combo = self.combos[choice.key]
            combo.setCurrentIndex(max(combo.findData(choice.column), 0))
        self.description.setText(
            f"<b>{escape(preview.source_name)}</b> · {escape(preview.file_description)} · "
            f"{count(preview.row_count, 'rij', 'rijen')} met gegevens"
            + (" · kolommen zoals bij de vorige import van dit bestand"
               if preview.remembered_mapping else ""))
        self._fill_table(preview)
        self.unused.setText(unused_text(preview))
        self._show_problems(preview)
        self.completeChanged.emit()

    def _fill_table(self, preview: ImportPreview) -> None:
        fed = {choice.column: choice.label for choice in preview.fields if choice.column is not None}
        self.table.clear()
        self.table.setColumnCount(len(preview.headers))
        self.table.setRowCount(len(preview.sample_rows))
        for index, header in enumerate(preview.headers):
            target = f"→ {fed[index]}" if index in fed else "(niet gebruikt)"
            self.table.setHorizontalHeaderItem(index, QTableWidgetItem(f"{header}\n{target}"))
        self.table.setVerticalHeaderLabels([f"Rij {n}" for n in preview.sample_row_numbers])
        for row, cells in enumerate(preview.sample_rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column not in fed:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)

    def _show_problems(self, preview: ImportPreview) -> None:
        self.problems.clear()
        if self._error:
            self.status.setText(f"<span style='color:#b42318; font-weight:600'>{escape(self._error)}</span>")
            self.problems.hide()
            return
        if preview.ok:
            self.status.setText(
                f"<span style='color:{OK_COLOUR}; font-weight:600'>Geen problemen gevonden:</span> "
                f"{count(len(preview.records), 'leerling kan', 'leerlingen kunnen')} worden ingelezen. "
                "Klik op Volgende om te zien wat er verandert.")
            self.problems.hide()
            return
        found = len(preview.problems)
        self.status.setText(
            f"<span style='color:#b42318; font-weight:600'>Het bestand heeft "
            f"{count(found, 'probleem', 'problemen')}. Er wordt niets geïmporteerd.</span> Pas de koppeling "
            "hierboven aan, of pas het bestand aan en klik op 'Opnieuw inlezen'.")
        self.problems.addItems([str(p) for p in preview.problems[:MAX_PROBLEMS_SHOWN]])
        if found > MAX_PROBLEMS_SHOWN:
            self.problems.addItem(f"… en nog {count(found - MAX_PROBLEMS_SHOWN, 'probleem', 'problemen')}.")
        lines = min(self.problems.count(), PROBLEM_LINES)
        frame = 2 * self.problems.frameWidth() + 4
        self.problems.setFixedHeight(lines * self.problems.sizeHintForRow(0) + frame)
        self.problems.show()

    # Reading again with the corrections ----------------------------------------------------------

    def _choice_changed(self, key: str) -> None:
        wizard = self._wizard()
        value = self.combos[key].currentData()
        wizard.overrides.pop(key, None)
        wizard.overrides[key] = value  # the latest choice last: it wins a column another field had
        self.notice.hide()
        self.rerun()

    def rerun(self, notice: str = "") -> None:
        """Read and check the file again (after a correction, a changed file, or a refused import);
        ``notice`` says why, above the choices, until the user changes one."""
        if notice:
            self.notice.setText(notice)
            self.notice.show()
        self._generation += 1
        generation = self._generation
        self._error = ""
        self.busy.start("Het bestand wordt opnieuw gecontroleerd…")
        self.completeChanged.emit()
        self._wizard().rerun_preview(lambda preview: self._reread(generation, preview),
                                     on_refused=lambda error: self._failed(generation, error),
                                     always=lambda: self._ended(generation))

    def _reread(self, generation: int, preview: ImportPreview) -> None:
        if generation != self._generation:
            return  # an older reading; a newer one is on its way
        self.busy.stop()
        self._wizard().preview = preview
        self.show_preview(preview)

    def _failed(self, generation: int, error: BaseException | str) -> None:
        if generation != self._generation:
            return
        self.busy.stop()
        self._error = error if isinstance(error, str) else message_of(error)
        preview = self._wizard().preview
        if preview is not None:
            self._show_problems(preview)
        self.completeChanged.emit()

    def _ended(self, generation: int) -> None:
        """No result and no refusal (an unexpected error, in the error dialog): the shown preview is not
        the file with these choices, so Volgende waits for a reading that works."""
        if generation == self._generation and self.busy.busy:
            self._failed(generation, NOT_CHECKED)

    def validatePage(self) -> bool:
        return self.isComplete()  # also when "next" is asked for without the (disabled) button

    def isComplete(self) -> bool:
        preview = self._wizard().preview
        return preview is not None and preview.ok and not self._error and not self.busy.busy


def unused_text(preview: ImportPreview) -> str:
    """Every column that is not read and every row that is not a pupil, so nothing is dropped unseen."""
    parts = []
    if preview.unused_columns:
        parts.append("Niet gebruikt: " + ", ".join(str(c) for c in preview.unused_columns) + ".")
    else:
        parts.append("Alle kolommen worden gebruikt.")
    if preview.skipped_rows:
        parts.append("Overgeslagen (geen leerling): " + "; ".join(str(r) for r in preview.skipped_rows) + ".")
    return "\n".join(parts)
