"""Group overview "Toestemming beeldmateriaal": per group who may NOT be photographed or published.

One section per group, each on a new page: on top a framed list of who may not appear, per purpose
(what a teacher or the school photographer looks at), then the pupils x purposes table with marks in
words ("JA", "NEE", "?") and a legend. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from ibp_desktop.core.consent import NEVER_ASKED, ConsentState, state_mark, status_legend
from ibp_desktop.reports.fonts import SANS, SANS_BOLD
from ibp_desktop.reports.template import (
    ACCENT,
    CLASSIFICATION,
    GRID,
    HEADER_FILL,
    MARGIN_X,
    TABLE_FONT,
    DocumentInfo,
    build_pdf,
    format_date,
    styles,
)

TITLE = "Toestemming beeldmateriaal"
LANDSCAPE_FROM = 6  # purposes; beyond this the columns get too narrow on portrait A4
NAME_WIDTH = 52 * mm
CELL_SIZE = 8.0
HEADER_SIZE = 6.4  # "schoolfotograaf" fits a column of ten purposes
NO_FILL = colors.HexColor("#F6D5D5")
UNKNOWN_FILL = colors.HexColor("#FBE9C8")
NOT_BOX_FILL = colors.HexColor("#FDF3F3")
_REASONS = {
    ConsentState.WITHDRAWN: "ingetrokken",
    ConsentState.NO_ANSWER: "geen antwoord",
    ConsentState.ASK_AGAIN: "opnieuw vragen",
    ConsentState.CONFLICT: "ouders oneens",
}


@dataclass(frozen=True)
class OverviewRow:
    name: str
    states: tuple[ConsentState, ...]  # one per purpose, in the order of the section's purposes
    note: str = ""  # e.g. "16+" when the pupil decides


@dataclass(frozen=True)
class OverviewSection:
    group_name: str
    purposes: tuple[str, ...]
    rows: tuple[OverviewRow, ...]
    never_asked: tuple[bool, ...] = ()  # per purpose: nobody of the group was ever asked


@dataclass(frozen=True)
class ConsentOverview:
    school_name: str
    school_year: str
    form_number: int
    status_date: str  # "28-11-2026": the day the statuses apply to
    generated_at: datetime
    sections: tuple[OverviewSection, ...]


def _fit(text: str, width: float) -> str:
    if stringWidth(text, SANS, CELL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", SANS, CELL_SIZE) > width:
        text = text[:-1]
    return text + "…"


def _wrap(text: str, width: float) -> str:
    """Greedy word wrap for a plain table cell (lines joined by newlines)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(candidate, SANS_BOLD, HEADER_SIZE) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


def _styles() -> dict[str, ParagraphStyle]:
    sheet = styles()
    return {
        **sheet,
        "box_title": ParagraphStyle(
            "box_title",
            parent=sheet["body"],
            fontName=SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=CLASSIFICATION,
        ),
        "box": ParagraphStyle(
            "box",
            parent=sheet["body"],
            fontSize=9,
            leading=12.5,
            borderWidth=1.6,
            borderColor=CLASSIFICATION,
            borderPadding=(2.5 * mm, 3 * mm),
            backColor=NOT_BOX_FILL,
            spaceBefore=3 * mm,
            spaceAfter=3 * mm,
        ),
    }


def _not_box(section: OverviewSection, sheet: dict[str, ParagraphStyle]) -> Paragraph:
    """Who may not appear: first the pupils without any consent, then per purpose the others.

    One framed Paragraph (not a Table of Paragraphs): parsed and wrapped once, which keeps the whole
    overview within reach of raw ReportLab's speed."""
    # Purposes nobody was ever asked about are said once, not as the whole group by name.
    never = section.never_asked or (False,) * len(section.purposes)
    asked = [i for i, skip in enumerate(never) if not skip]
    nothing: list[OverviewRow] = []
    rest: list[OverviewRow] = []
    for r in section.rows:
        none_given = bool(asked) and all(r.states[i] is not ConsentState.GRANTED for i in asked)
        (nothing if none_given else rest).append(r)
    lines = [
        f'<font name="{SANS_BOLD}" size="11" color="{CLASSIFICATION.hexval()}">'
        "Niet fotograferen of publiceren</font>"
    ]
    if nothing:
        lines.append("<b>Voor geen enkel doel:</b> " + ", ".join(escape(r.name) for r in nothing))
    for index, purpose in enumerate(section.purposes):
        if never[index]:
            lines.append(f"<b>{escape(purpose)}:</b> {escape(NEVER_ASKED)}")
            continue
        names = [
            _with_reason(r.name, r.states[index]) for r in rest if r.states[index] is not ConsentState.GRANTED
        ]
        if names:
            lines.append(f"<b>{escape(purpose)}:</b> {', '.join(names)}")
    if len(lines) == 1:
        lines.append("Iedereen in deze groep heeft voor alle doelen toestemming.")
    elif nothing and len(lines) == 2:
        lines.append("Alle andere leerlingen hebben voor alle doelen toestemming.")
    return Paragraph('<br/>'.join(lines), sheet["box"])


