"""The detail of one request as text: the facts, the deadline (and extension), the answer and the FG's
remarks. Read-only; the page puts the buttons above it."""

from __future__ import annotations

from html import escape

from ibp_desktop.core import requests as rules
from ibp_desktop.core.incidents.rules import format_moment
from ibp_desktop.core.register_records import RequestDetail
from ibp_desktop.core.requests import RELATION_LABELS, Relation
from ibp_desktop.ui.widgets.detail_view import facts_html, section_html, text_html
from ibp_desktop.ui.widgets.fields import day_text


def _yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def status_sentence(detail: RequestDetail) -> str:
    """The status in words, with what it means: "Nog 5 dagen: beantwoorden uiterlijk 12-03-2026."."""
    row, status = detail.row, detail.row.status
    due = day_text(row.deadline)
    if status.answered:
        return f"{status.text}: beantwoord op {day_text(row.answered_on)} (uiterlijk was {due})."
    if status.overdue:
        return f"{status.text}: de termijn liep af op {due}. Beantwoord het verzoek zo snel mogelijk."
    if status.days_left == 0:
        return f"Vandaag is de laatste dag om te beantwoorden ({due})."
    return f"{status.text}: beantwoorden uiterlijk {due}."


def request_html(detail: RequestDetail) -> str:
    row, facts = detail.row, detail.facts
    relation = RELATION_LABELS[facts.relation]
    if facts.relation is Relation.OTHER and facts.relation_note:
        relation = f"{relation}: {facts.relation_note}"
    pupil = row.pupil_name
    if pupil and detail.pupil_number:
        pupil = f"{pupil} (leerlingnummer {detail.pupil_number})"
    authority = _yes_no(facts.authority_checked)
    if facts.authority_note:
        authority = f"{authority} – {facts.authority_note}"
    parts = [section_html("Het verzoek", facts_html([
        ("School", escape(f"{detail.school_name} ({row.brin})")),
        ("Ontvangen op", day_text(row.received_on)),
        ("Verzoeker", escape(row.requester_name)),
        ("Relatie", escape(relation)),
        ("Leerling", escape(pupil) or "Geen leerling"),
        ("Recht", escape(row.right_label)),
        ("Wat wordt gevraagd", text_html(facts.description)),
        ("Identiteit gecontroleerd", escape(facts.id_check)),
        ("Gezag gecontroleerd", escape(authority)),
        ("FG geraadpleegd", _yes_no(row.fg_consulted)),
    ]))]
    first = rules.deadline(row.received_on)
    note = f" ({rules.deadline_note(first)})" if first != detail.original_deadline else ""
    term = [("Eerste termijn", day_text(detail.original_deadline) + escape(note))]
    if row.extended:
        term += [
            ("Verlengd tot", escape(row.deadline_text)),
            ("Reden verlenging", text_html(detail.extension_reason)),
            ("Verzoeker geïnformeerd op", day_text(detail.extension_informed_on)),
        ]
    elif detail.can_extend:
        last_day = day_text(detail.original_deadline)
        term.append(("Verlengen", f"mogelijk als de verzoeker het uiterlijk {last_day} hoort"))
    parts.append(section_html("Termijn", facts_html(term)))
    if row.answered_on is not None:
        parts.append(section_html("Antwoord", facts_html([
            ("Uitkomst", f"<b>{escape(row.outcome_label)}</b>"),
            ("Beantwoord op", day_text(row.answered_on)),
            ("Redenen", text_html(detail.outcome_reasons)),
            ("Afgehandeld door", escape(row.handled_by)),
        ])))
    parts.append("<h3>Opmerkingen van de FG</h3>")
    if not detail.remarks:
        parts.append("<p style='color:#5b6770'>Nog geen opmerkingen.</p>")
    for remark in detail.remarks:
        parts.append(
            f"<p style='margin:0 0 8px 0'><span style='color:#5b6770'>{format_moment(remark.at)} · "
            f"{escape(remark.author)}</span><br>{text_html(remark.text)}</p>"
        )
    return "".join(parts)
