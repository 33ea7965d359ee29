"""The dialog for one processing activity: what, why and on what basis; whose data and which; who
receives it; how long it is kept and how it is protected. Three tabs keep it on a 1366x768 screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QWidget,
)

from ibp_desktop.core.accountability.processing import (
    DPIA_NEED_LABELS,
    LEGAL_BASIS_LABELS,
    TRANSFER_LABELS,
    DpiaNeed,
    LegalBasis,
    Transfer,
)
from ibp_desktop.core.accountability.records import ActivityInput, ActivityRow, LinkedName
from ibp_desktop.core.roles import ROLE_LABELS, Role
from ibp_desktop.services.accountability.processing import LinkOptions, ProcessingService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.fields import OptionalDate, RadioChoice, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog

BASIS_HINT = (
    "Een openbare school voert haar taken uit als publieke taak (art. 6 lid 1e); gerechtvaardigd "
    "belang kan zij daarvoor niet gebruiken. Een bijzondere school mag dat wel waar het past."
)


def _combo(options: Mapping[Any, str], value: object) -> QComboBox:
    box = QComboBox()
    for key, text in options.items():
        box.addItem(text, key)
    box.setCurrentIndex(max(box.findData(value), 0))
    return box


def _checklist(options: tuple[LinkedName, ...], chosen: set[str], name: str) -> QListWidget:
    box = QListWidget()
    box.setAccessibleName(name)
    for option in options:
        item = QListWidgetItem(f"{option.label} ({option.detail})" if option.detail else option.label)
        item.setData(Qt.ItemDataRole.UserRole, option.code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if option.code in chosen else Qt.CheckState.Unchecked)
        box.addItem(item)
    return box


def checked_codes(box: QListWidget) -> tuple[str, ...]:
    return tuple(
        str(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    )


class ActivityDialog(RecordDialog):
    area = ops.PROCESSING

    def __init__(
        self,
        context: AppContext,
        school_id: int,
        options: LinkOptions,
        row: ActivityRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Verwerking toevoegen" if row is None else f"Verwerking {row.name} wijzigen",
            "Beschrijf wat de school met deze gegevens doet. Dit is wat de AP of een auditor als "
            "eerste vraagt.",
            "Toevoegen" if row is None else "Opslaan",
            parent,
            width=760,
        )
        self.context, self.school_id, self.row = context, school_id, row
        facts = row.facts if row else ActivityInput("", "", LegalBasis.PUBLIC_TASK, Role.DIRECTOR)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._what(facts), "Wat en waarom")
        self.tabs.addTab(self._whom(facts, options), "Gegevens en ontvangers")
        self.tabs.addTab(self._keep(facts, options), "Bewaren en beveiligen")
        self.form.addRow(self.tabs)

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return page, form

    def _what(self, facts: ActivityInput) -> QWidget:
        page, form = self._page()
        self.name = QLineEdit(facts.name)
        self.name.setPlaceholderText("Bijvoorbeeld: Schoolreis en kamp")
        form.addRow("Naam:", self.name)
        self.purpose = text_box(
            facts.purpose, lines=3, placeholder="Waarom verwerkt de school deze gegevens?"
        )
        form.addRow("Doel:", self.purpose)
        self.basis = _combo(LEGAL_BASIS_LABELS, facts.legal_basis)
        self.basis.setToolTip(BASIS_HINT)
        form.addRow("Grondslag:", self.basis)
        self.basis_note = text_box(
            facts.basis_note, lines=2, placeholder="Welke wet of taak, bijvoorbeeld WPO art. 8"
        )
        form.addRow("Toelichting:", self.basis_note)
        self.owner = _combo(ROLE_LABELS, facts.owner_role)
        form.addRow("Eigenaar:", self.owner)
        self.dpia = _combo(DPIA_NEED_LABELS, facts.dpia_needed)
        self.dpia.setToolTip("Doe een voortoets op de pagina DPIA's; die vult dit zelf in.")
        form.addRow("DPIA:", self.dpia)
        self.reviewed = OptionalDate("Gecontroleerd op", facts.last_reviewed_on, self.context.today())
        form.addRow("Laatst gecontroleerd:", self.reviewed)
        return page

    def _whom(self, facts: ActivityInput, options: LinkOptions) -> QWidget:
        page, form = self._page()
        self.subjects = QLineEdit(facts.data_subjects)
        self.subjects.setPlaceholderText("Bijvoorbeeld: leerlingen, ouders/verzorgers")
        form.addRow("Betrokkenen:", self.subjects)
        self.categories = text_box(facts.data_categories, lines=2)
        form.addRow("Soorten gegevens:", self.categories)
        self.special = QLineEdit(facts.special_categories)
        self.special.setPlaceholderText("Bijvoorbeeld: gezondheidsgegevens (leeg: geen)")
        form.addRow("Bijzondere gegevens:", self.special)
        self.recipients = QLineEdit(facts.recipients)
        form.addRow("Ontvangers:", self.recipients)
        chosen = {str(i) for i in facts.supplier_ids}
        self.suppliers = _checklist(options.suppliers, chosen, "Verwerkers")
        self.suppliers.setMaximumHeight(110)
        form.addRow("Verwerkers:", self.suppliers)
        self.transfer = RadioChoice([(TRANSFER_LABELS[t], t) for t in Transfer], facts.outside_eea)
        form.addRow("Buiten de EER:", self.transfer)
        self.transfer_note = QLineEdit(facts.transfer_note)
        self.transfer_note.setPlaceholderText(
            "Welk land, en op welke grond (bijvoorbeeld modelcontractbepalingen)"
        )
        form.addRow("Toelichting:", self.transfer_note)
        return page

    def _keep(self, facts: ActivityInput, options: LinkOptions) -> QWidget:
        page, form = self._page()
        self.retention = _checklist(options.retention, set(facts.retention_codes), "Bewaartermijnen")
        self.retention.setMaximumHeight(130)
        form.addRow("Bewaartermijnen:", self.retention)
        self.consent = _checklist(options.consent, set(facts.consent_codes), "Toestemmingsdoelen")
        self.consent.setMaximumHeight(110)
        form.addRow("Toestemmingsdoelen:", self.consent)
        self.security = text_box(facts.security_measures, lines=3)
        form.addRow("Beveiliging:", self.security)
        return page

    def facts(self) -> ActivityInput:
        base = self.row.facts if self.row else ActivityInput("", "", LegalBasis.PUBLIC_TASK, Role.DIRECTOR)
        return replace(
            base,
            name=self.name.text(),
            purpose=self.purpose.toPlainText(),
            legal_basis=LegalBasis(self.basis.currentData()),
            basis_note=self.basis_note.toPlainText(),
            owner_role=Role(self.owner.currentData()),
            dpia_needed=DpiaNeed(self.dpia.currentData()),
            last_reviewed_on=self.reviewed.value(),
            data_subjects=self.subjects.text(),
            data_categories=self.categories.toPlainText(),
            special_categories=self.special.text(),
            recipients=self.recipients.text(),
            supplier_ids=frozenset(int(c) for c in checked_codes(self.suppliers)),
            outside_eea=Transfer(self.transfer.value()),
            transfer_note=self.transfer_note.text(),
            retention_codes=checked_codes(self.retention),
            consent_codes=checked_codes(self.consent),
            security_measures=self.security.toPlainText(),
        )

    def submit(self) -> None:
        facts = self.facts()
        service = ProcessingService(self.context.database, self.context.actor)
        today = self.context.today()  # the saved activity's status: of the page's day
        if self.row is None:
            school_id = self.school_id
            self.save(lambda: service.add(school_id, facts, today))
        else:
            activity_id, version = self.row.id, self.row.version
            self.save(lambda: service.update(activity_id, version, facts, today))
