"""Leerlingen importeren: a wizard in four steps. Nothing is written before the last step.

1. Bestand kiezen: a CSV or .xlsx export (or a path given by the caller).
2. Kolommen koppelen: which column feeds which field, the first rows, and every problem in Dutch.
3. Wijzigingen: what the import changes (new, changed, re-enrolled, no longer in the file, unchanged)
   and whether the pupils no longer in the file are deregistered. "Importeren" writes, in the background.
4. Klaar: what was written.

Reading and checking the file (``PupilService.preview_import``, ``ops.query``) and writing
(``apply_import``, ``ops.job``) run in the background; the pages show a bar meanwhile, while writing one
that fills up, and Annuleren stops the writing with nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui import ops
from ibp_desktop.ui.background import TaskControl
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.pupils.columns import dutch_date
from ibp_desktop.ui.pages.pupils.import_common import (
    CANCELLING,
    DIFF_PAGE,
    FILE_PAGE,
    MAPPING_PAGE,
    RESULT_PAGE,
    BusyLine,
    count,
)
from ibp_desktop.ui.pages.pupils.import_diff import DiffPage
from ibp_desktop.ui.pages.pupils.import_mapping import MappingPage
from ibp_desktop.ui.theme import label

if TYPE_CHECKING:
    from ibp_desktop.services.pupils.register import ImportPreview, ImportResult

T = TypeVar("T")
FILE_FILTER = "Leerlingenexport (*.csv *.xlsx *.txt);;Alle bestanden (*)"


class FilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Stap 1 van 4: bestand kiezen")
        self.setSubTitle(
            "Maak in uw leerlingadministratie (ParnasSys, ESIS of Magister) een export van alle "
            "ingeschreven leerlingen, als CSV- of Excel-bestand (.xlsx). Kies dat bestand hier. Er wordt "
            "nog niets opgeslagen: u ziet eerst wat er verandert.")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_field = QLineEdit()
        self.path_field.setPlaceholderText("Kies een bestand met 'Bladeren…'")
        self.path_field.setAccessibleName("Bestand")
        self.path_field.textChanged.connect(self._path_changed)
        self.browse_button = QPushButton("Bladeren…")
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path_field, 1)
        row.addWidget(self.browse_button)
        layout.addWidget(label("Bestand:"))
        layout.addLayout(row)
        layout.addWidget(label(
            "Welke kolommen het bestand heeft, maakt niet uit: in de volgende stap ziet u hoe ze worden "
            "gekoppeld, en kunt u dat aanpassen.", "muted"))
        self.busy = BusyLine()
        layout.addWidget(self.busy)
        self.error = label("", "error")
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._ready = False

    def _wizard(self) -> PupilImportWizard:
        wizard = self.wizard()
        assert isinstance(wizard, PupilImportWizard)
        return wizard

    def set_path(self, path: Path | str) -> None:
        self.path_field.setText(str(path))

    def browse(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _filter = QFileDialog.getOpenFileName(self, "Leerlingenexport kiezen", folder, FILE_FILTER)
        if path:
            self.set_path(path)

    def _path_changed(self) -> None:
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_field.text().strip()) and not self.busy.busy

    def validatePage(self) -> bool:
        if self._ready:
            self._ready = False
            return True
        if self.busy.busy:
            return False
        path = Path(self.path_field.text().strip())
        if not path.is_file():
            self.error.setText(f"Het bestand {path} bestaat niet (meer). Kies het bestand opnieuw.")
            return False
        wizard = self._wizard()
        wizard.overrides = {}
        self.error.clear()
        self.busy.start("Het bestand wordt gelezen en gecontroleerd…")
        self.completeChanged.emit()
        wizard.run_preview(path, self._read, on_refused=lambda e: self.error.setText(message_of(e)),
                           wait=[self.path_field, self.browse_button], always=self._idle)
        return False

    def _idle(self) -> None:
        self.busy.stop()
        self.completeChanged.emit()

    def _read(self, preview: ImportPreview) -> None:
        self._idle()
        wizard = self._wizard()
        wizard.preview = preview
        self._ready = True
        wizard.next()


class ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Klaar")
        layout = QVBoxLayout(self)
        self.summary = label("")
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, PupilImportWizard)
        result = wizard.import_result
        if result is not None:
            left = already_left(wizard.preview, wizard.context.today())
            self.summary.setText(result_text(result, wizard.deregistered_on, wizard.source_name, left))


def already_left(preview: ImportPreview | None, today: date) -> list[date]:
    """The leaving dates of the new pupils the file itself lists as already gone: they are added (the
    retention schedule needs them) but do not show among the enrolled pupils."""
    if preview is None:
        return []
    return sorted(r.deregistered_on for r in preview.diff.new
                  if r.deregistered_on is not None and r.deregistered_on <= today)


def result_text(result: ImportResult, deregistered_on: date | None, source_name: str,
                left: list[date] | None = None) -> str:
    """The summary after an import; the numbers add up to what the list shows (issue 16: "30 nieuwe
    leerlingen toegevoegd" while the list showed 29, one had left on 31-07-2025)."""
    if not result.wrote_anything:
        return f"Er is niets gewijzigd: {source_name} komt overeen met wat er al stond."
    lines = []
    left = left or []
    if result.new:
        added = f"{count(result.new, 'nieuwe leerling', 'nieuwe leerlingen')} toegevoegd"
        if left:
            when = ", ".join(dutch_date(d) for d in left[:3]) + (" …" if len(left) > 3 else "")
            still = result.new - len(left)
            added += (f": {count(still, 'leerling', 'leerlingen')} ingeschreven en "
                      f"{count(len(left), 'leerling', 'leerlingen')} al vertrokken volgens het bestand "
                      f"(uitgeschreven op {when}; {'staat' if len(left) == 1 else 'staan'} daarom niet in "
                      "de lijst van ingeschreven leerlingen)")
        lines.append(added)
    if result.changed:
        lines.append(f"{count(result.changed, 'leerling', 'leerlingen')} gewijzigd")
    if result.reenrolled:
        lines.append(f"{count(result.reenrolled, 'leerling', 'leerlingen')} weer ingeschreven")
    if result.deregistered and deregistered_on is not None:
        gone = count(result.deregistered, "leerling", "leerlingen")
        lines.append(f"{gone} uitgeschreven per {dutch_date(deregistered_on)}")
    lines.append(f"{count(result.unchanged, 'leerling', 'leerlingen')} ongewijzigd")
    if result.groups_created:
        lines.append(f"nieuwe groepen: {', '.join(result.groups_created)}")
    items = "".join(f"<li>{line}</li>" for line in lines)
    return (f"De leerlingen uit {source_name} zijn opgeslagen:<ul>{items}</ul>"
            "U vindt ze in de lijst onder 'Leerlingen'. Klik op Klaar om het venster te sluiten.")


class PupilImportWizard(QWizard):
    imported = Signal(object)  # ImportResult, after the import was written

    def __init__(self, context: AppContext, school_id: int, path: Path | str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.school_id = school_id
        self.preview: ImportPreview | None = None
        self.overrides: dict[str, int | None] = {}  # the user's corrections, the latest last
        self.import_result: ImportResult | None = None
        self.deregistered_on: date | None = None
        self.source_name = ""
        self.setWindowTitle("Leerlingen importeren")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "Volgende"),
                             (QWizard.WizardButton.BackButton, "Vorige"),
                             (QWizard.WizardButton.CancelButton, "Annuleren"),
                             (QWizard.WizardButton.FinishButton, "Klaar"),
                             (QWizard.WizardButton.CommitButton, "Importeren")):
            self.setButtonText(button, text)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.diff_page = DiffPage()
        self.result_page = ResultPage()
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(DIFF_PAGE, self.diff_page)
        self.setPage(RESULT_PAGE, self.result_page)
        if path is not None:
            self.file_page.set_path(path)
        self.resize(1000, 700)

    # Service calls, in the background (ui/ops.py; the wizard is the owner and the group) -------------

    def run_preview(self, path: Path, then: Callable[[ImportPreview], None], *,
                    on_refused: Callable[[IbpError], None], wait: Sequence[QWidget] = (),
                    always: Callable[[], None] | None = None) -> None:
        """Read and check ``path`` with the current corrections; writes nothing. A reading asked for
        while one runs follows it, and only the latest one's result arrives (the latest corrections)."""
        from ibp_desktop.services.pupils.register import PupilService

        service = PupilService(self.context.database, self.context.actor)
        school_id, overrides, today = self.school_id, dict(self.overrides), self.context.today()
        self.source_name = path.name
        ops.query(self, lambda: service.preview_import(school_id, path, overrides or None, today=today),
                  self._shown(then), on_refused=self._shown(on_refused), wait=wait, always=always,
                  what="pupil import preview", again=True)

    def rerun_preview(self, then: Callable[[ImportPreview], None], *,
                      on_refused: Callable[[IbpError], None], always: Callable[[], None]) -> None:
        path = Path(self.file_page.path_field.text().strip())
        self.run_preview(path, then, on_refused=on_refused, always=always)

    def apply_work(self, deregister_on: date | None, *,
                   confirm_changes: bool) -> Callable[[TaskControl], ImportResult]:
        """The import for ``ops.job``: progress per step, and Annuleren stops it inside the transaction."""
        from ibp_desktop.services.pupils.register import PupilService

        preview = self.preview
        assert preview is not None
        service = PupilService(self.context.database, self.context.actor)
        school_id = self.school_id
        self.deregistered_on = deregister_on

        def work(control: TaskControl) -> ImportResult:
            def step(done: int, total: int) -> None:
                control.report(done, total)
                control.check()  # raises when cancelled: the service rolls everything back

            return service.apply_import(school_id, preview, deregister_on, confirm_changes=confirm_changes,
                                        progress=step)

        return work

    def _shown(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        """Closed meanwhile (Annuleren while reading): nobody waits for the result."""
        return lambda value: callback(value) if self.isVisible() else None

    def applied(self, result: ImportResult) -> None:
        self.import_result = result
        self.imported.emit(result)

    @property
    def writing(self) -> bool:
        return self.diff_page.busy.busy

    def reject(self) -> None:
        if self.writing:  # Annuleren (or Esc) while the import is written: stop it, nothing is saved
            if ops.cancel(self):
                self.diff_page.busy.start(CANCELLING)
            return
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        self.preview = None  # a large file's rows need not stay in memory
        self.deleteLater()  # work still running for it is dropped by ops (the owner is gone)
