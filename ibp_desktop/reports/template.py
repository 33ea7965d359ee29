"""The one shared page template for every PDF of IBP Desktop.

A renderer builds a list of flowables (using ``styles()`` and ``table()``) and hands it to ``build_pdf``,
which adds the title block, the header (school, title, classification) and the footer (date, page X of Y)
on every page and returns the PDF bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from datetime import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ibp_desktop.reports.fonts import MONO, SANS, SANS_BOLD, register_fonts
from ibp_desktop.reports.text_ops import TextOpsCanvas

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Calm palette: dark blue-grey text and accent, light rows, one warm colour for the classification.
INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
ACCENT = colors.HexColor("#1F4E79")
RULE = colors.HexColor("#9AA5B1")
HEADER_FILL = colors.HexColor("#DCE6F0")
ZEBRA_FILL = colors.HexColor("#F3F6F9")
GRID = colors.HexColor("#CBD2D9")
CLASSIFICATION = colors.HexColor("#9B2C2C")

MARGIN_X = 18 * mm
MARGIN_TOP = 26 * mm  # room for the header
MARGIN_BOTTOM = 20 * mm  # room for the footer
HEADER_FIRST_LINE = 12 * mm  # from the top edge
HEADER_RULE = 19.5 * mm
FOOTER_RULE = 14 * mm  # from the bottom edge
FOOTER_LINE = 9.5 * mm
FOOTER_SIZE = 8.0
FOOTNOTE_SIZE = 7.0
FOOTNOTE_LEADING = 8.6
FOOTNOTE_FREE_LINES = 2  # fit between the footer rule and the content: the frame grows only beyond them
# ReportLab's Table sets its cell font (Helvetica by default) even around Paragraph cells:
# every Table needs this command, or the PDF refers to a non-embedded Helvetica.
TABLE_FONT: tuple[Any, ...] = ("FONT", (0, 0), (-1, -1), SANS, 8.5, 11)


@dataclass(frozen=True)
class DocumentInfo:
    """What the page template shows around the content. ``generated_at`` must be timezone-aware."""

    title: str
    school_name: str
    _: KW_ONLY
    generated_at: datetime
    classification: str = "Vertrouwelijk"
    subtitle: str = ""
    landscape: bool = False
    # (text, bold) lines printed small above the footer of every page, e.g. a legend: drawn by the page
    # template instead of repeated in the story. Each line must fit the page width.
    footnote: tuple[tuple[str, bool], ...] = ()
    # The large title on the first page; without it the header's title line names the document (for
    # sheets that must each fit one page, such as the group overview).
    title_block: bool = True

    def __post_init__(self) -> None:
        if self.generated_at.tzinfo is None or self.generated_at.utcoffset() is None:
            raise ValueError("generated_at must be timezone-aware")


def format_date(moment: datetime) -> str:
    """28-11-2026, in Europe/Amsterdam."""
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y")


def format_time(moment: datetime) -> str:
    """14:05, in Europe/Amsterdam."""
    return moment.astimezone(AMSTERDAM).strftime("%H:%M")


def styles() -> dict[str, ParagraphStyle]:
    """Fresh paragraph styles, all on the embedded DejaVu fonts."""
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14, textColor=INK, spaceAfter=4)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=SANS_BOLD, fontSize=18, leading=23, textColor=ACCENT, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED),
        "table": ParagraphStyle("table", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "table_header": ParagraphStyle(
            "table_header",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=8.5,
            leading=11,
            spaceAfter=0,
            textColor=ACCENT,
        ),
        "mono": ParagraphStyle("mono", parent=body, fontName=MONO, fontSize=10, leading=13),
    }


CELL_PADDING = 8  # points: left and right padding of a table cell together
CELL_SIZE = 8.5  # points: the font size of table cells


def fit_words(rows: list[list[str]], widths: list[float], header: bool = True) -> list[float]:
    """Column widths in which no word has to be broken ("Schooldirecte/ur"): a column narrower than
    its longest word takes the difference from the column with the most room to spare."""
    register_fonts()
    widths = list(widths)
    need = [0.0] * len(widths)
    for index, row in enumerate(rows):
        font = SANS_BOLD if header and index == 0 else SANS
        for column, text in enumerate(row[: len(widths)]):
            longest = max((stringWidth(word, font, CELL_SIZE) for word in text.split()), default=0.0)
            need[column] = max(need[column], longest + CELL_PADDING + 1)
    for column in range(len(widths)):
        short = need[column] - widths[column]
        while short > 0.5:
            spare = [c for c in range(len(widths)) if c != column and widths[c] - need[c] > 0.5]
            if not spare:
                break
            donor = max(spare, key=lambda c: widths[c] - need[c])
            given = min(short, widths[donor] - need[donor])
            widths[donor] -= given
            widths[column] += given
            short -= given
    return widths


def table(rows: list[list[str]], col_widths: list[float] | None = None, header: bool = True) -> Table:
    """A table of plain-text cells (escaped, wrapped); the header row repeats on every page.

    ``col_widths`` in points; without it the columns share the full frame width equally.
    """
    sheet = styles()
    cells: list[list[Paragraph]] = [
        [Paragraph(escape(text), sheet["table_header" if header and i == 0 else "table"]) for text in row]
        for i, row in enumerate(rows)
    ]
    columns = max((len(row) for row in rows), default=1)
    widths: list[float] | list[str] = (
        fit_words(rows, col_widths, header) if col_widths else [f"{100 / columns:.4f}%"] * columns
    )
    first_body_row = 1 if header else 0
    commands: list[tuple[Any, ...]] = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, first_body_row), (-1, -1), [colors.white, ZEBRA_FILL]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    return Table(cells, colWidths=widths, repeatRows=1 if header else 0, style=commands, hAlign="LEFT")


class _NumberedCanvas(TextOpsCanvas):
    """Holds every page until the end, so that each can show "pagina X van Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.saveState()
            self.setFont(SANS, FOOTER_SIZE)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN_X, FOOTER_LINE, f"pagina {self._pageNumber} van {total}")
            self.restoreState()
            Canvas.showPage(self)
        Canvas.save(self)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis when it is wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_page_frame(canvas: Canvas, info: DocumentInfo) -> None:
    """Header and footer of one page (the page number is added by the canvas at the end)."""
    width, height = canvas._pagesize
    right = width - MARGIN_X
    canvas.saveState()
    canvas.setFont(SANS_BOLD, 8.5)
    canvas.setFillColor(CLASSIFICATION)
    canvas.drawRightString(right, height - HEADER_FIRST_LINE, info.classification)
    room = right - MARGIN_X - stringWidth(info.classification, SANS_BOLD, 8.5) - 8 * mm
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN_X, height - HEADER_FIRST_LINE, _fit(info.school_name, SANS_BOLD, 8.5, room))
    canvas.setFont(SANS, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_X, height - HEADER_FIRST_LINE - 4.5 * mm, _fit(info.title, SANS, 8.5, room))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, height - HEADER_RULE, right, height - HEADER_RULE)
    canvas.line(MARGIN_X, FOOTER_RULE, right, FOOTER_RULE)
    canvas.setFont(SANS, FOOTER_SIZE)
    made = f"Gemaakt op {format_date(info.generated_at)} om {format_time(info.generated_at)} met IBP Desktop"
    canvas.drawString(MARGIN_X, FOOTER_LINE, made)
    canvas.setFillColor(INK)
    for index, (line, bold) in enumerate(reversed(info.footnote)):
        canvas.setFont(SANS_BOLD if bold else SANS, FOOTNOTE_SIZE)
        canvas.drawString(MARGIN_X, FOOTER_RULE + 3 + index * FOOTNOTE_LEADING, line)
    canvas.restoreState()


