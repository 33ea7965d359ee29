"""The recovery key sheet ("herstelsleutel") that a school prints once and keeps in its safe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ibp_desktop.reports.fonts import MONO_BOLD, SANS
from ibp_desktop.reports.template import (
    ACCENT,
    GRID,
    HEADER_FILL,
    INK,
    MARGIN_X,
    TABLE_FONT,
    DocumentInfo,
    build_pdf,
    format_date,
    format_time,
    styles,
    table,
)

TITLE = "Herstelsleutel IBP Desktop"
KEY_MAX_SIZE = 26.0
KEY_PADDING = 6 * mm


@dataclass(frozen=True)
class RecoveryKeySheet:
    """Plain data for the sheet; ``recovery_key`` is already grouped, e.g. "ABCDE-FGHIJ-..."."""

    school_name: str
    brin: str
    recovery_key: str
    created_at: datetime
    created_by: str
    database_label: str


def key_lines(recovery_key: str) -> list[str]:
    """The key on one line, or on two balanced lines split between groups (never inside a group).

    Line one keeps its trailing dash, so that the two lines together are exactly the key.
    """
    groups = recovery_key.strip().split("-")
    if len(groups) < 4:
        return ["-".join(groups)]
    split = min(
        range(1, len(groups)),
        key=lambda i: max(len("-".join(groups[:i])) + 1, len("-".join(groups[i:]))),
    )
    return ["-".join(groups[:split]) + "-", "-".join(groups[split:])]


def _key_size(lines: list[str], width: float) -> float:
    """The largest font size (up to KEY_MAX_SIZE) at which every line fits ``width``."""
    widest = max(stringWidth(line, MONO_BOLD, 1.0) for line in lines)
    return min(KEY_MAX_SIZE, width / widest) if widest else KEY_MAX_SIZE


def _key_box(recovery_key: str) -> Table:
    inner = A4[0] - 2 * MARGIN_X - 2 * KEY_PADDING - 2  # a little slack for rounding
    one_line = [recovery_key.strip()]
    lines = one_line if _key_size(one_line, inner) >= 18 else key_lines(recovery_key)
    size = _key_size(lines, inner)
    key_style = ParagraphStyle("key", fontName=MONO_BOLD, fontSize=size, leading=size * 1.35, textColor=INK)
    label_style = ParagraphStyle("key_label", fontName=SANS, fontSize=9, leading=12, textColor=ACCENT)
    key_text = "<br/>".join(escape(line) for line in lines)
    box = Table(
        [[Paragraph("Herstelsleutel", label_style)], [Paragraph(key_text, key_style)]],
        colWidths=[A4[0] - 2 * MARGIN_X],
        style=[
            TABLE_FONT,
            ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
            ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), KEY_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), KEY_PADDING),
            ("TOPPADDING", (0, 0), (-1, 0), 4 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 5 * mm),
        ],
    )
    return box


def _list(items: list[str], numbered: bool, style: ParagraphStyle) -> list[Flowable]:
    item_style = ParagraphStyle(
        "item", parent=style, leftIndent=6 * mm, bulletIndent=1 * mm, bulletFontName=SANS, spaceAfter=2
    )
    return [
        Paragraph(text, item_style, bulletText=f"{n}." if numbered else "•")
        for n, text in enumerate(items, start=1)
    ]


def _signature_block() -> Table:
    labels = ["Opgeborgen door", "Handtekening", "Datum", "Plaats (kluis)"]
    body = styles()["body"]
    return Table(
        [[Paragraph(label, body), ""] for label in labels],
        colWidths=[45 * mm, A4[0] - 2 * MARGIN_X - 45 * mm],
        rowHeights=[8 * mm] * len(labels),
        style=[
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LINEBELOW", (1, 0), (1, -1), 0.6, GRID),
        ],
        hAlign="LEFT",
    )


def render_recovery_key_pdf(sheet: RecoveryKeySheet) -> bytes:
    """The one-page recovery key sheet as PDF bytes (classification "Strikt vertrouwelijk")."""
    s = styles()
    info = DocumentInfo(
        TITLE,
        sheet.school_name,
        generated_at=sheet.created_at,
        classification="Strikt vertrouwelijk",
        subtitle="Bewaar dit blad in de kluis van de school.",
    )
    details = table(
        [
            ["School", sheet.school_name],
            ["BRIN", sheet.brin],
            ["Database", sheet.database_label],
            ["Gemaakt op", f"{format_date(sheet.created_at)} om {format_time(sheet.created_at)}"],
            ["Gemaakt door", sheet.created_by],
        ],
        col_widths=[45 * mm, A4[0] - 2 * MARGIN_X - 45 * mm],
        header=False,
    )
    story: list[Flowable] = [
        Paragraph("Wat is deze sleutel?", s["h2"]),
        Paragraph(
            "IBP Desktop bewaart de gegevens van de school versleuteld: de database en alle back-ups. "
            "Met deze herstelsleutel kunt u die gegevens weer openen. Dat is nodig als de computer "
            "wordt vervangen, of als de sleutelopslag van Windows of macOS kwijt is. "
            "Zonder deze sleutel kunt u de gegevens dan niet meer openen.",
            s["body"],
        ),
        Spacer(1, 3 * mm),
        _key_box(sheet.recovery_key),
        Spacer(1, 3 * mm),
        details,
        Paragraph("Zo bewaart u dit blad", s["h2"]),
        *_list(
            [
                "Bewaar dit blad in de kluis van de school.",
                "Zet de sleutel <b>niet</b> op de computer, niet in een bestand en niet in de cloud.",
                "Stuur de sleutel <b>nooit</b> per e-mail, chat of als foto.",
                "Is het blad kwijt, of heeft iemand de sleutel gezien die dat niet mag? "
                "Meld dit dan meteen aan de directeur.",
            ],
            numbered=False,
            style=s["body"],
        ),
        Paragraph("Wie mag de sleutel gebruiken?", s["h2"]),
        Paragraph(
            "Alleen de directeur, of iemand die de directeur daarvoor aanwijst, zoals de ICT-beheerder. "
            "Gebruik de sleutel alleen om IBP Desktop op een nieuwe of herstelde computer te openen.",
            s["body"],
        ),
        KeepTogether(
            [
                Paragraph("Hoe gebruikt u de sleutel?", s["h2"]),
                *_list(
                    [
                        "Start IBP Desktop.",
                        "Kies <b>Herstelsleutel invoeren</b>.",
                        "Typ de sleutel over, precies zoals hij hierboven staat.",
                        "Leg dit blad daarna meteen terug in de kluis.",
                    ],
                    numbered=True,
                    style=s["body"],
                ),
            ]
        ),
        KeepTogether([Paragraph("Opgeborgen", s["h2"]), _signature_block()]),
    ]
    return build_pdf(info, story)
