"""Tab "Inzageverzoek": everything the program holds about one pupil, as a PDF for the answer letter
(pupil data, consent history, requests and the incidents that name the pupil). Director only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.pupils.register import PupilRow, PupilService
from ibp_desktop.services.requests.access_request import AccessRequestService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import show_error
from ibp_desktop.ui.pages.reports.jobs import DocumentJob, button, shortcut
from ibp_desktop.ui.pages.reports.scope import scope_school, scope_text
from ibp_desktop.ui.theme import SectionBox, label

CHOOSE_SCHOOL = ("Kies eerst bovenin de school van de leerling: een leerlingnummer hoort bij één school.")


PORTABLE_FILTER = "JSON-bestand (*.json);;CSV-bestand voor Excel (*.csv)"


def pupil_text(pupil: PupilRow) -> str:
    parts = [f"groep {pupil.group_name}" if pupil.group_name else "",
             f"nr. {pupil.pupil_number}" if pupil.pupil_number else ""]
    extra = ", ".join(p for p in parts if p)
    return f"{pupil.display_name} ({extra})" if extra else pupil.display_name


class AccessTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.service = AccessRequestService(context.database, context.actor)
        self.pupils: dict[str, PupilRow] = {}
        self.chosen: PupilRow | None = None
        self._loaded_school: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(label(
            "Vraagt een ouder of leerling om inzage (AVG artikel 15)? Maak hier één PDF met alles wat het "
            "programma over de leerling bewaart: leerlinggegevens, toestemmingen, verzoeken en de incidenten "
            "waarin de leerling wordt genoemd. Voeg die bij uw antwoordbrief.", "muted"))
        box = SectionBox("Inzageverzoek: alles over één leerling")
        form = QFormLayout(box)
        self.number_field = QLineEdit()
        self.number_field.setPlaceholderText("zoals in de leerlingadministratie")
        self.number_field.setMaximumWidth(220)
        self.number_field.textEdited.connect(self._number_typed)
        self.number_field.returnPressed.connect(self.preview)
        form.addRow("Leerlingnummer:", self.number_field)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Typ een deel van de naam of groep en kies de leerling (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        completer.activated.connect(self._picked)
        self.search_field.setCompleter(completer)
        self.can_search = context.actor.can(Permission.VIEW_PUPILS)
        if self.can_search:
            form.addRow("Of zoek de leerling:", self.search_field)
        self.chosen_label = label("", "muted")
        self.chosen_label.hide()
        form.addRow(self.chosen_label)
        self.scope_label = label("", wrap=False)
        form.addRow("School:", self.scope_label)
        actions = QHBoxLayout()
        self.preview_button = button("Voorbeeld en afdrukken…", self.preview, "Afdrukvoorbeeld (Ctrl+P)")
        self.save_button = button("Opslaan als PDF…", self.save)
        self.portable_button = button(
            "Overdraagbaar bestand (JSON of CSV)…", self.save_portable,
            "Bij een verzoek om overdraagbaarheid (AVG artikel 20): dezelfde gegevens in een bestand dat "
            "een ander programma kan inlezen",
        )
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.portable_button)
        actions.addStretch(1)
        form.addRow(actions)
        self.job = DocumentJob(self)
        self.job.guard(self.preview_button, self.save_button, self.portable_button)
        form.addRow(self.job)
        layout.addWidget(box)
        layout.addWidget(label(
            "Het maken van dit overzicht wordt vastgelegd in het logboek (alleen om welke leerling het ging, "
            "niet de inhoud).", "muted"))
        layout.addStretch(1)
        shortcut(self, QKeySequence.StandardKey.Print, self.preview)
        shortcut(self, QKeySequence.StandardKey.Find, self._focus_search)
        context.school_changed.connect(lambda _id: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        school = scope_school(self.context)
        self.scope_label.setText(scope_text(self.context) if school is not None else CHOOSE_SCHOOL)
        if school != self._loaded_school:
            self._loaded_school = school
            self._set_chosen(None)
            self.pupils = {}
            self.names.setStringList([])
            if school is not None and self.can_search:
                service = PupilService(self.context.database, self.context.actor)
                today = self.context.today()
                ops.query(self, lambda: service.list_pupils(school, True, today=today), self._pupils_loaded,
                          on_refused=lambda _e: None, group=self.names, what="pupil names")

    def _focus_search(self) -> None:
        field = self.search_field if self.can_search else self.number_field
        field.setFocus()
        field.selectAll()

    def _pupils_loaded(self, pupils: list[PupilRow]) -> None:
        self.pupils = {pupil_text(p): p for p in sorted(pupils, key=lambda p: p.sort_key)}
        self.names.setStringList(list(self.pupils))

    def _picked(self, text: str) -> None:
        pupil = self.pupils.get(text)
        if pupil is not None:
            self._set_chosen(pupil)
            self.number_field.setText(pupil.pupil_number or "")

    def _number_typed(self, _text: str) -> None:
        self._set_chosen(None)

    def _set_chosen(self, pupil: PupilRow | None) -> None:
        self.chosen = pupil
        self.chosen_label.setText(f"Gekozen: {pupil_text(pupil)}" if pupil else "")
        self.chosen_label.setVisible(pupil is not None)

    def _maker(self, school: int, portable: str = "") -> Callable[[], bytes]:
        """The work for the background, with what the user chose read now, on the GUI thread.
        ``portable``: "" for the PDF, ".json" or ".csv" for the machine-readable file (AVG art. 20).
        Consent and requests stand as on the program's day (the context's moment), as on their pages."""
        chosen_id = self.chosen.id if self.chosen is not None else None
        number = self.number_field.text()
        service, now = self.service, self.context.now()

        def make() -> bytes:
            pupil_id = chosen_id if chosen_id is not None else service.pupil_id(school, number)
            if portable:
                return service.portable(pupil_id, as_csv=portable == ".csv", now=now)
            return service.pdf(pupil_id, now)

        return make

    def _ready(self) -> int | None:
        school = scope_school(self.context)
        if school is None:
            show_error(self, CHOOSE_SCHOOL, "Kies een school")
            return None
        if self.chosen is None and not self.number_field.text().strip():
            show_error(self, "Vul het leerlingnummer in, of zoek de leerling op naam.", "Welke leerling?")
            self.number_field.setFocus()
            return None
        return school

    def preview(self) -> None:
        school = self._ready()
        if school is not None:
            self.job.preview("Overzicht maken…", self._maker(school),
                             "Inzageverzoek: alles over één leerling")

    def save(self) -> None:
        school = self._ready()
        if school is not None:
            number = self.chosen.pupil_number if self.chosen else self.number_field.text().strip()
            name = f"Inzageverzoek leerling {number or 'zonder nummer'}.pdf"
            self.job.save("Overzicht maken…", self._maker(school), name)

    def save_portable(self) -> None:
        school = self._ready()
        if school is None:
            return
        number = self.chosen.pupil_number if self.chosen else self.number_field.text().strip()
        suggested = f"Overdraagbaarheid leerling {number or 'zonder nummer'}.json"
        from ibp_desktop.ui.save_as import ask_save

        target, chosen_filter = ask_save(self, suggested, PORTABLE_FILTER)
        if target is None:
            return
        if target.suffix.lower() not in (".json", ".csv"):
            target = target.with_suffix(".csv" if "csv" in chosen_filter.lower() else ".json")
        self.job.run("Bestand maken…", self._maker(school, target.suffix.lower()),
                     lambda data: self.job.write(target, data))
