"""The sections of the AP notification form (DOMAIN.md section 3), as pages of the assessment dialog.

Sections 0 and 2 hold the facts (``IncidentFacts``); sections 1 and 3-9 the ``ApForm``. Every field
the AP asks for is here, so the notification can later be typed straight from the incident report.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from ibp_desktop.core.incidents.breach_informing import (
    CHANNEL_LABELS,
    EXCEPTION_LABELS,
    InformChannel,
    InformException,
)
from ibp_desktop.core.incidents.records import ApForm, IncidentDetail, IncidentFacts
from ibp_desktop.core.incidents.rules import (
    LABELS,
    Consequence,
    DataKind,
    IncidentType,
    Nature,
    PeopleGroup,
    Protection,
    Severity,
    format_moment,
)
from ibp_desktop.ui.pages.incidents.widgets import (
    CheckGroup,
    Choice,
    OptionalMoment,
    OptionalNumber,
    from_qdatetime,
    moment_edit,
    text_box,
    to_qdatetime,
)
from ibp_desktop.ui.theme import label


def _page(title: str, explanation: str) -> tuple[QScrollArea, QFormLayout]:
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(4, 0, 12, 0)
    column.addWidget(label(title, "sectionTitle"))
    if explanation:
        column.addWidget(label(explanation, "muted"))
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    column.addLayout(form)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll, form


class ApFormSections:
    """Builds the section pages; ``pages`` is a list of (navigation text, page widget)."""

    def __init__(self) -> None:
        self.pages: list[tuple[str, QWidget]] = []
        self._section_0()
        self._section_1()
        self._section_2()
        self._section_3()
        self._section_4()
        self._section_5()
        self._section_6()
        self._section_7()
        self._section_8()
        self._section_9()

    def _add(self, nav: str, title: str, explanation: str = "") -> QFormLayout:
        page, form = _page(title, explanation)
        self.pages.append((nav, page))
        return form

    def _section_0(self) -> None:
        form = self._add("0  Melding", "0. Over de melding",
                         "Wat is er gebeurd, en wat is er al gemeld bij de Autoriteit Persoonsgegevens (AP).")
        self.about = label("")
        form.addRow(self.about)
        self.title_field = QLineEdit()
        self.title_field.setMaxLength(200)
        form.addRow("Korte titel:", self.title_field)
        self.kind = QComboBox()
        for code in IncidentType:
            self.kind.addItem(LABELS[code], code)
        form.addRow("Soort incident:", self.kind)
        self.description = text_box(lines=6)
        form.addRow("Wat is er gebeurd:", self.description)

    def _section_1(self) -> None:
        form = self._add("1  Contact", "1. Contactpersoon en andere organisaties",
                         "Wie kan de AP bellen met vragen, en was een verwerker (leverancier) betrokken?")
        self.contact_name = QLineEdit()
        form.addRow("Contactpersoon:", self.contact_name)
        self.contact_details = QLineEdit()
        self.contact_details.setPlaceholderText("E-mailadres en telefoonnummer")
        form.addRow("Bereikbaar via:", self.contact_details)
        self.processor_involved = QCheckBox("Er was een verwerker (leverancier) bij betrokken")
        form.addRow("", self.processor_involved)
        self.processor_name = QLineEdit()
        form.addRow("Naam verwerker:", self.processor_name)

    def _section_2(self) -> None:
        form = self._add("2  Tijdlijn", "2. Tijdlijn",
                         "De 72 uur om te melden tellen vanaf het moment van ontdekken.")
        self.discovered = moment_edit()
        form.addRow("Ontdekt op:", self.discovered)
        self.started = OptionalMoment("Bekend:")
        form.addRow("Begonnen op:", self.started)
        self.ended = OptionalMoment("Bekend:")
        form.addRow("Geëindigd op:", self.ended)
        self.ongoing = QCheckBox("Het incident is nog gaande")
        form.addRow("", self.ongoing)
        self.ongoing.toggled.connect(self._ongoing_toggled)

    def _ongoing_toggled(self, on: bool) -> None:
        if on:
            self.ended.set_value(None)

    def _section_3(self) -> None:
        form = self._add("3  Aard", "3. Aard van het incident", "Wat is er met de gegevens gebeurd? "
                         "Kies alles wat van toepassing is.")
        self.natures = CheckGroup(Nature)
        form.addRow(self.natures)

    def _section_4(self) -> None:
        form = self._add("4  Gegevens", "4. Soorten persoonsgegevens",
                         "Welke gegevens zijn gelekt? Bijzondere gegevens en het BSN wegen zwaar.")
        self.data_kinds = CheckGroup(DataKind)
        form.addRow(self.data_kinds)
        self.data_other = QLineEdit()
        form.addRow("Andere gegevens:", self.data_other)
        self.records_approx = OptionalNumber()
        form.addRow("Aantal records (ongeveer):", self.records_approx)

    def _section_5(self) -> None:
        form = self._add("5  Betrokkenen", "5. Betrokkenen", "Om wie gaat het, en om hoeveel mensen?")
        self.people_groups = CheckGroup(PeopleGroup)
        form.addRow(self.people_groups)
        self.people_other = QLineEdit()
        form.addRow("Andere groep:", self.people_other)
        self.people_min = OptionalNumber()
        form.addRow("Minimaal aantal:", self.people_min)
        self.people_max = OptionalNumber()
        form.addRow("Maximaal aantal:", self.people_max)

    def _section_6(self) -> None:
        form = self._add("6  Maatregelen vooraf", "6. Maatregelen vooraf",
                         "Waren de gegevens beschermd, bijvoorbeeld versleuteld, vóór het incident?")
        self.protection = Choice(Protection)
        form.addRow("Bescherming:", self.protection)
        self.protection_details = text_box(lines=3)
        form.addRow("Toelichting:", self.protection_details)

    def _section_7(self) -> None:
        form = self._add("7  Gevolgen", "7. Gevolgen voor de betrokkenen",
                         "Welke schade kunnen de betrokkenen oplopen, en hoe ernstig is die?")
        self.consequences = CheckGroup(Consequence)
        form.addRow(self.consequences)
        self.consequences_details = text_box(lines=3)
        form.addRow("Toelichting:", self.consequences_details)
        self.severity = Choice(Severity, horizontal=True)
        form.addRow("Ernst:", self.severity)

    def _section_8(self) -> None:
        form = self._add("8  Vervolg", "8. Vervolg",
                         "Zijn de betrokkenen geïnformeerd (hoe en wanneer, of waarom niet)? Welke "
                         "maatregelen heeft de school genomen?")
        self.subjects_informed_at = OptionalMoment("Ja, op:")
        form.addRow("Betrokkenen geïnformeerd:", self.subjects_informed_at)
        self.subjects_informed_channel = _combo(CHANNEL_LABELS, "Nog niet gekozen")
        form.addRow("Hoe:", self.subjects_informed_channel)
        self.subjects_informed_how = QLineEdit()
        self.subjects_informed_how.setPlaceholderText("Bijvoorbeeld: brief aan de ouders van groep 8")
        form.addRow("Aan wie:", self.subjects_informed_how)
        self.subjects_exception = _combo(EXCEPTION_LABELS, "Geen uitzondering")
        self.subjects_exception.setToolTip("AVG artikel 34 lid 3: wanneer de school de betrokkenen niet zelf "
                                           "hoeft te informeren")
        form.addRow("Uitzondering:", self.subjects_exception)
        self.subjects_not_informed_reason = text_box(lines=2)
        form.addRow("Niet geïnformeerd, omdat:", self.subjects_not_informed_reason)
        self.public_announcement = QLineEdit()
        form.addRow("Openbare mededeling:", self.public_announcement)
        self.measures_taken = text_box(lines=3)
        form.addRow("Genomen maatregelen:", self.measures_taken)
        self.cross_border = QCheckBox("Er zijn betrokkenen in andere EU-landen")
        form.addRow("", self.cross_border)
        self.cross_border_details = QLineEdit()
        form.addRow("Welke landen:", self.cross_border_details)

    def _section_9(self) -> None:
        form = self._add("9  Overig", "9. Overige informatie", "Wat de AP verder moet weten.")
        self.other_remarks = text_box(lines=6)
        form.addRow("Opmerkingen:", self.other_remarks)

    # Filling and reading ------------------------------------------------------------------------

    def fill(self, detail: IncidentDetail) -> None:
        facts, form = detail.facts, detail.form
        notes = [f"Incident <b>{escape(detail.number)}</b> van {escape(detail.school_name)}, gemeld op "
                 f"{format_moment(detail.reported_at)} door {escape(detail.reported_by)}."]
        if detail.preliminary_notified_at:
            notes.append(f"Voorlopige melding bij de AP: {format_moment(detail.preliminary_notified_at)}.")
        if detail.final_notified_at:
            notes.append(f"Definitieve melding bij de AP: {format_moment(detail.final_notified_at)}.")
        if detail.ap_reference:
            notes.append(f"Meldnummer AP: {escape(detail.ap_reference)}.")
        if detail.notified_at is None:
            notes.append("Nog niet gemeld bij de AP. Dat legt u vast met 'Melding aan AP…'.")
        self.about.setText("<br>".join(notes))
        self.title_field.setText(facts.title)
        self.kind.setCurrentIndex(max(self.kind.findData(facts.incident_type), 0))
        self.description.setPlainText(facts.description)
        self.discovered.setDateTime(to_qdatetime(facts.discovered_at))
        self.started.set_value(facts.started_at)
        self.ended.set_value(facts.ended_at)
        self.ongoing.setChecked(facts.ongoing)
        self.contact_name.setText(form.contact_name)
        self.contact_details.setText(form.contact_details)
        self.processor_involved.setChecked(form.processor_involved)
        self.processor_name.setText(form.processor_name)
        self.natures.set_codes(form.natures)
        self.data_kinds.set_codes(form.data_kinds)
        self.data_other.setText(form.data_other)
        self.records_approx.set_value(form.records_approx)
        self.people_groups.set_codes(form.people_groups)
        self.people_other.setText(form.people_other)
        self.people_min.set_value(form.people_min)
        self.people_max.set_value(form.people_max)
        self.protection.set_code(form.protection)
        self.protection_details.setPlainText(form.protection_details)
        self.consequences.set_codes(form.consequences)
        self.consequences_details.setPlainText(form.consequences_details)
        self.severity.set_code(form.severity)
        self.subjects_informed_at.set_value(form.subjects_informed_at)
        self.subjects_informed_how.setText(form.subjects_informed_how)
        _select(self.subjects_informed_channel, form.subjects_informed_channel)
        _select(self.subjects_exception, form.subjects_exception)
        self.subjects_not_informed_reason.setPlainText(form.subjects_not_informed_reason)
        self.public_announcement.setText(form.public_announcement)
        self.measures_taken.setPlainText(form.measures_taken)
        self.cross_border.setChecked(form.cross_border)
        self.cross_border_details.setText(form.cross_border_details)
        self.other_remarks.setPlainText(form.other_remarks)

    def facts(self) -> IncidentFacts:
        return IncidentFacts(
            title=self.title_field.text().strip(),
            description=self.description.toPlainText().strip(),
            incident_type=IncidentType(self.kind.currentData()),
            discovered_at=from_qdatetime(self.discovered.dateTime()),
            started_at=self.started.value(),
            ended_at=None if self.ongoing.isChecked() else self.ended.value(),
            ongoing=self.ongoing.isChecked(),
        )

    def form(self) -> ApForm:
        return ApForm(
            contact_name=self.contact_name.text().strip(),
            contact_details=self.contact_details.text().strip(),
            processor_involved=self.processor_involved.isChecked(),
            processor_name=self.processor_name.text().strip(),
            natures=self.natures.codes(),
            data_kinds=self.data_kinds.codes(),
            data_other=self.data_other.text().strip(),
            records_approx=self.records_approx.number(),
            people_groups=self.people_groups.codes(),
            people_other=self.people_other.text().strip(),
            people_min=self.people_min.number(),
            people_max=self.people_max.number(),
            protection=self.protection.code() or Protection.UNKNOWN,
            protection_details=self.protection_details.toPlainText().strip(),
            consequences=self.consequences.codes(),
            consequences_details=self.consequences_details.toPlainText().strip(),
            severity=self.severity.code() or Severity.UNKNOWN,
            subjects_informed_at=self.subjects_informed_at.value(),
            subjects_informed_how=self.subjects_informed_how.text().strip(),
            subjects_informed_channel=self.subjects_informed_channel.currentData(),
            subjects_exception=self.subjects_exception.currentData(),
            subjects_not_informed_reason=self.subjects_not_informed_reason.toPlainText().strip(),
            public_announcement=self.public_announcement.text().strip(),
            measures_taken=self.measures_taken.toPlainText().strip(),
            cross_border=self.cross_border.isChecked(),
            cross_border_details=self.cross_border_details.text().strip(),
            other_remarks=self.other_remarks.toPlainText().strip(),
        )


def _combo(labels: dict[InformChannel, str] | dict[InformException, str], empty: str) -> QComboBox:
    combo = QComboBox()
    # The art. 34(3) labels are long: let the field take the row's width, never widen the page.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    combo.addItem(empty, None)
    for code, text in labels.items():
        combo.addItem(text, code)
    return combo


def _select(combo: QComboBox, code: InformChannel | InformException | None) -> None:
    combo.setCurrentIndex(max(combo.findData(code), 0) if code is not None else 0)