HEADING_ROOM = 35 * mm  # a section heading needs this much room below it, else it starts a new page


def _no_stranded_headings(story: list[Flowable]) -> list[Flowable]:
    """keepWithNext alone lets a heading stay at the foot of a page when the table after it may be
    split; a conditional page break before each heading keeps it with its first lines."""
    result: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h2":
            result.append(CondPageBreak(HEADING_ROOM))
        result.append(flowable)
    return result


def build_pdf(
    info: DocumentInfo, story: list[Flowable], page_end: Callable[[Canvas], None] | None = None
) -> bytes:
    """Render ``story`` on A4 with the shared header, footer and a title block; return the PDF bytes.
    ``page_end`` draws last on each page (the consent forms' code, which says where the boxes landed)."""
    register_fonts()
    sheet = styles()
    page_size = landscape(A4) if info.landscape else A4
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM + max(0, len(info.footnote) - FOOTNOTE_FREE_LINES) * FOOTNOTE_LEADING,
        title=info.title,
        author="IBP Desktop",
        subject=info.subtitle or info.school_name,
        creator="IBP Desktop",
        lang="nl-NL",
        displayDocTitle=True,
        initialFontName=SANS,  # otherwise every page refers to Helvetica
        initialFontSize=10,
        initialLeading=12,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="content",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="page",
                frames=[frame],
                onPage=lambda c, _d: _draw_page_frame(c, info),
                onPageEnd=(lambda c, _d: page_end(c)) if page_end else (lambda c, _d: None),
            )
        ]
    )
    heading: list[Flowable] = [Paragraph(escape(info.title), sheet["title"])] if info.title_block else []
    if info.subtitle:
        heading.append(Paragraph(escape(info.subtitle), sheet["small"]))
    if heading:
        heading.append(Spacer(1, 4 * mm))
    doc.build(heading + _no_stranded_headings(story), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
