"""Dialogs of "Doelen en formulier": a purpose (new or changed) and saving a new form text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.consent.common import consent_service

if TYPE_CHECKING:
    from ibp_desktop.services.consent.forms import FormVersionInfo, PurposeInfo
    from ibp_desktop.ui.context import AppContext


class PurposeDialog(FormDialog):
    areas = (ops.CONSENT,)

    def __init__(
        self,
        context: AppContext,
        school_id: int,
        purpose: PurposeInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        intro = (
            "Een nieuw doel komt op een nieuwe versie van het formulier. Tot ouders/verzorgers ja zeggen, "
            "telt het doel als nee."
            if purpose is None
            else "Verandert u de naam of de uitleg, dan komt er een nieuwe versie van het formulier en "
            "moeten alle ouders/verzorgers voor dit doel opnieuw toestemming geven. Tot dan telt het als nee."
        )
        super().__init__(
            "Nieuw doel" if purpose is None else "Doel wijzigen",
            intro,
            "Toevoegen" if purpose is None else "Opslaan",
            parent,
        )
        self.context, self.school_id, self.purpose = context, school_id, purpose
        self.name = QLineEdit(purpose.label if purpose else "")
        self.name.setPlaceholderText("bijvoorbeeld: Jaarboek groep 8")
        self.description = QPlainTextEdit(purpose.description if purpose else "")
        self.description.setPlaceholderText("Wat ouders op het formulier lezen: waar en hoe de foto's komen.")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.form.addRow("Naam:", self.name)
        self.form.addRow("Uitleg:", self.description)
        self.result_form: FormVersionInfo | None = None

    def submit(self) -> None:
        service, school_id = consent_service(self.context), self.school_id
        name, description = self.name.text(), self.description.toPlainText()
        purpose = self.purpose
        if purpose is None:
            self.submit_in_background(lambda: service.add_purpose(school_id, name, description), self._done)
        else:
            self.submit_in_background(
                lambda: service.edit_purpose(
                    school_id,
                    purpose.id,
                    label=name,
                    description=description,
                    active=purpose.active,
                    expected_version=purpose.version,
                ),
                self._done,
            )

    def _done(self, form: FormVersionInfo) -> None:
        self.result_form = form
        self.done_ok()


class FormTextDialog(FormDialog):
    """Save a new form text: which purposes does it change (those must be asked again)?"""

    areas = (ops.CONSENT,)


    def __init__(
        self,
        context: AppContext,
        school_id: int,
        text: str,
        purposes: list[PurposeInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Nieuwe formuliertekst opslaan",
            "De nieuwe tekst komt op een nieuwe versie van het formulier. Verandert de tekst wat er met de "
            "foto's gebeurt bij een doel? Vink dat doel aan: daarvoor moeten ouders/verzorgers opnieuw "
            "toestemming geven. Alleen een taalfout verbeterd? Vink dan niets aan.",
            "Nieuwe versie opslaan",
            parent,
        )
        self.context, self.school_id, self.text = context, school_id, text
        self.choices = QListWidget()
        for purpose in purposes:
            if purpose.active:
                item = QListWidgetItem(purpose.label)
                item.setData(Qt.ItemDataRole.UserRole, purpose.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.choices.addItem(item)
        self.form.addRow("Opnieuw vragen voor:", self.choices)
        self.result_form: FormVersionInfo | None = None

    def chosen(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for index in range(self.choices.count())
            if (item := self.choices.item(index)).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        service, school_id, text, chosen = (
            consent_service(self.context),
            self.school_id,
            self.text,
            self.chosen(),
        )
        self.submit_in_background(
            lambda: service.set_form_text(school_id, text, ask_again=chosen), self._done
        )

    def _done(self, form: FormVersionInfo) -> None:
        self.result_form = form
        self.done_ok()
