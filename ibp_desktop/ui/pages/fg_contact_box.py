"""Beheer: the FG's contact details, which the letter to people after a breach must name (AVG art. 34(2))."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ibp_desktop.services.incidents.breach_letter import BreachLetterService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.theme import label


class FgContactRow(QWidget):
    def __init__(self, context: AppContext, can_edit: bool) -> None:
        super().__init__()
        self.context = context
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label("Contactgegevens FG:", wrap=False))
        self.field = QLineEdit()
        self.field.setPlaceholderText("Naam, e-mailadres en telefoonnummer van de FG")
        self.field.setAccessibleName("Contactgegevens van de FG")
        self.field.setToolTip("Staan in de brief aan ouders of medewerkers na een datalek (AVG artikel 34).")
        row.addWidget(self.field, 1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.status = label("", "muted", wrap=False)
        row.addWidget(self.status)
        for widget in (self.field, self.save_button):
            widget.setEnabled(can_edit)
        ops.query(self, self.service().fg_contact, self.field.setText, what="fg contact")

    def service(self) -> BreachLetterService:
        return BreachLetterService(self.context.database, self.context.actor)

    def save(self) -> None:
        text, service = self.field.text(), self.service()
        ops.mutate(self, ops.SETTINGS, lambda: service.set_fg_contact(text),
                   lambda _r: self.status.setText("Opgeslagen."), wait=[self.save_button], what="fg contact")
