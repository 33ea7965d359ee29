"""The letter to parents or staff after a data breach (AVG art. 34(2)); the text comes from
core.breach_letter, this module only lays it out on the shared page template."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from ibp_desktop.core.incidents.breach_letter import AUDIENCE_LABELS, BreachLetter
from ibp_desktop.reports.template import DocumentInfo, build_pdf, format_date, styles


def _lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())


def render_breach_letter(letter: BreachLetter, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(escape(f"Datum: {format_date(generated_at)}"), sheet["body"]),
        Paragraph("Onderwerp: datalek op school", sheet["body"]),
        Paragraph(escape(letter.greeting), sheet["body"]),
    ]
    for heading, paragraphs in letter.sections:
        story.append(Paragraph(escape(heading), sheet["h2"]))
        story += [Paragraph(_lines(text), sheet["body"]) for text in paragraphs if text.strip()]
    story.append(Paragraph(_lines(letter.closing), sheet["body"]))
    info = DocumentInfo(
        "Brief over een datalek",
        letter.school_name,
        generated_at=generated_at,
        classification="Concept: lees na voor verzending",
        subtitle=f"Voor {AUDIENCE_LABELS[letter.audience]} · incident {letter.number} · AVG artikel 34",
    )
    return build_pdf(info, story)
