"""Beoordelen: the guided risk assessment and every field of the AP notification form, in one dialog.

Saves with the version the user saw; when someone else saved first, the incident is reloaded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QListWidget, QStackedWidget, QWidget

from ibp_desktop.core.errors import IbpError, StaleEditError
from ibp_desktop.core.incidents.records import IncidentDetail, IncidentFacts
from ibp_desktop.core.incidents.rules import LABELS
from ibp_desktop.services.incidents import mapping as incident_mapping
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog, message_of, show_info
from ibp_desktop.ui.pages.incidents.assess_form import ApFormSections
from ibp_desktop.ui.pages.incidents.risk_page import RiskPage
from ibp_desktop.ui.theme import NAVIGATION_SHEET

STALE_TEXT = "Iemand anders heeft dit incident intussen gewijzigd. Het incident wordt opnieuw geladen."
RISK_PAGE = 0


def _minute(moment: Any) -> Any:
    return None if moment is None else moment.replace(second=0, microsecond=0).timestamp()


def facts_changed(old: IncidentFacts, new: IncidentFacts) -> bool:
    """Compared the way the dialog shows them: whole minutes, whitespace of the title ignored."""
    return (
        " ".join(old.title.split()) != new.title
        or old.description.strip() != new.description
        or old.incident_type is not new.incident_type
        or old.ongoing != new.ongoing
        or any(_minute(getattr(old, f)) != _minute(getattr(new, f))
               for f in ("discovered_at", "started_at", "ended_at"))
    )


class AssessDialog(FormDialog):
    def __init__(self, context: AppContext, detail: IncidentDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Beoordelen – incident {detail.number}",
            "Beantwoord eerst de vragen van de risico-inschatting en leg het besluit vast. Vul het "
            "meldformulier van de AP aan zodra u meer weet; dat kan ook later.",
            "Besluit vastleggen",
            parent,
        )
        self.context = context
        self.detail = detail
        self.result_detail: IncidentDetail | None = None
        self.resize(1080, 700)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_SHEET)
        self.navigation.setAccessibleName("Onderdelen")
        self.navigation.setFixedWidth(225)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.risk = RiskPage()
        self.sections = ApFormSections()
        self.navigation.addItem("Risico-inschatting")
        self.stack.addWidget(self.risk)
        for text, page in self.sections.pages:
            self.navigation.addItem(text)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.form.addRow(body)
        self.save_form_button = self.buttons.addButton(
            "Alleen formulier opslaan", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_form_button.setToolTip("Bewaar de velden van het meldformulier zonder (nieuw) besluit.")
        self.save_form_button.clicked.connect(lambda: self.save(decide=False))
        self.risk.changed.connect(self.clear_error)
        self.fill(detail)
        self.navigation.setCurrentRow(RISK_PAGE)

    def fill(self, detail: IncidentDetail) -> None:
        self.detail = detail
        self.sections.fill(detail)
        self.risk.fill(detail)

    def set_busy(self, text: str | None) -> None:
        super().set_busy(text)
        if hasattr(self, "save_form_button"):
            self.save_form_button.setEnabled(text is None)

    def show_section(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def submit(self) -> None:  # Enter / "Besluit vastleggen"
        self.save(decide=True)

    def save(self, decide: bool) -> None:
        if self.busy:
            return
        self.clear_error()
        facts, form = self.sections.facts(), self.sections.form()
        try:
            if facts_changed(self.detail.facts, facts):
                facts = incident_mapping.check_facts(facts, datetime.now(UTC))
            incident_mapping.check_form(form)
        except IbpError as error:
            self.show_error(message_of(error))
            return
        answers, decision = self.risk.answers(), self.risk.decision.code()
        reasons, deviation = self.risk.reasons.toPlainText(), self.risk.deviation.toPlainText()
        if decide and decision is None:
            self.show_section(RISK_PAGE)
            self.show_error("Kies uw besluit op de pagina Risico-inschatting.")
            return
        if decide and self.risk.deviates() and not deviation.strip():
            assert decision is not None
            self.show_section(RISK_PAGE)
            proposed = LABELS[self.risk.proposal.decision]
            self.show_error(
                f"U kiest '{LABELS[decision]}', maar het voorstel is '{proposed}'. "
                "Schrijf op waarom u afwijkt."
            )
            self.risk.deviation.setFocus()
            return
        detail, service = self.detail, IncidentService(self.context.database, self.context.actor)
        saved: list[IncidentDetail] = []

        def work() -> IncidentDetail:
            version = detail.version
            if facts_changed(detail.facts, facts):
                saved.append(service.update_facts(detail.id, version, facts))
                version = saved[-1].version
            if decide:
                assert decision is not None
                return service.assess(detail.id, version, answers, decision, reasons, deviation, form)
            return service.update_form(detail.id, version, form)

        def refused(error: IbpError) -> None:
            if isinstance(error, StaleEditError):
                self.set_busy(None)
                show_info(self, STALE_TEXT, "Incident gewijzigd")
                self.reload()
            else:
                self.show_error(message_of(error))

        def ended() -> None:
            if saved and self.result_detail is None:
                self.detail = saved[-1]  # the facts were saved: the next try must use the new version
            if self.result_detail is None and not ops.busy(self):
                self.set_busy(None)

        self.set_busy("Opslaan…")
        ops.mutate(self, ops.INCIDENTS, work, self._saved, on_refused=refused, always=ended,
                   what="incident assess")

    def _saved(self, detail: IncidentDetail) -> None:
        self.result_detail = detail
        self.done_ok()

    def reload(self) -> None:
        incident_id = self.detail.id
        service = IncidentService(self.context.database, self.context.actor)
        self.set_busy("Incident opnieuw laden…")

        def loaded(detail: IncidentDetail) -> None:
            self.set_busy(None)
            self.fill(detail)

        ops.query(self, lambda: service.detail(incident_id), loaded,
                  on_refused=lambda e: self.show_error(message_of(e)), always=lambda: self.set_busy(None),
                  what="incident reload")
