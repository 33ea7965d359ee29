"""Melding aan de AP: a preliminary or final notification; a late first one asks for the reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.core.incidents.rules import (
    NotificationKind,
    format_moment,
    is_late,
    notification_deadline,
)
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.incidents.widgets import Choice, from_qdatetime, moment_edit, text_box
from ibp_desktop.ui.theme import label


class IncidentDialog(FormDialog):
    areas = (ops.INCIDENTS,)

    def __init__(self, context: AppContext, detail: IncidentDetail, title: str, intro: str, ok: str,
                 parent: QWidget | None) -> None:
        super().__init__(title, intro, ok, parent)
        self.setMinimumWidth(560)
        self.context = context
        self.detail = detail
        self.result_detail: IncidentDetail | None = None

    def service(self) -> IncidentService:
        return IncidentService(self.context.database, self.context.actor)

    def run(self, work: Callable[[IncidentService], IncidentDetail]) -> None:
        service = self.service()
        self.submit_in_background(lambda: work(service), self._saved, "Opslaan…")

    def _saved(self, detail: IncidentDetail) -> None:
        self.result_detail = detail
        self.done_ok()


class NotifyDialog(IncidentDialog):
    """A notification to the AP; the first one after the 72 hours asks for the reason of the delay."""

    def __init__(self, context: AppContext, detail: IncidentDetail, parent: QWidget | None = None) -> None:
        deadline = format_moment(notification_deadline(detail.facts.discovered_at))
        super().__init__(
            context, detail, f"Melding aan de AP – incident {detail.number}",
            f"Leg vast wanneer u het datalek bij de Autoriteit Persoonsgegevens heeft gemeld. Ontdekt op "
            f"{format_moment(detail.facts.discovered_at)}; melden uiterlijk op {deadline}. U mag eerst een "
            "voorlopige melding doen en later een definitieve.",
            "Melding vastleggen", parent,
        )
        self.kind = Choice(NotificationKind, horizontal=True)
        first = detail.notified_at is None
        self.kind.set_code(NotificationKind.PRELIMINARY if first else NotificationKind.FINAL)
        self.form.addRow("Soort melding:", self.kind)
        self.moment = moment_edit()
        self.form.addRow("Gemeld op:", self.moment)
        self.reference = QLineEdit(detail.ap_reference)
        self.reference.setPlaceholderText("Het meldnummer dat de AP geeft, bijvoorbeeld M2026-104233")
        self.form.addRow("Meldnummer AP:", self.reference)
        self.late_note = label("", "error")
        self.form.addRow("", self.late_note)
        self.late_reason = text_box(detail.late_reason, lines=3)
        self.late_caption = label("Reden van de vertraging:", wrap=False)
        self.form.addRow(self.late_caption, self.late_reason)
        self.moment.dateTimeChanged.connect(lambda _v: self._update_late())
        self._update_late()

    def late(self) -> bool:
        """Only the first notification counts for the 72 hours (AVG art. 33(1))."""
        at = from_qdatetime(self.moment.dateTime())
        return self.detail.notified_at is None and is_late(self.detail.facts.discovered_at, at)

    def _update_late(self) -> None:
        late = self.late()
        self.late_note.setText(
            "Deze melding is later dan 72 uur na de ontdekking. De AP wil weten waarom: vul de reden in."
            if late else ""
        )
        for widget in (self.late_note, self.late_caption, self.late_reason):
            widget.setVisible(late)

    def submit(self) -> None:
        reason = self.late_reason.toPlainText().strip()
        if self.late() and not reason:
            self.show_error("Vul de reden van de vertraging in. Zonder reden kan de late melding niet worden "
                            "vastgelegd.")
            self.late_reason.setFocus()
            return
        kind = self.kind.code() or NotificationKind.PRELIMINARY
        at, reference = from_qdatetime(self.moment.dateTime()), self.reference.text().strip()
        incident_id, version = self.detail.id, self.detail.version
        self.run(lambda s: s.record_notification(
            incident_id, version, kind, at, reference, reason if self.late() else ""))
