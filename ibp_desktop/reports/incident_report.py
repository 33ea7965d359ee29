"""The incident report: one incident, in the order of the AP notification form (sections 0-9), then the
assessment, the evaluation and the timeline. The notification can be typed straight from it."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.incidents.breach_informing import exception_text, how_text
from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.core.incidents.rules import LABELS, format_moment, labels, notification_deadline
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

Pairs = list[tuple[str, str]]
LABEL_WIDTH = 55 * mm
VALUE_WIDTH = 119 * mm


def _yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", ".")


def _or_dash(text: str) -> str:
    return text.strip() or "-"


def section_0(d: IncidentDetail) -> Pairs:
    if d.preliminary_notified_at and d.final_notified_at:
        kind = "Vervolgmelding (eerst voorlopig, daarna definitief)"
    elif d.preliminary_notified_at:
        kind = "Nieuwe melding, voorlopig (een vervolgmelding volgt)"
    elif d.final_notified_at:
        kind = "Nieuwe melding, definitief"
    else:
        kind = "Nog niet gemeld bij de AP"
    return [
        ("Soort melding", kind),
        ("Voorlopige melding gedaan op", format_moment(d.preliminary_notified_at)),
        ("Definitieve melding gedaan op", format_moment(d.final_notified_at)),
        ("Meldnummer van de AP", d.ap_reference),
    ]


def section_1(d: IncidentDetail) -> Pairs:
    f = d.form
    return [
        ("Organisatie", f"{d.school_name} (BRIN {d.brin})"),
        ("Contactpersoon", f.contact_name),
        ("Contactgegevens", f.contact_details),
        ("Verwerker betrokken", _yes_no(f.processor_involved)),
        ("Naam verwerker", f.processor_name),
    ]


def section_2(d: IncidentDetail) -> Pairs:
    facts = d.facts
    return [
        ("Begonnen op", format_moment(facts.started_at) or "Onbekend"),
        ("Geëindigd op", "Nog gaande" if facts.ongoing else format_moment(facts.ended_at) or "Onbekend"),
        ("Ontdekt op", format_moment(facts.discovered_at)),
        ("Intern gemeld op", f"{format_moment(d.reported_at)} door {d.reported_by}"),
        ("Uiterlijk melden bij de AP", format_moment(notification_deadline(facts.discovered_at))),
        ("Stand van de 72 uur", d.clock.text),
        ("Reden van te late melding", d.late_reason),
    ]


def section_3(d: IncidentDetail) -> Pairs:
    return [
        ("Soort incident", d.type_label),
        ("Samenvatting", d.facts.title),
        ("Wat is er gebeurd", d.facts.description),
        ("Wat is er met de gegevens gebeurd", labels(d.form.natures)),
    ]


def section_4(d: IncidentDetail) -> Pairs:
    return [
        ("Soort persoonsgegevens", labels(d.form.data_kinds)),
        ("Andere gegevens", d.form.data_other),
        ("Aantal records (ongeveer)", _number(d.form.records_approx)),
    ]


def section_5(d: IncidentDetail) -> Pairs:
    return [
        ("Groepen betrokkenen", labels(d.form.people_groups)),
        ("Andere groepen", d.form.people_other),
        ("Minimum aantal betrokkenen", _number(d.form.people_min)),
        ("Maximum aantal betrokkenen", _number(d.form.people_max)),
    ]


def section_6(d: IncidentDetail) -> Pairs:
    return [
        ("Versleuteld of gehasht", LABELS[d.form.protection]),
        ("Toelichting", d.form.protection_details),
    ]


def section_7(d: IncidentDetail) -> Pairs:
    return [
        ("Mogelijke gevolgen", labels(d.form.consequences)),
        ("Toelichting", d.form.consequences_details),
        ("Ernst van de gevolgen", LABELS[d.form.severity]),
    ]


def section_8(d: IncidentDetail) -> Pairs:
    f = d.form
    informed = f"Ja, op {format_moment(f.subjects_informed_at)}" if f.subjects_informed_at else "Nee"
    if not f.subjects_informed_at and f.subjects_informed_how:  # e.g. an old register: "Ja", no date
        informed = "Ja (datum niet vastgelegd)"
    return [
        ("Betrokkenen geïnformeerd", informed),
        ("Hoe geïnformeerd", how_text(f.subjects_informed_channel, f.subjects_informed_how)),
        ("Waarom niet geïnformeerd", exception_text(f.subjects_exception, f.subjects_not_informed_reason)),
        ("Openbare mededeling", f.public_announcement),
        ("Genomen maatregelen", f.measures_taken),
        ("Grensoverschrijdend", _yes_no(f.cross_border)),
        ("Toelichting grensoverschrijdend", f.cross_border_details),
    ]


def section_9(d: IncidentDetail) -> Pairs:
    return [("Overige informatie", d.form.other_remarks)]


AP_SECTIONS = (
    ("0. Over de melding", section_0),
    ("1. Contactgegevens en betrokken organisaties", section_1),
    ("2. Tijdlijn", section_2),
    ("3. Aard van het incident", section_3),
    ("4. Soort persoonsgegevens", section_4),
    ("5. Betrokkenen", section_5),
    ("6. Maatregelen vooraf", section_6),
    ("7. Gevolgen", section_7),
    ("8. Vervolgacties", section_8),
    ("9. Overig", section_9),
)


def _assessment(d: IncidentDetail) -> Pairs:
    proposal = d.proposal
    return [
        ("Voorstel van het programma", LABELS[proposal.decision] if proposal else "-"),
        ("Redenen van het voorstel", " ".join(proposal.reasons) if proposal else ""),
        ("Besluit", d.decision_label),
        ("Toelichting besluit", d.decision_reasons),
        ("Reden van afwijken", d.deviation_reason),
        ("Beoordeeld", f"{format_moment(d.assessed_at)} door {d.assessed_by}" if d.assessed_at else ""),
        ("Status", d.status_label),
        ("Afgehandeld", f"{format_moment(d.closed_at)} door {d.closed_by}" if d.closed_at else ""),
        ("Evaluatie", d.evaluation),
    ]


def _pairs_table(pairs: Pairs) -> Flowable:
    return table([[name, _or_dash(value)] for name, value in pairs], [LABEL_WIDTH, VALUE_WIDTH], header=False)


def render_incident_report(detail: IncidentDetail, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(
            escape(
                "Ingevuld in de volgorde van het meldformulier datalekken van de Autoriteit Persoonsgegevens "
                "(AP). Een streepje betekent: nog niet ingevuld."
            ),
            sheet["small"],
        )
    ]
    for heading, pairs in AP_SECTIONS:
        story += [Paragraph(escape(heading), sheet["h2"]), _pairs_table(pairs(detail))]
    story += [Paragraph("Beoordeling en afhandeling", sheet["h2"]), _pairs_table(_assessment(detail))]
    story += [Spacer(1, 2 * mm), Paragraph("Tijdlijn", sheet["h2"])]
    rows = [["Moment", "Soort", "Door", "Wat"]]
    rows += [[format_moment(e.at), e.kind_label, e.author, e.text] for e in detail.timeline]
    story.append(table(rows, [31 * mm, 24 * mm, 34 * mm, 85 * mm]))
    info = DocumentInfo(
        f"Incident {detail.number}: {detail.facts.title}",
        detail.school_name,
        generated_at=generated_at,
        subtitle=f"Incidentrapport · {detail.type_label} · {detail.decision_label} · {detail.status_label}",
    )
    return build_pdf(info, story)
