"""Formulieren invoeren: type a few letters, Enter, J/N per purpose, Enter. Next form.

The school's pupils are loaded once in the background into a PupilIndex and searched in memory per
keystroke; saving runs in the background (it takes milliseconds) while the focus is already back in
the search field for the next form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import message_of
from ibp_desktop.ui.pages.consent.common import NO_SCHOOL, consent_service, shortcut
from ibp_desktop.ui.pages.consent.form_editor import ConsentFormEditor
from ibp_desktop.ui.texts import number
from ibp_desktop.ui.theme import label, make_primary

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import PupilConsentStatus, PupilHit, PupilIndex

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
INTRO = (
    "Typ een paar letters van de voor- of achternaam en kies de leerling met Enter. Vul per doel "
    "J (ja) of N (nee) in, zoals op het formulier staat. Enter slaat op, Esc maakt het formulier leeg."
)


class SearchField(QLineEdit):
    """Up/Down move through the matches below, Enter picks, Esc empties."""

    moved = Signal(int)
    picked = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moved.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picked.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


def hit_text(hit: PupilHit) -> str:
    group = f"groep {hit.group_name}" if hit.group_name else "geen groep"
    number_text = f" · nr. {hit.pupil_number}" if hit.pupil_number else ""
    return f"{hit.name} · {group} · {hit.date_of_birth:%d-%m-%Y}{number_text}"


class FastEntryTab(QWidget):
    saved = Signal(int)  # pupil id: other tabs may refresh

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.index: PupilIndex | None = None
        self.school_id: int | None = None
        self.saved_count = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(label(INTRO, "muted"))
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.no_school = label(NO_SCHOOL, "muted")
        self.no_school.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.no_school)
        self.stack.addWidget(self._work_area())
        self._refreshed = False
        self._form_number: int | None = None
        context.school_changed.connect(lambda _sid: self.refresh(force=True))

    def _work_area(self) -> QWidget:
        area = QWidget()
        row = QHBoxLayout(area)
        row.setContentsMargins(0, 6, 0, 0)
        row.setSpacing(18)
        left = QVBoxLayout()
        self.search = SearchField()
        self.search.setPlaceholderText("Zoek leerling: voornaam, achternaam of leerlingnummer")
        self.search.setClearButtonEnabled(True)
        big = QFont(self.search.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.search.setFont(big)
        self.search.textChanged.connect(self._search)
        shortcut(self, QKeySequence.StandardKey.Find, self.search.setFocus)
        self.search.moved.connect(self._move)
        self.search.picked.connect(self._pick_selected)
        left.addWidget(self.search)
        self.matches = QListWidget()
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.itemActivated.connect(lambda _item: self._pick_selected())
        self.matches.itemDoubleClicked.connect(lambda _item: self._pick_selected())
        left.addWidget(self.matches, 1)
        self.search_state = label("", "muted")
        left.addWidget(self.search_state)
        self.confirmation = label("", "confirmation")
        left.addWidget(self.confirmation)
        self.warning = label("", "error")
        self.warning.hide()
        left.addWidget(self.warning)
        self.counter = label("", "muted")
        left.addWidget(self.counter)
        row.addLayout(left, 2)

        right = QVBoxLayout()
        self.editor = ConsentFormEditor(self.context.today())
        self.editor.clear()
        self.editor.submit_requested.connect(self.save)
        self.editor.cancel_requested.connect(self.clear_form)
        right.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        clear = QPushButton("Leegmaken (Esc)")
        clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        clear.clicked.connect(self.clear_form)
        self.save_button = QPushButton("Opslaan (Enter)")
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.setDefault(True)
        make_primary(self.save_button)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(clear)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        right.addStretch(1)
        row.addLayout(right, 3)
        self._update_counter()
        return area

    # Loading ------------------------------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Load the pupils and the current form in the background; the old list stays usable meanwhile.

        Not while a form is being entered (unless the school changed): that form must stay as it is."""
        self._refreshed = True
        school_id = self.context.school_id
        if school_id is None:
            self.stack.setCurrentWidget(self.no_school)
            self.school_id, self.index = None, None
            return
        self.stack.setCurrentIndex(1)
        changed = school_id != self.school_id
        if ops.busy(self.search_state) or (self.editor.pupil_id is not None and not changed and not force):
            return
        if changed:
            self.index, self._form_number = None, None
            self.editor.clear()
            self.matches.clear()
            self.search_state.setText("Leerlingen laden…")
        self.school_id = school_id
        service = consent_service(self.context)
        ops.query(self, lambda: (service.pupil_index(school_id), service.current_form(school_id)),
                  lambda result: self._loaded(school_id, result), on_refused=self._load_failed,
                  group=self.search_state, what="consent pupil index")

    def _loaded(self, school_id: int, result: Any) -> None:
        if school_id != self.context.school_id:
            self.refresh(force=True)
            return
        self.index, form = result
        if form.number != self._form_number:
            self._form_number = form.number
            self.editor.set_purposes(form.purposes)
            self.editor.clear()
        self.search_state.setText(
            f"{number(len(self.index))} leerlingen · formulier versie {form.number} met "
            f"{len(form.purposes)} doelen"
        )
        if self.editor.pupil_id is None:
            self._search(self.search.text())

    def _load_failed(self, error: IbpError) -> None:
        self.search_state.setText(message_of(error))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._refreshed:
            self.refresh()
        if self.editor.pupil_id is None:
            self.search.setFocus()

    # Search and pick ----------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        self.matches.clear()
        if self.index is None:
            return
        for hit in self.index.search(text, limit=30):
            item = QListWidgetItem(hit_text(hit))
            item.setData(HIT_ROLE, hit)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)
        elif text.strip():
            self.matches.addItem("Geen leerling gevonden. Typ minder letters of een leerlingnummer.")

    def _move(self, step: int) -> None:
        if self.matches.count():
            self.matches.setCurrentRow(
                max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
            )

    def _pick_selected(self) -> None:
        item = self.matches.currentItem()
        hit = item.data(HIT_ROLE) if item is not None else None
        if hit is not None:
            self.pick(hit)

    def pick(self, hit: PupilHit) -> None:
        if ops.busy(self.editor):
            return
        self.editor.set_pupil(hit.id, hit.name, hit.group_name, hit.date_of_birth)
        self.editor.focus_first()
        service = consent_service(self.context)
        ops.query(self, lambda: (service.pupil_status(hit.id), service.history(hit.id)),
                  lambda result: self.editor.show_status(*result),
                  on_refused=lambda error: self.editor.set_notice(message_of(error)), group=ops.EVERY,
                  what="consent pupil status")

    # Save and clear -----------------------------------------------------------------------------

    def save(self) -> None:
        if ops.busy(self.editor):
            return
        problem = self.editor.check()
        if problem:
            self.editor.show_error(problem)
            if self.editor.pupil_id is None:
                self.search.setFocus()
            else:
                self.editor.focus_problem()
            return
        self.editor.clear_error()
        editor = self.editor
        pupil_id, name, summary = editor.pupil_id, editor.pupil_name, editor.summary()
        assert pupil_id is not None
        answers, given_by = editor.answers(), editor.given_by.text()
        relation, channel, given_on = editor.current_relation(), editor.current_channel(), editor.given_date()
        service = consent_service(self.context)
        self.search.clear()
        self.search.setFocus()
        ops.mutate(self, ops.CONSENT,
                   lambda: service.record_form(pupil_id, answers, given_by, relation, channel, given_on),
                   lambda status: self._saved(status, name, summary), on_refused=self._save_failed,
                   group=self.editor, what="consent form entry")

    def _saved(self, status: PupilConsentStatus, name: str, summary: str) -> None:
        self.saved_count += 1
        group_name = status.pupil.group_name
        where = f" (groep {group_name})" if group_name else ""
        self.confirmation.setText(f"Opgeslagen: {name}{where} – {summary}")
        warnings = [status.warning] if status.warning else []
        conflicts = [p.label for p in status.purposes if p.status.conflict]
        if conflicts:
            warnings.append(
                f"Let op: de ouders/verzorgers van {name} zijn het oneens over {', '.join(conflicts)}. "
                "Dan geldt nee; de school gebruikt geen beeld voor dat doel."
            )
        self.warning.setText(" ".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.editor.clear()
        self._update_counter()
        self.saved.emit(status.pupil.id)

    def _save_failed(self, error: IbpError) -> None:
        self.editor.show_error(f"Niet opgeslagen: {message_of(error)}")
        self.editor.focus_problem()

    def clear_form(self) -> None:
        self.editor.clear()
        self.search.clear()
        self.search.setFocus()

    def _update_counter(self) -> None:
        count = self.saved_count
        self.counter.setText(f"Deze sessie ingevoerd: {number(count)} formulier{'en' if count != 1 else ''}")
