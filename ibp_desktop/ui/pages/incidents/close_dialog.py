"""Afsluiten (with the evaluation) and a new timeline line: an action, or the FG's advice."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.incidents.notify_dialog import IncidentDialog
from ibp_desktop.ui.pages.incidents.widgets import text_box


class CloseDialog(IncidentDialog):
    """Afsluiten asks for the evaluation: what does the school change so it does not happen again?"""

    def __init__(self, context: AppContext, detail: IncidentDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            context, detail, f"Afsluiten – incident {detail.number}",
            "Het incident krijgt de status Afgehandeld. Schrijf eerst op wat de school ervan leert. De "
            "gegevens en de tijdlijn blijven bewaard; u kunt het incident later zo nodig heropenen.",
            "Afsluiten", parent,
        )
        self.evaluation = text_box(detail.evaluation, lines=5,
                                   placeholder="Bijvoorbeeld: nieuwsbrieven gaan voortaan via de ouder-app.")
        self.form.addRow("Wat veranderen we?", self.evaluation)

    def submit(self) -> None:
        text = self.evaluation.toPlainText().strip()
        if not text:
            self.show_error("Vul in wat de school verandert, zodat dit niet nog eens gebeurt. Dan kunt u "
                            "afsluiten.")
            self.evaluation.setFocus()
            return
        incident_id, version = self.detail.id, self.detail.version
        self.run(lambda s: s.close(incident_id, version, text))


class TimelineDialog(IncidentDialog):
    """One new line on the append-only timeline: an action of the security officer, or advice of the FG."""

    def __init__(self, context: AppContext, detail: IncidentDetail, advice: bool,
                 parent: QWidget | None = None) -> None:
        what = "Advies toevoegen" if advice else "Tijdlijn aanvullen"
        intro = ("Uw advies of opmerking komt in de tijdlijn, met uw naam en de tijd. De feiten van het "
                 "incident veranderen niet." if advice else
                 "Wat is er gedaan of besloten? De regel komt in de tijdlijn, met uw naam en de tijd. "
                 "Een regel in de tijdlijn kan niet meer worden gewijzigd.")
        super().__init__(context, detail, f"{what} – incident {detail.number}", intro, "Toevoegen", parent)
        self.advice = advice
        self.text = text_box(lines=5)
        self.form.addRow("Advies:" if advice else "Actie:", self.text)

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.show_error("Schrijf eerst iets op; een lege regel wordt niet bewaard.")
            return
        incident_id = self.detail.id
        if self.advice:
            self.run(lambda s: s.add_advice(incident_id, text))
        else:
            self.run(lambda s: s.add_timeline(incident_id, text))
