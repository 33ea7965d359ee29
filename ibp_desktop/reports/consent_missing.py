"""Missing consent forms of a campaign, per group, with a reminder text for the parents.

Page one sums up per group; then each group with missing forms gets its own page with the pupils (and a
box the teacher ticks when the form comes in) and the reminder text. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from ibp_desktop.reports.template import (
    ACCENT,
    HEADER_FILL,
    MARGIN_X,
    TABLE_FONT,
    DocumentInfo,
    build_pdf,
    styles,
    table,
)

TITLE = "Toestemmingsformulieren nog niet terug"
WIDTH = A4[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class MissingGroup:
    group_name: str
    total: int
    returned: int
    pupils: tuple[tuple[str, str], ...]  # (name, pupil number) without a returned form


@dataclass(frozen=True)
class MissingResponses:
    school_name: str
    school_year: str
    form_number: int
    deadline: str  # "01-10-2026"
    reminder_text: str
    generated_at: datetime
    groups: tuple[MissingGroup, ...]


def _summary(data: MissingResponses) -> Table:
    rows = [["Groep", "Leerlingen", "Terug", "Nog niet terug"]]
    rows += [[g.group_name, str(g.total), str(g.returned), str(len(g.pupils))] for g in data.groups]
    total = sum(g.total for g in data.groups)
    back = sum(g.returned for g in data.groups)
    rows.append(["Totaal", str(total), str(back), str(total - back)])
    return table(rows, col_widths=[50 * mm, 35 * mm, 35 * mm, 40 * mm])


def _reminder(data: MissingResponses) -> Table:
    sheet = styles()
    paragraphs = [Paragraph("Herinnering voor ouders en verzorgers", sheet["h2"])]
    paragraphs += [
        Paragraph(escape(" ".join(p.split())), sheet["body"])
        for p in data.reminder_text.split("\n\n")
        if p.strip()
    ]
    return Table(
        [[p] for p in paragraphs],
        colWidths=[WIDTH],
        style=[
            TABLE_FONT,
            ("BOX", (0, 0), (-1, -1), 1, ACCENT),
            ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ],
        hAlign="LEFT",
    )


def _not_back(missing: int, total: int) -> str:
    """ "1 van de 24 formulieren is nog niet terug", "2 van de 24 formulieren zijn ...", correct Dutch."""
    forms = "formulier" if total == 1 else "formulieren"
    verb = "is" if missing == 1 else "zijn"
    if total == 1:
        return f"Het formulier {verb} nog niet terug."
    return f"{missing} van de {total} {forms} {verb} nog niet terug."


def _group_page(data: MissingResponses, group: MissingGroup) -> list[Flowable]:
    sheet = styles()
    rows = [["Leerling", "Leerlingnummer", "Formulier ontvangen"]]
    rows += [[name, number, "\u2610"] for name, number in group.pupils]
    return [
        Paragraph(escape(f"Groep {group.group_name}"), sheet["h2"]),
        Paragraph(
            escape(
                f"{_not_back(len(group.pupils), group.total)} "
                f"Uiterste datum: {data.deadline}."
            ),
            sheet["body"],
        ),
        table(rows, col_widths=[WIDTH - 80 * mm, 40 * mm, 40 * mm]),
        Spacer(1, 6 * mm),
        _reminder(data),
    ]


def render_missing_responses(data: MissingResponses) -> bytes:
    sheet = styles()
    info = DocumentInfo(
        TITLE,
        data.school_name,
        generated_at=data.generated_at,
        subtitle=(
            f"Schooljaar {data.school_year} · formulier versie {data.form_number} · "
            f"uiterste datum {data.deadline}"
        ),
    )
    story: list[Flowable] = [Paragraph("Overzicht per groep", sheet["h2"]), _summary(data)]
    missing = [g for g in data.groups if g.pupils]
    if not missing:
        story.append(
            Paragraph("Alle formulieren zijn terug. Er hoeft niemand herinnerd te worden.", sheet["body"])
        )
    for group in missing:
        story += [PageBreak(), *_group_page(data, group)]
    return build_pdf(info, story)
