"""One paper form on screen: a yes/no control per purpose and who gave it, how and when.

Keyboard only: J, Y or 1 = ja and N or 0 = nee set the focused purpose and move to the next; Space
toggles; after the last purpose the focus goes to "Ingevuld door". Enter saves, Esc clears (the
owner connects ``submit_requested`` and ``cancel_requested``). Used by fast entry and for corrections.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.consent.rules import CHANNEL_LABELS, RELATION_LABELS, Channel, Relation, Tone
from ibp_desktop.core.consent.school_year import sixteenth_birthday
from ibp_desktop.ui.pages.consent.common import date_field, from_qdate, shortcut, tone_badge
from ibp_desktop.ui.theme import BOXES, label, paint_box

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import DecisionRow, PupilConsentStatus
    from ibp_desktop.services.consent.forms import FormPurpose

_YES_KEYS = {Qt.Key.Key_J, Qt.Key.Key_Y, Qt.Key.Key_1}
_NO_KEYS = {Qt.Key.Key_N, Qt.Key.Key_0}


class AnswerToggle(QFrame):
    """Ja / nee for one purpose; shows the answer in words and colour, and the status until now."""

    answered = Signal()  # a J/N key set the answer: the editor moves on

    def __init__(self, purpose: FormPurpose, number: int) -> None:
        super().__init__()
        self.purpose = purpose
        self.value: bool | None = None
        self.setObjectName("answerToggle")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(purpose.label)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 8, 3)
        title = label(f"{number}. {purpose.label}", wrap=False)
        title.setToolTip(purpose.description)
        row.addWidget(title, 1)
        self.current = label("", "muted", wrap=False)
        row.addWidget(self.current)
        self.yes_button = QPushButton("Ja")
        self.no_button = QPushButton("Nee")
        for button, value in ((self.yes_button, True), (self.no_button, False)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedWidth(54)
            button.clicked.connect(lambda _=False, v=value: self.set_value(v))
            row.addWidget(button)
        self.state = label("", wrap=False)
        self.state.setMinimumWidth(70)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.state)
        self.set_value(None)

    def set_value(self, value: bool | None) -> None:
        self.value = value
        if value is None:
            self.state.setText("leeg")
            tone_badge(self.state, Tone.GREY)
        else:
            self.state.setText("JA" if value else "NEE")
            tone_badge(self.state, Tone.GREEN if value else Tone.RED)

    def set_current(self, text: str) -> None:
        self.current.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _YES_KEYS or key in _NO_KEYS:
            self.set_value(key in _YES_KEYS)
            self.answered.emit()
        elif key == Qt.Key.Key_Space:
            self.set_value(not self.value if self.value is not None else True)
        elif key == Qt.Key.Key_Down:
            self.focusNextChild()
        elif key == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)  # also repaints: the box shows where the keys go
        self.setToolTip("J = ja, N = nee, spatie = wisselen")

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_box(self, BOXES["answerToggleFocus" if self.hasFocus() else "answerToggle"])


class ConsentFormEditor(QWidget):
    submit_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.toggles: list[AnswerToggle] = []
        self.pupil_id: int | None = None
        self.pupil_name = ""
        self.date_of_birth: date | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = label("", "sectionTitle")
        layout.addWidget(self.heading)
        self.notice = label("", "error")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.answers_box = QVBoxLayout()
        self.answers_box.setSpacing(3)
        layout.addLayout(self.answers_box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.given_by = QLineEdit()
        self.given_by.setPlaceholderText("naam van de ouder/verzorger")
        self.relation = QComboBox()
        for relation, text in RELATION_LABELS.items():
            self.relation.addItem(text, relation)
        self.channel = QComboBox()
        for channel, text in CHANNEL_LABELS.items():
            self.channel.addItem(text, channel)
        self.given_on = date_field(today, maximum=today)
        details = QHBoxLayout()
        details.addWidget(self.relation)
        details.addWidget(label("via", wrap=False))
        details.addWidget(self.channel)
        details.addWidget(label("op", wrap=False))
        details.addWidget(self.given_on)
        details.addStretch(1)
        form.addRow("Ingevuld door:", self.given_by)
        form.addRow("Relatie:", details)
        layout.addLayout(form)
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        shortcut(self, "Return", self.submit_requested.emit)
        shortcut(self, "Enter", self.submit_requested.emit)
        shortcut(self, "Escape", self.cancel_requested.emit)

    # Purposes and pupil -------------------------------------------------------------------------

    def set_purposes(self, purposes: Sequence[FormPurpose]) -> None:
        for toggle in self.toggles:
            self.answers_box.removeWidget(toggle)
            toggle.deleteLater()
        self.toggles = []
        previous: QWidget | None = None
        for number, purpose in enumerate(purposes, start=1):
            toggle = AnswerToggle(purpose, number)
            toggle.answered.connect(lambda t=toggle: self._advance(t))
            self.answers_box.addWidget(toggle)
            if previous is not None:
                QWidget.setTabOrder(previous, toggle)
            previous = toggle
            self.toggles.append(toggle)
        if previous is not None:
            QWidget.setTabOrder(previous, self.given_by)
        QWidget.setTabOrder(self.given_by, self.relation)
        QWidget.setTabOrder(self.relation, self.channel)
        QWidget.setTabOrder(self.channel, self.given_on)

    def set_pupil(self, pupil_id: int, name: str, group_name: str, date_of_birth: date) -> None:
        self.pupil_id, self.pupil_name, self.date_of_birth = pupil_id, name, date_of_birth
        group = f"groep {group_name}" if group_name else "geen groep"
        self.heading.setText(f"{name} ({group}, geboren {date_of_birth:%d-%m-%Y})")
        for toggle in self.toggles:
            toggle.set_value(None)
            toggle.set_current("")
        self.given_by.clear()
        self.set_notice("")
        self.clear_error()
        if self.pupil_decides():
            self._set_relation(Relation.PUPIL)
            self.given_by.setText(name)
        elif self.current_relation() is Relation.PUPIL:
            self._set_relation(Relation.GUARDIAN_1)

    def pupil_decides(self) -> bool:
        return self.date_of_birth is not None and self.given_date() >= sixteenth_birthday(self.date_of_birth)

    def show_status(self, status: PupilConsentStatus, history: Sequence[DecisionRow]) -> None:
        """The pupil's status until now beside each purpose, and who answered last (prefill)."""
        if status.pupil.id != self.pupil_id:
            return
        for toggle in self.toggles:
            found = next((p for p in status.purposes if p.purpose_id == toggle.purpose.purpose_id), None)
            toggle.set_current(f"nu: {found.status.label.lower()}" if found else "")
        notes = [status.warning] if status.warning else []
        if status.conflict:
            notes.append("Let op: ouders/verzorgers zijn het nu oneens over een doel; dan geldt nee.")
        self.set_notice(" ".join(notes))
        if self.pupil_decides() or self.given_by.text().strip():
            return
        guardians = [row for row in history if row.relation is not Relation.PUPIL]
        if guardians:
            last = max(guardians, key=lambda row: (row.given_on, row.id))
            self.given_by.setText(last.given_by)
            self._set_relation(last.relation)

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # Reading and clearing -----------------------------------------------------------------------

    def answers(self) -> dict[int, bool]:
        return {t.purpose.purpose_id: t.value for t in self.toggles if t.value is not None}

    def summary(self) -> str:
        values = [t.value for t in self.toggles]
        parts = [f"{values.count(True)} × ja", f"{values.count(False)} × nee"]
        if None in values:
            parts.append(f"{values.count(None)} × leeg (telt als nee)")
        return ", ".join(parts)

    def current_relation(self) -> Relation:
        return Relation(self.relation.currentData())

    def current_channel(self) -> Channel:
        return Channel(self.channel.currentData())

    def given_date(self) -> date:
        return from_qdate(self.given_on.date())

    def check(self) -> str:
        """A Dutch problem to fix before saving, or empty."""
        if self.pupil_id is None:
            return "Kies eerst een leerling."
        if not self.answers():
            return "Er is nog geen enkel doel ingevuld. Kies per doel J (ja) of N (nee)."
        if not self.given_by.text().strip():
            return "Vul in wie het formulier heeft ingevuld (naam van de ouder/verzorger)."
        return ""

    def clear(self) -> None:
        """Empty the form for the next pupil; relation, channel and date stay for the batch."""
        self.pupil_id, self.pupil_name, self.date_of_birth = None, "", None
        self.heading.setText("Nog geen leerling gekozen")
        for toggle in self.toggles:
            toggle.set_value(None)
            toggle.set_current("")
        self.given_by.clear()
        self.set_notice("")
        self.clear_error()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def focus_first(self) -> None:
        if self.toggles:
            self.toggles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_problem(self) -> None:
        if self.answers() and not self.given_by.text().strip():
            self.given_by.setFocus()
        else:
            empty = next((t for t in self.toggles if t.value is None), None)
            (empty or self.given_by).setFocus()

    # Internals ----------------------------------------------------------------------------------

    def _set_relation(self, relation: Relation) -> None:
        self.relation.setCurrentIndex(self.relation.findData(relation))

    def _advance(self, toggle: AnswerToggle) -> None:
        index = self.toggles.index(toggle)
        if index + 1 < len(self.toggles):
            self.toggles[index + 1].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.given_by.setFocus(Qt.FocusReason.TabFocusReason)
            self.given_by.selectAll()
