"""Beheer: how long image consent lasts at a school (until withdrawn, or each school year)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from ibp_desktop.core.consent.rules import VALIDITY_LABELS, ConsentValidity
from ibp_desktop.services.consent.validity import ConsentValidityService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label


class ConsentValidityRow(QWidget):
    """One combo per school choice: the school in the top bar, or the only school."""

    def __init__(self, context: AppContext, can_edit: bool) -> None:
        super().__init__()
        self.context = context
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label("Toestemming beeldmateriaal:", wrap=False))
        self.choice = QComboBox()
        for validity, text in VALIDITY_LABELS.items():
            self.choice.addItem(text, validity)
        self.choice.setAccessibleName("Hoe lang een toestemming geldt")
        row.addWidget(self.choice, 1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.status = label("", "muted", wrap=False)
        row.addWidget(self.status)
        self.can_edit = can_edit
        context.school_changed.connect(lambda _id: self.load())
        self.load()

    def school(self) -> int | None:
        return self.context.school_id if self.context.school_id is not None else (
            self.context.schools[0].id if len(self.context.schools) == 1 else None
        )

    def service(self) -> ConsentValidityService:
        return ConsentValidityService(self.context.database, self.context.actor)

    def load(self) -> None:
        school = self.school()
        if school is None:
            self.status.setText("Kies eerst een school bovenin.")
            self.choice.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.status.setText("")
        service = self.service()
        ops.query(self, lambda: service.validity(school), self._loaded, what="consent validity", again=True)

    def _loaded(self, current: ConsentValidity) -> None:
        self.choice.setCurrentIndex(max(self.choice.findData(current), 0))
        self.choice.setEnabled(self.can_edit)
        self.save_button.setEnabled(self.can_edit)

    def save(self) -> None:
        school = self.school()
        if school is None:
            return
        chosen, service = ConsentValidity(self.choice.currentData()), self.service()
        ops.mutate(self, ops.CONSENT, lambda: service.set_validity(school, chosen),
                   lambda _r: self.status.setText("Opgeslagen."), wait=[self.save_button],
                   what="consent validity")
