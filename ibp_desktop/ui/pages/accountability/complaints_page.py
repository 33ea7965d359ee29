"""Klachten: complaints about the handling of personal data, with the answer deadline in words and
colour. The director registers and answers them; the FG (contact point), the security officer and the
board read them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ibp_desktop.core.accountability.complaints import (
    DEFAULT_TERM_WEEKS,
    OUTCOME_LABELS,
    ROLE_LABELS,
    ComplainantRole,
    ComplaintOutcome,
)
from ibp_desktop.core.accountability.records import ComplaintInput, ComplaintRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.widgets.detail_view import LEVEL_NAMES, DetailView, facts_html, section_html, text_html
from ibp_desktop.ui.widgets.documents import DocumentActions
from ibp_desktop.ui.widgets.evidence_box import EvidenceBox
from ibp_desktop.ui.widgets.fields import RadioChoice, date_edit, day_of, day_text, text_box
from ibp_desktop.ui.widgets.record_dialog import RecordDialog
from ibp_desktop.ui.widgets.register_page import RegisterPage, school_for_new
from ibp_desktop.ui.widgets.rows_model import Column

TITLE = "Klachten over persoonsgegevens"
INTRO = (
    "Klachten over hoe de school met persoonsgegevens omgaat. De FG is het aanspreekpunt. Antwoord "
    f"binnen de termijn van de klachtenregeling (standaard {DEFAULT_TERM_WEEKS} weken) en wijs de klager "
    "op de Autoriteit Persoonsgegevens."
)
CHOOSE = "Kies een klacht in de lijst om de gegevens en de termijn te zien."
COLUMN_SAMPLES = {
    "Nummer": "K2026-000",
    "School": "99ZZ",
    "Ontvangen": "00-00-2026",
    "Van": "Ouder/verzorger",
    "Onderwerp": "Foto op website zonder toestemming",
    "Uiterlijk": "00-00-2026",
    "Status": "Te laat (uiterlijk 00-00-2026)",
}


def _columns(several: bool) -> list[Column[ComplaintRow]]:
    columns: list[Column[ComplaintRow]] = [
        Column("Nummer", lambda r: r.number),
        Column("Ontvangen", lambda r: day_text(r.facts.received_on), sort_key=lambda r: r.facts.received_on),
        Column(
            "Status",
            lambda r: r.status.text,
            sort_key=lambda r: (r.status.answered, r.deadline),
            level=lambda r: LEVEL_NAMES[r.level],
        ),
        Column("Van", lambda r: r.role_label),
        Column("Onderwerp", lambda r: r.facts.subject, tooltip=lambda r: r.facts.subject),
        Column("Uiterlijk", lambda r: day_text(r.deadline), sort_key=lambda r: r.deadline),
    ]
    if several:
        columns.insert(1, Column("School", lambda r: r.brin))
    return columns


def complaint_html(row: ComplaintRow) -> str:
    f = row.facts
    links = ", ".join(
        p
        for p in (
            f"verzoek {row.request_number}" if row.request_number else "",
            f"incident {row.incident_number}" if row.incident_number else "",
        )
        if p
    )
    return "".join(
        [
            section_html(
                "Klacht",
                facts_html(
                    [
                        ("Ontvangen", day_text(f.received_on)),
                        (
                            "Van",
                            escape(
                                f"{row.role_label} ({f.complainant_name})"
                                if f.complainant_name
                                else row.role_label
                            ),
                        ),
                        ("Onderwerp", text_html(f.subject)),
                        ("Gekoppeld aan", escape(links)),
                        ("Behandelaar", escape(f.handler_name)),
                        ("Termijn", escape(f"{f.term_weeks} weken, uiterlijk {day_text(row.deadline)}")),
                    ]
                ),
            ),
            section_html(
                "Afhandeling",
                facts_html(
                    [
                        ("Uitkomst", escape(row.outcome_label or "Nog niet beantwoord")),
                        ("Toelichting", text_html(row.outcome_note)),
                        ("Beantwoord op", day_text(row.answered_on)),
                        ("Gewezen op de AP", ("Ja" if row.ap_told else "Nee") if row.answered_on else ""),
                    ]
                ),
            ),
        ]
    )


Choices = list[tuple[int, str]]  # (id, "2026-003 · Inzage") of the school's requests or incidents


def link_choices(context: AppContext, school_id: int) -> tuple[Choices, Choices]:
    """The requests and incidents a complaint can be about (runs in the background)."""
    from ibp_desktop.services.incidents.register import IncidentService
    from ibp_desktop.services.requests.register import RequestService

    actor = context.actor
    requests = RequestService(context.database, actor).list_requests(school_id=school_id)
    incidents = IncidentService(context.database, actor).list_incidents(school_id=school_id)
    return (
        [(r.id, f"{r.number} · {r.right_label} · ontvangen {day_text(r.received_on)}") for r in requests],
        [(i.id, f"{i.number} · {i.title}") for i in incidents],
    )


def _choice_box(choices: Choices, chosen: int | None, none_text: str) -> QComboBox:
    box = QComboBox()
    box.addItem(none_text, None)
    for key, text in choices:
        box.addItem(text, key)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    return box


class ComplaintDialog(RecordDialog):
    area = ops.COMPLAINTS

    def __init__(
        self,
        context: AppContext,
        school_id: int,
        row: ComplaintRow | None,
        choices: tuple[Choices, Choices] = ([], []),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Klacht registreren" if row is None else f"Klacht {row.number} wijzigen",
            "Leg de klacht vast op de dag dat die binnenkomt: de termijn begint dan. Een naam is "
            "niet nodig; de rol van de klager is genoeg.",
            "Registreren" if row is None else "Opslaan",
            parent,
            width=620,
        )
        self.context, self.school_id, self.row = context, school_id, row
        f = row.facts if row else ComplaintInput(context.today(), ComplainantRole.PARENT, "")
        self.received = date_edit(f.received_on)
        self.form.addRow("Ontvangen op:", self.received)
        self.role = RadioChoice([(t, r) for r, t in ROLE_LABELS.items()], f.complainant_role)
        self.form.addRow("Van:", self.role)
        self.name = QLineEdit(f.complainant_name)
        self.name.setPlaceholderText("Optioneel")
        self.form.addRow("Naam klager:", self.name)
        self.subject = text_box(f.subject, lines=3)
        self.form.addRow("Onderwerp:", self.subject)
        self.handler = QLineEdit(f.handler_name)
        self.form.addRow("Behandelaar:", self.handler)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 26)
        self.weeks.setValue(f.term_weeks)
        self.weeks.setSuffix(" weken")
        self.form.addRow("Termijn:", self.weeks)
        self.request = _choice_box(choices[0], f.request_id, "Geen verzoek")
        self.form.addRow("Over verzoek:", self.request)
        self.incident = _choice_box(choices[1], f.incident_id, "Geen incident")
        self.form.addRow("Over incident:", self.incident)

    def submit(self) -> None:
        facts = ComplaintInput(
            day_of(self.received),
            ComplainantRole(self.role.value()),
            self.subject.toPlainText(),
            self.name.text(),
            self.handler.text(),
            self.request.currentData(),
            self.incident.currentData(),
            self.weeks.value(),
        )
        service, today = ComplaintService(self.context.database, self.context.actor), self.context.today()
        if self.row is None:
            school_id = self.school_id
            self.save(lambda: service.register_complaint(school_id, facts, today))
        else:
            complaint_id, version = self.row.id, self.row.version
            self.save(lambda: service.update(complaint_id, version, facts, today))


class AnswerDialog(RecordDialog):
    area = ops.COMPLAINTS

    def __init__(self, context: AppContext, row: ComplaintRow, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Klacht {row.number} beantwoorden",
            "Leg de uitkomst vast en de datum van het antwoord aan de klager.",
            "Opslaan",
            parent,
            width=560,
        )
        self.context, self.row = context, row
        self.outcome = QComboBox()
        for outcome, text in OUTCOME_LABELS.items():
            self.outcome.addItem(text, outcome)
        self.form.addRow("Uitkomst:", self.outcome)
        self.note = text_box(row.outcome_note, lines=3)
        self.form.addRow("Toelichting:", self.note)
        self.answered = date_edit(context.today())
        self.form.addRow("Beantwoord op:", self.answered)
        self.ap_told = QCheckBox(
            "In het antwoord staat dat de klager naar de Autoriteit Persoonsgegevens kan"
        )
        self.form.addRow("AP:", self.ap_told)

    def submit(self) -> None:
        service, row = ComplaintService(self.context.database, self.context.actor), self.row
        outcome, note = ComplaintOutcome(self.outcome.currentData()), self.note.toPlainText()
        answered, told = day_of(self.answered), self.ap_told.isChecked()
        self.save(lambda: service.answer(row.id, row.version, outcome, note, answered, told))


class ComplaintsPage(RegisterPage[ComplaintRow]):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            TITLE,
            INTRO,
            _columns(len(context.schools) > 1),
            search_hint="Zoeken",
            empty_text="Nog geen klachten. Registreer een klacht zodra die binnenkomt.",
        )
        self.context = context
        self.can_manage = context.actor.can(Permission.MANAGE_COMPLAINTS)
        self.current: ComplaintRow | None = None
        self.choosing = object()  # ops group: one dialog opens at a time, apart from the table's load
        self.add_filter(
            "Status:",
            [("Alle klachten", None), ("Open", "open"), ("Beantwoord", "answered")],
            lambda r, wanted: r.status.answered == (wanted == "answered"),
        )
        if self.can_manage:
            self.add_new_action("Klacht registreren", self.open_new)
        self.documents = DocumentActions.for_school(
            self, context, "Register van klachten", "klachtenregister", self.service
        )
        self.row_buttons = self.add_row_buttons(
            [("Beantwoorden…", self.open_answer), ("Wijzigen…", self.open_edit)] if self.can_manage else []
        )
        self.pane = DetailView("Termijn")
        self.pane.clear(CHOOSE)
        self.detail_layout.addWidget(self.pane, 1)
        self.evidence = EvidenceBox(context, "complaint", self.can_manage)
        self.detail_layout.addWidget(self.evidence)
        self.size_columns(COLUMN_SAMPLES)
        self.splitter.setSizes([680, 440])
        self.sort_by("Ontvangen", Qt.SortOrder.DescendingOrder)
        self.load_and_follow(context, (ops.COMPLAINTS,))

    def service(self) -> ComplaintService:
        return ComplaintService(self.context.database, self.context.actor)

    def load_rows(self) -> list[ComplaintRow]:
        return self.service().list_complaints(self.context.school_id, today=self.context.today())

    def row_selected(self, row: ComplaintRow | None) -> None:
        self.current = row
        if row is None:
            self.pane.clear(CHOOSE)
            self.evidence.show_files(None, ())
        else:
            self.pane.show_record(
                row.id, f"Klacht {row.number}", row.status.text, LEVEL_NAMES[row.level], complaint_html(row)
            )
            self.evidence.owner_id = row.id
            self.evidence.reload()
        for text, button in self.row_buttons.items():
            button.setEnabled(row is not None and (text != "Beantwoorden…" or not row.status.answered))

    def open_new(self) -> None:
        if not self.can_manage:
            return
        choose = "Kies bovenaan eerst de school waarvoor u een klacht registreert."
        school_id = school_for_new(self, self.context, choose)
        if school_id is not None:
            self._open_with_choices(school_id, None)

    def open_edit(self) -> None:
        if self.can_manage and self.current is not None:
            self._open_with_choices(self.current.school_id, self.current)

    def _open_with_choices(self, school_id: int, row: ComplaintRow | None) -> None:
        context = self.context

        def opened(choices: tuple[Choices, Choices]) -> None:
            self.open_record_dialog(ComplaintDialog(context, school_id, row, choices, self))

        ops.query(self, lambda: link_choices(context, school_id), opened, what="complaint link choices",
                  group=self.choosing)

    def open_answer(self) -> None:
        self.open_dialog_for(self.can_manage, self.current, lambda row: AnswerDialog(self.context, row, self))
