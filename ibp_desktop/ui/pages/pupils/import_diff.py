"""Step 3 of the pupil import: what changes, and whether pupils no longer in the file are deregistered.

"Importeren" writes everything in one transaction, in the background (``ops.job``): the bar fills up per
step, and Annuleren stops it with nothing written. When the school's pupils changed since the preview
(StaleEditError) the wizard goes back to step 2 and reads the file again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ibp_desktop.core.errors import StaleEditError
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.pupils.deregister_dialog import chosen_date, date_edit
from ibp_desktop.ui.pages.pupils.import_common import CANCELLING, RESULT_PAGE, BusyLine, count
from ibp_desktop.ui.texts import number
from ibp_desktop.ui.theme import SEVERITY, label

if TYPE_CHECKING:
    from ibp_desktop.services.pupils.register import ImportPreview, ImportResult
    from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard

NOTHING_TO_DO = "Niets te doen: het bestand komt overeen met wat er al staat."
CONFIRM_TEXT = "Ik heb de wijzigingen onder 'Let op' gecontroleerd; voer ze door"
ATTENTION = "Let op: eerst bevestigen"
WRITING = "De leerlingen worden opgeslagen…"
CANCELLED = (
    "Het importeren is afgebroken. Er is niets opgeslagen: de leerlingen staan er zoals voor het "
    "importeren. Klik op Importeren om het opnieuw te doen, of op Annuleren om te stoppen."
)
EXPAND_UP_TO = 40  # sections with more pupils start folded


def _figure(value: int, caption: str) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 28, 0)
    column.setSpacing(0)
    column.addWidget(label(number(value), "bigNumber", wrap=False))
    column.addWidget(label(caption, "muted", wrap=False))
    box.setAccessibleName(f"{caption}: {number(value)}")
    return box


def _group(name: str | None) -> str:
    return f"groep {name}" if name else "zonder groep"


class DiffPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Stap 3 van 4: wijzigingen controleren")
        self.setSubTitle("Dit verandert er als u op Importeren klikt. Er is nog niets opgeslagen.")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.figures = QHBoxLayout()
        layout.addLayout(self.figures)
        self.nothing = label(NOTHING_TO_DO, "sectionTitle")
        layout.addWidget(self.nothing)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Wijzigingen per leerling")
        layout.addWidget(self.tree, 1)
        self.confirm_check = QCheckBox(CONFIRM_TEXT)
        self.confirm_check.setObjectName("confirmChanges")
        self.confirm_check.toggled.connect(self.completeChanged)
        layout.addWidget(self.confirm_check)
        self.missing_box = QWidget()
        missing = QVBoxLayout(self.missing_box)
        missing.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.deregister_check = QCheckBox("Uitschrijven per")
        self.deregister_check.toggled.connect(self._deregister_toggled)
        self.deregister_date = date_edit(date.today())
        self.deregister_date.setAccessibleName("Datum van uitschrijving")
        self.deregister_date.setEnabled(False)
        row.addWidget(self.deregister_check)
        row.addWidget(self.deregister_date)
        row.addStretch(1)
        self.missing_title = label("", "sectionTitle")
        missing.addWidget(self.missing_title)
        missing.addLayout(row)
        self.missing_note = label("", "muted")
        missing.addWidget(self.missing_note)
        layout.addWidget(self.missing_box)
        self.busy = BusyLine()
        layout.addWidget(self.busy)
        self.error = label("", "error")
        layout.addWidget(self.error)
        self._applied = False

    def _wizard(self) -> PupilImportWizard:
        from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard

        wizard = self.wizard()
        assert isinstance(wizard, PupilImportWizard)
        return wizard

    def _preview(self) -> ImportPreview:
        preview = self._wizard().preview
        assert preview is not None
        return preview

    # Showing the diff ----------------------------------------------------------------------------

    def initializePage(self) -> None:
        preview = self._preview()
        diff, counts = preview.diff, preview.counts
        self._applied = False
        self.error.clear()
        while self.figures.count():
            item = self.figures.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        shown = (
            (counts.new, "nieuw"),
            (counts.changed, "gewijzigd"),
            (counts.reenrolled, "weer ingeschreven"),
            (counts.missing, "niet meer in het bestand"),
            (counts.unchanged, "ongewijzigd"),
        )
        for value, caption in shown:
            self.figures.addWidget(_figure(value, caption))
        self.figures.addStretch(1)
        nothing = self.nothing_to_do
        self.nothing.setVisible(nothing)
        self.tree.setVisible(not nothing)
        self.tree.clear()
        attention = [f"{u.pupil.label_with_birth}: weer ingeschreven; {u.summary}" for u in diff.reenrolled]
        attention += [f"{u.pupil.label_with_birth}: andere naam; {u.summary}" for u in diff.renamed]
        self._section(ATTENTION, attention, warn=True)
        self.confirm_check.setChecked(False)
        self.confirm_check.setVisible(bool(attention))
        self._section("Nieuw", [f"{r.label}, {_group(r.group_name)}" for r in diff.new])
        changed = [u for u in diff.changed if not u.renames]
        self._section("Gewijzigd", [f"{u.pupil.label_with_birth}: {u.summary}" for u in changed])
        gone = [f"{p.label_with_birth}, {_group(p.group_name)}" for p in diff.missing]
        self._section("Niet meer in het bestand", gone)
        self.missing_box.setVisible(bool(diff.missing))
        self.missing_title.setText(
            f"{count(counts.missing, 'leerling staat', 'leerlingen staan')} niet meer in het bestand"
        )
        today = self._wizard().context.today()
        self.deregister_date.setDate(QDate(today.year, today.month, today.day))
        self.deregister_check.setChecked(False)
        self._deregister_toggled(False)
        self.setCommitPage(not nothing)
        self.setFinalPage(nothing)

    def figure_texts(self) -> list[str]:
        """The counts as read aloud: "nieuw: 2", "gewijzigd: 1", ..."""
        items = (self.figures.itemAt(i) for i in range(self.figures.count()))
        return [w.accessibleName() for item in items if item is not None and (w := item.widget()) is not None]

    def _section(self, title: str, lines: list[str], *, warn: bool = False) -> None:
        if not lines:
            return
        top = QTreeWidgetItem([f"{title} ({number(len(lines))})"])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        if warn:  # status in words and colour (UI.md): the words say "Let op", the colour repeats it
            top.setForeground(0, QBrush(QColor(SEVERITY["warning"][1])))
            top.setBackground(0, QBrush(QColor(SEVERITY["warning"][2])))
        top.addChildren([QTreeWidgetItem([line]) for line in lines])
        self.tree.addTopLevelItem(top)
        top.setExpanded(len(lines) <= EXPAND_UP_TO)

    def _deregister_toggled(self, on: bool) -> None:
        self.deregister_date.setEnabled(on)
        preview = self._wizard().preview
        one = preview is not None and preview.counts.missing == 1
        if on:
            who = "Deze leerling wordt" if one else "Deze leerlingen worden"
            self.missing_note.setText(
                f"{who} uitgeschreven per de gekozen datum. De gegevens blijven "
                "bewaard tot de bewaartermijn voorbij is."
            )
        else:
            stays = "deze leerling blijft" if one else "deze leerlingen blijven"
            self.missing_note.setText(
                f"Niet aangevinkt: {stays} zoals nu (ingeschreven). Vink aan als ze van school zijn gegaan."
            )

    @property
    def nothing_to_do(self) -> bool:
        preview = self._wizard().preview
        return preview is not None and not preview.diff.changes_anything and not preview.diff.missing

    def isComplete(self) -> bool:
        preview = self._wizard().preview
        needs = preview is not None and bool(preview.diff.needs_confirmation)
        return not needs or self.confirm_check.isChecked()

    def nextId(self) -> int:
        return -1 if self.nothing_to_do else RESULT_PAGE

    # Writing -------------------------------------------------------------------------------------

    def validatePage(self) -> bool:
        if self.nothing_to_do or self._applied:
            return True
        if self.busy.busy:
            return False
        wizard = self._wizard()
        on = chosen_date(self.deregister_date) if self.deregister_check.isChecked() else None
        self.error.clear()
        self.busy.start(WRITING)
        work = wizard.apply_work(on, confirm_changes=self.confirm_check.isChecked())
        buttons = [
            wizard.button(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CommitButton)
        ]
        # Annuleren stays enabled: it cancels the job (PupilImportWizard.reject).
        ops.job(
            wizard,
            ops.PUPILS,
            work,
            self._done,
            progress=self._progress,
            on_cancelled=self._cancelled,
            on_refused=self._refused,
            always=self.busy.stop,
            what="pupil import",
            wait=[*buttons, self.deregister_check, self.deregister_date, self.confirm_check],
        )
        return False

    def _progress(self, done: int, total: int, _text: str) -> None:
        if self.busy.text.text() != CANCELLING:
            self.busy.progress(
                done,
                total,
                f"De leerlingen worden opgeslagen: {number(done)} van "
                f"{count(total, 'leerling', 'leerlingen')}…",
            )

    def _done(self, result: ImportResult) -> None:
        self.busy.stop()
        self._applied = True
        wizard = self._wizard()
        wizard.applied(result)
        wizard.next()

    def _cancelled(self) -> None:
        self.error.setText(CANCELLED)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, StaleEditError):
            wizard = self._wizard()
            wizard.back()
            wizard.mapping_page.rerun(str(error))
            return
        self.error.setText(message_of(error))
