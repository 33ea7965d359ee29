"""Pre-filled paper consent forms: one pupil per page, a batch per group.

Each page carries the school, the pupil, the group and the school year, the form text, a Ja/Nee box per
purpose, and lines for the guardian's name, relation, date and signature. Plain data in, PDF bytes out.
With the school's BRIN each page also gets corner marks and a QR code, so a scan can be read back
(form_marks, core.scan_layout); the code holds no names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from ibp_desktop.core.consent.scan_layout import CHOICE_COL_W, QR_SIZE, RELATION_COL_WS, RELATION_LABEL_W
from ibp_desktop.reports.fonts import SANS_BOLD
from ibp_desktop.reports.form_marks import Choice, CodeRecorder, CodeSlot, PupilStart, SignatureField
from ibp_desktop.reports.template import (
    ACCENT,
    GRID,
    HEADER_FILL,
    MARGIN_X,
    TABLE_FONT,
    DocumentInfo,
    build_pdf,
    styles,
)

TITLE = "Toestemmingsformulier beeldmateriaal"
WIDTH = A4[0] - 2 * MARGIN_X
RELATIONS = ("ouder/verzorger 1", "ouder/verzorger 2", "voogd", "leerling (16+)")


@dataclass(frozen=True)
class FormPupil:
    name: str
    pupil_number: str
    group_name: str
    date_of_birth: str  # "12-03-2017"
    pupil_id: int = 0  # for the page's code (with ConsentForms.brin)


@dataclass(frozen=True)
class ConsentForms:
    school_name: str
    school_year: str
    form_number: int
    form_text: str
    purposes: tuple[tuple[str, str], ...]  # (label, description)
    pupils: tuple[FormPupil, ...]
    generated_at: datetime
    batch_label: str = ""  # e.g. "groep 5"
    brin: str = ""  # when set: corner marks and a QR code per page, for reading scans back


def _styles() -> dict[str, ParagraphStyle]:
    sheet = styles()
    return {
        **sheet,
        "text": ParagraphStyle("text", parent=sheet["body"], fontSize=8.5, leading=11, spaceAfter=2.5),
        "purpose": ParagraphStyle("purpose", parent=sheet["table"], fontSize=8.5, leading=10.5),
        "choice": ParagraphStyle("choice", parent=sheet["body"], fontSize=10.5, leading=12, spaceAfter=0),
        "h": ParagraphStyle("h", parent=sheet["h2"], spaceBefore=0),
    }


def _details(forms: ConsentForms, pupil: FormPupil, sheet: dict[str, ParagraphStyle], width: float) -> Table:
    cells = [
        ("School", forms.school_name, "Schooljaar", forms.school_year),
        ("Leerling", pupil.name, "Groep", pupil.group_name),
        ("Geboortedatum", pupil.date_of_birth, "Leerlingnr.", pupil.pupil_number),
    ]
    rows = [
        [
            Paragraph(escape(a), sheet["table_header"]),
            Paragraph(escape(b), sheet["table"]),
            Paragraph(escape(c), sheet["table_header"]),
            Paragraph(escape(d), sheet["table"]),
        ]
        for a, b, c, d in cells
    ]
    return Table(
        rows,
        colWidths=[31 * mm, width / 2 - 31 * mm, 31 * mm, width / 2 - 31 * mm],
        style=[
            TABLE_FONT,
            ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
        hAlign="LEFT",
    )


def _choices(forms: ConsentForms, sheet: dict[str, ParagraphStyle], recorder: CodeRecorder | None) -> Table:
    header: list[Any] = [
        Paragraph("Waarvoor mogen wij beeldmateriaal gebruiken?", sheet["table_header"]),
        Paragraph("Ja", sheet["table_header"]),
        Paragraph("Nee", sheet["table_header"]),
    ]
    rows: list[list[Any]] = [header]
    for index, (label, description) in enumerate(forms.purposes):
        text = f"<b>{escape(label)}</b>" + (f"<br/>{escape(description)}" if description else "")
        rows.append(
            [
                Paragraph(text, sheet["purpose"]),
                Choice("Ja", recorder, ("ja", index)),
                Choice("Nee", recorder, ("nee", index)),
            ]
        )
    return Table(
        rows,
        colWidths=[WIDTH - 2 * CHOICE_COL_W * mm, CHOICE_COL_W * mm, CHOICE_COL_W * mm],
        style=[
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
        hAlign="LEFT",
    )


def _relations(recorder: CodeRecorder | None) -> Table:
    choices = [
        Choice(r, recorder, ("relation", i), width=w * mm, size=8.5)
        for i, (r, w) in enumerate(zip(RELATIONS, RELATION_COL_WS, strict=True))
    ]
    return Table(
        [choices],
        colWidths=[w * mm for w in RELATION_COL_WS],
        style=[TABLE_FONT, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
        hAlign="LEFT",
    )


def _signature(recorder: CodeRecorder | None) -> Table:
    rows = [
        ["Naam ouder/verzorger", "", "Datum", ""],
        ["Relatie tot de leerling", _relations(recorder), "", ""],
        ["Handtekening", SignatureField(WIDTH - RELATION_LABEL_W * mm, recorder), "", ""],
    ]
    return Table(
        rows,
        colWidths=[RELATION_LABEL_W * mm, WIDTH - 95 * mm, 15 * mm, 40 * mm],
        rowHeights=[8 * mm, 8 * mm, 14 * mm],
        style=[
            TABLE_FONT,
            ("FONT", (0, 0), (0, -1), SANS_BOLD, 8.5, 11),
            ("FONT", (2, 0), (2, 0), SANS_BOLD, 8.5, 11),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("SPAN", (1, 1), (3, 1)),
            ("SPAN", (1, 2), (3, 2)),
            ("LEFTPADDING", (1, 1), (1, 2), 0),
            ("LINEBELOW", (1, 0), (1, 0), 0.6, GRID),
            ("LINEBELOW", (3, 0), (3, 0), 0.6, GRID),
        ],
        hAlign="LEFT",
    )


def _top(
    forms: ConsentForms, pupil: FormPupil, sheet: dict[str, ParagraphStyle], recorder: CodeRecorder | None
) -> Flowable:
    """The heading and the pupil's details, with the room for the page's code at the right."""
    if recorder is None:
        return KeepTogether(
            [
                Paragraph(escape(f"Formulier voor {pupil.name}"), sheet["h"]),
                _details(forms, pupil, sheet, WIDTH),
            ]
        )
    left = WIDTH - (QR_SIZE + 4) * mm
    cell = [
        Paragraph(escape(f"Formulier voor {pupil.name}"), sheet["h"]),
        _details(forms, pupil, sheet, left),
    ]
    return Table(
        [[cell, CodeSlot(recorder)]],
        colWidths=[left + 4 * mm, QR_SIZE * mm],
        style=[
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *[(k, (0, 0), (-1, -1), 0) for k in _PADDINGS],
        ],
        hAlign="LEFT",
    )


_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


def _page(
    forms: ConsentForms, pupil: FormPupil, sheet: dict[str, ParagraphStyle], recorder: CodeRecorder | None
) -> list[Flowable]:
    text = [
        Paragraph(escape(" ".join(p.split())), sheet["text"])
        for p in forms.form_text.split("\n\n")
        if p.strip()
    ]
    start: list[Flowable] = [PupilStart(recorder, pupil.pupil_id)] if recorder else []
    return [
        *start,
        _top(forms, pupil, sheet, recorder),
        Spacer(1, 3 * mm),
        *text,
        Spacer(1, 2 * mm),
        _choices(forms, sheet, recorder),
        Spacer(1, 2 * mm),
        Paragraph("Vult u niets in bij een doel? Dan is het antwoord nee.", sheet["small"]),
        KeepTogether([Paragraph("Ingevuld door", sheet["h"]), _signature(recorder)]),
        Paragraph(f"Formulier versie {forms.form_number}", sheet["small"]),
    ]


def render_consent_forms(forms: ConsentForms, recorder: CodeRecorder | None = None) -> bytes:
    """One pupil per page (a long form text may take a second page for that pupil). With ``forms.brin``
    each page gets marks and a code; pass a ``recorder`` to learn the codes (tests, scan generator)."""
    sheet = _styles()
    if forms.brin and recorder is None:
        recorder = CodeRecorder(forms.brin, forms.form_number)
    subtitle = f"Schooljaar {forms.school_year}" + (f" · {forms.batch_label}" if forms.batch_label else "")
    info = DocumentInfo(
        TITLE,
        forms.school_name,
        generated_at=forms.generated_at,
        subtitle=subtitle,
        classification="Vertrouwelijk: na invullen inleveren bij de school",
    )
    story: list[Flowable] = []
    for index, pupil in enumerate(forms.pupils):
        if index:
            story.append(PageBreak())
        story += _page(forms, pupil, sheet, recorder)
    if not forms.pupils:
        story.append(Paragraph("Er zijn geen leerlingen gekozen.", sheet["body"]))
    return build_pdf(info, story, recorder.page_end if recorder else None)
