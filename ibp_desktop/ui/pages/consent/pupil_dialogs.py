"""Dialogs about one pupil: withdraw consent for a purpose, and enter a (correcting) form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ibp_desktop.core.consent.rules import CHANNEL_LABELS, RELATION_LABELS, Channel, Relation
from ibp_desktop.core.consent.school_year import sixteenth_birthday
from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog, message_of
from ibp_desktop.ui.pages.consent.common import consent_service, date_field, from_qdate
from ibp_desktop.ui.pages.consent.form_editor import ConsentFormEditor
from ibp_desktop.ui.theme import make_primary

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import DecisionRow, PupilConsentStatus
    from ibp_desktop.services.consent.forms import FormPurpose
    from ibp_desktop.ui.context import AppContext


def last_guardian(history: list[DecisionRow]) -> DecisionRow | None:
    rows = [row for row in history if row.relation is not Relation.PUPIL]
    return max(rows, key=lambda row: (row.given_on, row.id)) if rows else None


class WithdrawDialog(FormDialog):
    """Withdraw consent for one purpose: says exactly what happens, asks the follow-up; this is the ask."""

    areas = (ops.CONSENT,)


    def __init__(
        self,
        context: AppContext,
        status: PupilConsentStatus,
        history: list[DecisionRow],
        purpose_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Toestemming intrekken", "", "Toestemming intrekken", parent)
        self.context = context
        self.pupil_status = status
        today = context.today()
        self.purpose = QComboBox()
        for item in status.purposes:
            self.purpose.addItem(f"{item.label} (nu: {item.status.label.lower()})", item.purpose_id)
        wanted = (
            purpose_id
            if purpose_id is not None
            else next((p.purpose_id for p in status.purposes if p.allowed), None)
        )
        if wanted is not None:
            self.purpose.setCurrentIndex(max(0, self.purpose.findData(wanted)))
        self.given_by = QLineEdit()
        self.relation = QComboBox()
        for relation, text in RELATION_LABELS.items():
            self.relation.addItem(text, relation)
        self.channel = QComboBox()
        for channel, text in CHANNEL_LABELS.items():
            self.channel.addItem(text, channel)
        self.on = date_field(today, maximum=today)
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText("bijvoorbeeld: foto van website verwijderd")
        if today >= sixteenth_birthday(status.pupil.date_of_birth):
            self.given_by.setText(status.pupil.name)
            self.relation.setCurrentIndex(self.relation.findData(Relation.PUPIL))
        elif (last := last_guardian(history)) is not None:
            self.given_by.setText(last.given_by)
            self.relation.setCurrentIndex(self.relation.findData(last.relation))
        self.form.addRow("Doel:", self.purpose)
        self.form.addRow("Ingetrokken door:", self.given_by)
        self.form.addRow("Relatie:", self.relation)
        self.form.addRow("Hoe doorgegeven:", self.channel)
        self.form.addRow("Datum:", self.on)
        self.form.addRow("Wat is er gedaan:", self.follow_up)
        self.purpose.currentIndexChanged.connect(self._explain)
        self.on.dateChanged.connect(self._explain)
        self._explain()
        self.follow_up.setFocus()
        self.result_status: PupilConsentStatus | None = None

    def _explain(self) -> None:
        purpose = self.purpose.currentText().split(" (nu:")[0]
        self.intro.setText(
            f"U trekt de toestemming van {self.pupil_status.pupil.name} in voor '{purpose}'. Vanaf "
            f"{from_qdate(self.on.date()):%d-%m-%Y} geldt voor dit doel: nee. Wat al gepubliceerd is, "
            "haalt de school waar mogelijk weg; vul hieronder in wat er gedaan is. De intrekking komt in "
            "de geschiedenis en kan niet worden verwijderd. Eerder gebruik blijft toegestaan."
        )

    def submit(self) -> None:
        follow_up = self.follow_up.text().strip()
        if not follow_up:
            self.show_error("Vul in wat er gedaan is, bijvoorbeeld 'foto van website verwijderd'.")
            self.follow_up.setFocus()
            return
        service = consent_service(self.context)
        pupil_id, purpose_id = self.pupil_status.pupil.id, int(self.purpose.currentData())
        given_by = self.given_by.text()
        relation, channel = Relation(self.relation.currentData()), Channel(self.channel.currentData())
        on = from_qdate(self.on.date())
        self.submit_in_background(
            lambda: service.withdraw(pupil_id, purpose_id, given_by, relation, channel, on, follow_up),
            self._done,
            "Intrekking opslaan…",
        )

    def _done(self, status: PupilConsentStatus) -> None:
        self.result_status = status
        self.done_ok()


class FormEntryDialog(QDialog):
    """The fast-entry form for one pupil (a correction or a late form). Enter saves, Esc closes."""

    def __init__(
        self,
        context: AppContext,
        status: PupilConsentStatus,
        history: list[DecisionRow],
        purposes: tuple[FormPurpose, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Formulier invoeren – {status.pupil.name}")
        self.setMinimumWidth(640)
        self.context = context
        self.result_status: PupilConsentStatus | None = None
        layout = QVBoxLayout(self)
        self.editor = ConsentFormEditor(context.today())
        self.editor.set_purposes(purposes)
        pupil = status.pupil
        self.editor.set_pupil(pupil.id, pupil.name, pupil.group_name, pupil.date_of_birth)
        self.editor.show_status(status, history)
        self.editor.submit_requested.connect(self.save)
        self.editor.cancel_requested.connect(self.reject)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Opslaan (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        make_primary(self.ok_button)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editor.focus_first()

    def save(self) -> None:
        if ops.busy(self):
            return
        problem = self.editor.check()
        if problem:
            self.editor.show_error(problem)
            self.editor.focus_problem()
            return
        e = self.editor
        pupil_id = e.pupil_id
        assert pupil_id is not None
        args: tuple[Any, ...] = (
            pupil_id,
            e.answers(),
            e.given_by.text(),
            e.current_relation(),
            e.current_channel(),
            e.given_date(),
        )
        service = consent_service(self.context)
        ops.mutate(self, ops.CONSENT, lambda: service.record_form(*args), self._saved,
                   on_refused=self._failed, wait=[self.ok_button], what="consent form in dialog")

    def _saved(self, status: PupilConsentStatus) -> None:
        self.result_status = status
        self.accept()

    def _failed(self, error: IbpError) -> None:
        self.editor.show_error(f"Niet opgeslagen: {message_of(error)}")
