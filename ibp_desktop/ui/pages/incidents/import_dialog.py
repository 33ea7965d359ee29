"""Importeren: the school's existing incident register (CSV or .xlsx), with a mapping step and a check
of the whole file before anything is written. All or nothing; the register's own numbers are kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.core.incidents.rules import format_day
from ibp_desktop.services.incidents.importing import (
    INCIDENT_FIELDS,
    IncidentColumns,
    IncidentImportPreview,
    IncidentImportService,
)
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog, message_of
from ibp_desktop.ui.theme import label

NOT_IN_FILE = "(niet in dit bestand)"
SHOWN_RECORDS = 30
CHECKING = "Bestand controleren…"


class ImportDialog(FormDialog):
    areas = (ops.INCIDENTS,)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "Incidentenregister importeren",
            "Kies het bestand (CSV of Excel) waarin de school tot nu toe haar incidenten bijhield. Geef aan "
            "welke kolom wat bevat; het programma controleert dan het hele bestand. Er wordt pas iets "
            "opgeslagen als alles klopt. De nummers uit het bestand blijven behouden.",
            "Importeren",
            parent,
        )
        self.context = context
        self.resize(760, 680)
        self.path: Path | None = None
        self.headers: list[str] = []
        self.preview: IncidentImportPreview | None = None
        self.imported = 0
        self._checks = 0  # the newest check; older answers are ignored
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        self.file_label = label("Nog geen bestand gekozen.", "muted")
        choose = QPushButton("Bestand kiezen…")
        choose.clicked.connect(self.choose_file)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        self.form.addRow("Bestand:", chooser)
        self.school: QComboBox | None = None
        if context.school_id is None and len(context.schools) > 1:
            self.school = QComboBox()
            for school in context.schools:
                self.school.addItem(school.label, school.id)
            self.form.addRow("School:", self.school)
        self.mapping_box = QWidget()
        self.grid = QGridLayout(self.mapping_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for index, spec in enumerate(INCIDENT_FIELDS):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i: self.check())
            self.combos[spec.key] = combo
            caption = f"{spec.label_nl}{' (verplicht)' if spec.required else ''}:"
            self.grid.addWidget(label(caption, wrap=False), index // 2, (index % 2) * 2)
            self.grid.addWidget(combo, index // 2, (index % 2) * 2 + 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        scroll.setMinimumHeight(200)
        self.form.addRow(label("<b>Kolommen</b>"))
        self.form.addRow(scroll)
        self.summary = label("", wrap=True)
        self.form.addRow(self.summary)
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setMinimumHeight(150)
        self.form.addRow(self.outcome)
        self.mapping_box.setEnabled(False)
        self.ok_button.setEnabled(False)

    def school_id(self) -> int:
        if self.school is not None:
            return int(self.school.currentData())
        if self.context.school_id is not None:
            return self.context.school_id
        return self.context.schools[0].id

    def service(self) -> IncidentImportService:
        return IncidentImportService(self.context.database, self.context.actor)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Register kiezen", "", "Spreadsheets (*.csv *.xlsx)")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read the headers and guess the mapping (the service, in the background), then check the file."""
        self.path, self.preview = path, None
        self.file_label.setText(path.name)
        self.ok_button.setEnabled(False)
        self._checks += 1  # a check of the previous file still running is of no use any more
        self.set_busy("Bestand lezen…")
        service, school_id = self.service(), self.school_id()
        ops.query(self, lambda: service.columns(school_id, path), self._headers_read,
                  on_refused=self._read_failed, always=lambda: self.set_busy(None),
                  what="incident import columns")

    def _read_failed(self, error: IbpError) -> None:
        self.ok_button.setEnabled(False)
        self.summary.setText("<b>Dit bestand kan niet worden gelezen.</b>")
        self.outcome.setPlainText(message_of(error))

    def _headers_read(self, columns: IncidentColumns) -> None:
        self.set_busy(None)
        self.headers = list(columns.headers)
        guessed = columns.mapping
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, None)
            for column, header in enumerate(self.headers):
                combo.addItem(header or f"kolom {column + 1}", column)
            combo.setCurrentIndex(combo.findData(guessed[key]) if key in guessed else 0)
            combo.blockSignals(False)
        self.mapping_box.setEnabled(True)
        self.check()

    def overrides(self) -> dict[str, int | str | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def check(self) -> None:
        if self.path is None or not self.headers:
            return
        self._checks += 1
        asked, path, overrides, school_id = self._checks, self.path, self.overrides(), self.school_id()
        self.preview = None
        self.ok_button.setEnabled(False)
        self.summary.setText(CHECKING)
        service = self.service()
        # every check runs (group EVERY); only the newest one's answer is shown
        ops.query(self, lambda: service.preview(school_id, path, overrides),
                  lambda preview: self._checked(preview) if asked == self._checks else None,
                  on_refused=lambda error: self._refused(error) if asked == self._checks else None,
                  always=lambda: self._check_ended(asked), what="incident import check", group=ops.EVERY)

    def _check_ended(self, asked: int) -> None:
        """After an unexpected error (shown in the error dialog) the summary must not say "controleren"."""
        if asked == self._checks and self.preview is None and self.summary.text() == CHECKING:
            self.summary.setText("<b>Het bestand kon niet worden gecontroleerd.</b> Kies het opnieuw.")

    def _checked(self, preview: IncidentImportPreview) -> None:
        self.preview = preview
        count = len(preview.records)
        self.summary.setText(
            f"<b>Alles klopt: {count} incident{'en' if count != 1 else ''} klaar om te importeren</b> "
            f"({preview.kind}). Kies Importeren om ze op te slaan."
        )
        lines = [f"{r.number}   {format_day(r.facts.discovered_at)}   {r.facts.title}"
                 for r in preview.records[:SHOWN_RECORDS]]
        if count > SHOWN_RECORDS:
            lines.append(f"… en nog {count - SHOWN_RECORDS}.")
        unused = ", ".join(f"'{h}'" for h in preview.unused_columns) or "geen (alle kolommen gebruikt)"
        lines += ["", f"Niet gebruikt: {unused}", *(f"Overgeslagen: {row}" for row in preview.skipped)]
        self.outcome.setPlainText("\n".join(lines))
        self.ok_button.setEnabled(count > 0)
        self.ok_button.setDefault(True)

    def _refused(self, error: IbpError) -> None:
        self.preview = None
        self.ok_button.setEnabled(False)
        self.summary.setText("<b>Het bestand kan zo niet worden geïmporteerd.</b> Pas de kolommen hierboven "
                             "aan, of pas het bestand aan en kies het opnieuw.")
        self.outcome.setPlainText(message_of(error))

    def set_busy(self, text: str | None) -> None:
        super().set_busy(text)
        if text is None and self.preview is None:
            self.ok_button.setEnabled(False)

    def submit(self) -> None:
        if self.preview is None or self.path is None:
            self.show_error("Kies eerst een bestand dat klopt.")
            return
        path, overrides, school_id, service = self.path, self.overrides(), self.school_id(), self.service()
        self.submit_in_background(lambda: service.import_file(school_id, path, overrides), self._imported,
                                  "Importeren…")

    def _imported(self, count: int) -> None:
        self.imported = count
        self.done_ok()
