"""Pick the pupil a request is about: type part of the name, group or pupil number and choose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ibp_desktop.core.roles import Permission
from ibp_desktop.services.pupils.register import PupilRow, PupilService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext

NO_PUPIL = "Geen leerling (het verzoek gaat niet over een leerling)"


def pupil_text(pupil: PupilRow) -> str:
    parts = [f"groep {pupil.group_name}" if pupil.group_name else "", pupil.pupil_number or ""]
    extra = ", ".join(p for p in parts if p)
    return f"{pupil.display_name} ({extra})" if extra else pupil.display_name


class PupilPicker(QComboBox):
    """An editable list of the school's enrolled pupils that filters as you type (anywhere in the text)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText("Typ een deel van de naam, de groep of het leerlingnummer")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.addItem(NO_PUPIL, None)
        self.loaded = False
        self._wanted: int | None = None
        self._school_id: int | None = None
        self.can_read = context.actor.can(Permission.VIEW_PUPILS)
        if not self.can_read:
            self.setEnabled(False)
            self.setToolTip("U mag de leerlingen van de school niet inzien.")

    def load(self, school_id: int, chosen: int | None = None) -> None:
        """(Re)fill with the pupils of this school; ``chosen``: the pupil to show as picked."""
        self._wanted = chosen
        if not self.can_read or school_id == self._school_id:
            self.set_pupil(chosen)
            return
        self._school_id = school_id
        service = PupilService(self.context.database, self.context.actor)
        today = self.context.today()
        ops.query(self, lambda: service.list_pupils(school_id, today=today), self._loaded,
                  on_refused=lambda _e: None, group=ops.EVERY, what="request pupil picker")

    def _loaded(self, pupils: list[PupilRow]) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(NO_PUPIL, None)
        for pupil in sorted(pupils, key=lambda p: p.sort_key):
            self.addItem(pupil_text(pupil), pupil.id)
        self.blockSignals(False)
        self.loaded = True
        self.set_pupil(self._wanted)

    def set_pupil(self, pupil_id: int | None) -> None:
        index = self.findData(pupil_id)
        self.setCurrentIndex(max(index, 0))

    def pupil_id(self) -> int | None:
        """The chosen pupil; raises ValueError when the typed text is not one of the pupils."""
        text = self.currentText().strip()
        if not text or text == NO_PUPIL:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            raise ValueError(text)
        value = self.itemData(index)
        return int(value) if value is not None else None