def _with_reason(name: str, state: ConsentState) -> str:
    reason = _REASONS.get(state)
    return escape(f"{name} ({reason})" if reason else name)


def _grid(section: OverviewSection, sheet: dict[str, ParagraphStyle], width: float) -> Table:
    columns = len(section.purposes)
    cell_width = (width - NAME_WIDTH) / max(columns, 1)
    # Plain strings wrapped here, not Paragraphs: the header repeats on every page and Paragraph
    # wrapping of it costs more than all the marks together.
    header: list[Any] = ["Leerling"] + [_wrap(p, cell_width - 3) for p in section.purposes]
    data: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        TABLE_FONT,
        ("FONT", (0, 1), (-1, -1), SANS, CELL_SIZE, CELL_SIZE + 1.5),
        # Marks left-aligned behind a fixed indent: centring costs a width measurement per cell, which
        # is a third of the whole rendering time, and "JA"/"NEE" read just as well this way.
        ("LEFTPADDING", (1, 1), (-1, -1), 5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, HEADER_SIZE, HEADER_SIZE + 1.2),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (1, 0), (-1, 0), 1.5),  # narrow columns: room for "Nieuwsbrief" on one line
        ("RIGHTPADDING", (1, 0), (-1, 0), 1.5),
    ]
    for r, row in enumerate(section.rows, start=1):
        name = f"{row.name} ({row.note})" if row.note else row.name
        cells: list[Any] = [_fit(name, NAME_WIDTH - 8)]
        for c, state in enumerate(row.states, start=1):
            mark, note = state_mark(state)
            cells.append(f"{mark}\n{note}" if note else mark)
            if state is not ConsentState.GRANTED:
                fill = NO_FILL if mark == "NEE" else UNKNOWN_FILL
                commands += [
                    ("BACKGROUND", (c, r), (c, r), fill),
                    ("FONT", (c, r), (c, r), SANS_BOLD, CELL_SIZE),
                ]
        data.append(cells)
    return Table(
        data, colWidths=[NAME_WIDTH] + [cell_width] * columns, repeatRows=1, style=commands, hAlign="LEFT"
    )


def _legend(sheet: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts = [f"<b>{escape(mark)}</b> = {escape(text)}" for mark, _label, text in status_legend()]
    return [
        Spacer(1, 2 * mm),
        Paragraph("Uitleg: " + " · ".join(parts) + ".", sheet["small"]),
        Paragraph(
            "<b>Alles wat niet JA is, betekent: niet fotograferen of publiceren voor dat doel.</b>",
            sheet["small"],
        ),
    ]


def _section(overview: ConsentOverview, section: OverviewSection, width: float) -> list[Flowable]:
    sheet = _styles()
    facts = (
        f"Schooljaar {overview.school_year} · formulier versie {overview.form_number} · "
        f"{len(section.rows)} leerlingen · stand van {overview.status_date}"
    )
    story: list[Flowable] = [
        Paragraph(f"Groep {escape(section.group_name)}", sheet["h2"]),
        Paragraph(escape(facts), sheet["small"]),
        Spacer(1, 2 * mm),
        _not_box(section, sheet),
        Spacer(1, 4 * mm),
    ]
    if section.rows:
        story.append(_grid(section, sheet, width))
    else:
        story.append(Paragraph("Er staan geen leerlingen in deze groep.", sheet["body"]))
    return story + _legend(sheet)


def render_consent_overview(overview: ConsentOverview) -> bytes:
    """All sections in one PDF, each group starting on a new page."""
    columns = max((len(s.purposes) for s in overview.sections), default=0)
    wide = columns > LANDSCAPE_FROM
    page_width = landscape(A4)[0] if wide else A4[0]
    width = page_width - 2 * MARGIN_X
    info = DocumentInfo(
        TITLE,
        overview.school_name,
        generated_at=overview.generated_at,
        subtitle=(
            f"Schooljaar {overview.school_year} · formulier versie {overview.form_number} · "
            f"afgedrukt op {format_date(overview.generated_at)}. Per groep: wie mag niet op de foto of "
            "in een publicatie, en voor welk doel."
        ),
        landscape=wide,
    )
    story: list[Flowable] = []
    for index, section in enumerate(overview.sections):
        if index:
            story.append(PageBreak())
        story += _section(overview, section, width)
    if not overview.sections:
        story.append(Paragraph("Er zijn nog geen groepen met leerlingen.", styles()["body"]))
    return build_pdf(info, story)


__all__ = ["ConsentOverview", "OverviewRow", "OverviewSection", "render_consent_overview"]
