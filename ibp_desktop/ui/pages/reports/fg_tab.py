"""Tab "FG-rapportage": the incident register with details, the request log, what is overdue and the
open actions, for a period the FG chooses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from ibp_desktop.services.reports.fg import FgReportService
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.reports.jobs import DocumentJob, button, date_edit, day_of, shortcut
from ibp_desktop.ui.pages.reports.scope import default_school_year, file_part, scope_school, scope_text
from ibp_desktop.ui.theme import SectionBox, label


class FgTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.service = FgReportService(context.database, context.actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(label(
            "Voor de functionaris gegevensbescherming (FG): de incidenten en datalekken met details, de "
            "verzoeken van betrokkenen, wat te laat is en de open acties uit het plan van aanpak.", "muted"))
        box = SectionBox("FG-rapportage maken")
        form = QFormLayout(box)
        start, end = default_school_year(context.today())
        self.from_edit = date_edit(start)
        self.to_edit = date_edit(end)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(label("tot en met", wrap=False))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        form.addRow("Periode van:", period)
        self.scope_label = label("", wrap=False)
        form.addRow("Voor:", self.scope_label)
        actions = QHBoxLayout()
        self.preview_button = button("Voorbeeld en afdrukken…", self.preview, "Afdrukvoorbeeld (Ctrl+P)")
        self.save_button = button("Opslaan als PDF…", self.save)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        form.addRow(actions)
        self.job = DocumentJob(self)
        self.job.guard(self.preview_button, self.save_button)
        form.addRow(self.job)
        layout.addWidget(box)
        layout.addStretch(1)
        shortcut(self, QKeySequence.StandardKey.Print, self.preview)
        self.refresh()
        context.school_changed.connect(lambda _id: self.refresh())

    def refresh(self) -> None:
        self.scope_label.setText(scope_text(self.context))

    def _make(self) -> tuple[str, Callable[[], bytes]]:
        """What is overdue and the breach clock stand at the program's moment (the context's, read at the
        click), as on the register pages; the default period is of its day too."""
        start, end, school = day_of(self.from_edit), day_of(self.to_edit), scope_school(self.context)
        title = f"FG-rapportage {start:%d-%m-%Y} tot en met {end:%d-%m-%Y}"
        service, now = self.service, self.context.now()
        return title, lambda: service.pdf(start, end, school, now)

    def preview(self) -> None:
        title, make = self._make()
        self.job.preview("FG-rapportage maken…", make, title)

    def save(self) -> None:
        title, make = self._make()
        name = f"{title} {file_part(scope_text(self.context))}.pdf"
        self.job.save("FG-rapportage maken…", make, name)
