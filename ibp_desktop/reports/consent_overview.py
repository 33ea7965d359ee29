"""Group overview "Toestemming beeldmateriaal": per group who may NOT be photographed or published.

One section per group, each on a new sheet: on top a framed list of who may not appear, per purpose
(what a teacher or the school photographer looks at), then the pupils x purposes table with marks in
words ("JA", "NEE", "? geen antw.", one line per pupil). The legend is printed by the page template at
the foot of every page. A group of up to 32 pupils with 10 purposes fits one A4 sheet. Plain data in,
PDF bytes out; plain-text table cells throughout (no Paragraph per cell), to stay near raw ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.tables import CellStyle

from ibp_desktop.core.consent.rules import NEVER_ASKED, ConsentState, state_mark, status_legend
from ibp_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts
from ibp_desktop.reports.template import (
    ACCENT,
    CLASSIFICATION,
    FOOTNOTE_SIZE,
    GRID,
    HEADER_FILL,
    INK,
    MARGIN_X,
    MUTED,
    DocumentInfo,
    build_pdf,
    styles,
)

TITLE = "Toestemming beeldmateriaal"
LANDSCAPE_FROM = 6  # purposes; beyond this the columns get too narrow on portrait A4
NAME_WIDTH = 52 * mm
CELL_SIZE = 7.5  # "? geen antw." in bold fits one line of a column of ten purposes on landscape A4
CELL_LEADING = 8.0
CELL_PADDING = 0.7  # above and below: 32 pupils and the box fit one landscape sheet
HEADER_SIZE = 6.4  # "schoolfotograaf" fits a column of ten purposes
BOX_SIZE = 7.5
BOX_LEADING = 8.6
NO_FILL = colors.HexColor("#F6D5D5")
UNKNOWN_FILL = colors.HexColor("#FBE9C8")
NOT_BOX_FILL = colors.HexColor("#FDF3F3")
# Cell text and fill per state: "JA", "NEE", "NEE ingetr.", "? geen antw.", ...; red for a no, amber else.
_MARK_TEXT = {s: " ".join(filter(None, state_mark(s))) for s in ConsentState}
_FILLS = {s: NO_FILL if state_mark(s)[0] == "NEE" else UNKNOWN_FILL for s in ConsentState}
_REASONS = {
    ConsentState.WITHDRAWN: "ingetrokken",
    ConsentState.NO_ANSWER: "geen antwoord",
    ConsentState.ASK_AGAIN: "opnieuw vragen",
    ConsentState.CONFLICT: "ouders oneens",
}
RULE_TEXT = "Alles wat niet JA is, betekent: niet fotograferen of publiceren voor dat doel."


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


def _fit(text: str, width: float, font: str = SANS) -> str:
    if stringWidth(text, font, CELL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, CELL_SIZE) > width:
        text = text[:-1]
    return text + "…"


def _wrap(words: list[str], width: float, font: str, size: float, sep: str = " ") -> str:
    """Greedy wrap of plain table text (lines joined by newlines): drawn with drawString, which costs
    a fraction of a Paragraph's parsing and wrapping."""
    lines: list[str] = []
    for word in words:
        candidate = f"{lines[-1]}{sep}{word}" if lines else word
        if lines and stringWidth(candidate, font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


def _not_lines(section: OverviewSection) -> list[tuple[str, list[str]]]:
    """(label, names) per line of the box: first the pupils without any consent, then per purpose the
    others who may not, with the reason when it is not a plain no. A purpose nobody of the group was
    ever asked about is said once ("niet gevraagd – niemand mag"), not as the whole group by name."""
    never = section.never_asked or (False,) * len(section.purposes)
    asked = [i for i, skip in enumerate(never) if not skip]
    nothing: list[OverviewRow] = []
    rest: list[OverviewRow] = []
    for r in section.rows:
        none_given = bool(asked) and all(r.states[i] is not ConsentState.GRANTED for i in asked)
        (nothing if none_given else rest).append(r)
    lines: list[tuple[str, list[str]]] = []
    if nothing:
        lines.append(("Voor geen enkel doel:", [r.name for r in nothing]))
    for index, purpose in enumerate(section.purposes):
        if never[index]:
            lines.append((f"{purpose}:", [NEVER_ASKED]))
            continue
        names = [
            _with_reason(r.name, r.states[index]) for r in rest if r.states[index] is not ConsentState.GRANTED
        ]
        if names:
            lines.append((f"{purpose}:", names))
    return lines


Segment = tuple[float, str, str]  # x offset, font, text
BOX_TITLE = "Niet fotograferen of publiceren"
BOX_PAD = 6.0
BOX_INDENT = 8.0
BOX_TITLE_HEIGHT = 15.0


def _entry_lines(label: str, names: list[str], width: float) -> list[list[Segment]]:
    """One entry of the box as drawn lines: the label in bold, then the names, each name kept whole
    on a line where it fits (a line breaks between names, or inside a name wider than a line)."""
    sans, bold = getFont(SANS).stringWidth, getFont(SANS_BOLD).stringWidth
    words = [(SANS_BOLD, w, bold(w, BOX_SIZE)) for w in label.split()]
    for index, name in enumerate(names):
        whole = " ".join((name + ("," if index < len(names) - 1 else "")).split())
        size = sans(whole, BOX_SIZE)
        if size <= width:
            words.append((SANS, whole, size))
        else:
            words += [(SANS, part, sans(part, BOX_SIZE)) for part in whole.split()]
    space = sans(" ", BOX_SIZE)
    lines: list[list[Segment]] = [[]]
    x = 0.0
    for font, text, size in words:
        if lines[-1] and x + space + size > width:
            lines.append([])
            x = BOX_INDENT  # continuation lines hang under the label, so each entry stands out
        start = x + space if lines[-1] else x
        lines[-1].append((start, font, text))
        x = start + size
    return lines


class _NotBox(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """Who may not appear, framed: entries flowed in one or two columns and drawn with drawString
    (a Paragraph per group cost more than the rest of the page; a table row wastes the shorter
    column's height)."""

    def __init__(self, entries: list[tuple[str, list[str]]], sentence: str, columns: int) -> None:
        super().__init__()
        self.entries, self.sentence, self.columns = entries, sentence, columns
        self.laid: list[list[list[Segment]]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        column_width = (avail_width - 2 * BOX_PAD) / self.columns - (BOX_PAD if self.columns > 1 else 0)
        blocks = [_entry_lines(label, names, column_width) for label, names in self.entries]
        total = sum(len(b) for b in blocks)
        self.laid = [[] for _ in range(self.columns)]
        column = 0
        for block in blocks:  # fill the first column to about half, the rest in the second
            if column < self.columns - 1 and len(self.laid[column]) >= total / self.columns:
                column += 1
            self.laid[column] += block
        lines = max((len(c) for c in self.laid), default=0) + (1 if self.sentence else 0)
        self.height = BOX_TITLE_HEIGHT + lines * BOX_LEADING + BOX_PAD / 2
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Taller than a page (a very large group): as many entries as fit, the rest on the next."""
        for count in range(len(self.entries) - 1, 0, -1):
            head = _NotBox(self.entries[:count], "", self.columns)
            if head.wrap(avail_width, avail_height)[1] <= avail_height:
                return [head, _NotBox(self.entries[count:], self.sentence, self.columns)]
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(NOT_BOX_FILL)
        canvas.setStrokeColor(CLASSIFICATION)
        canvas.setLineWidth(1.4)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setFillColor(CLASSIFICATION)
        canvas.setFont(SANS_BOLD, 9.5)
        canvas.drawString(BOX_PAD, self.height - 11.5, BOX_TITLE)
        canvas.setFillColor(INK)
        column_width = (self.width - 2 * BOX_PAD) / self.columns
        top = self.height - BOX_TITLE_HEIGHT - BOX_SIZE
        current = ""
        for index, lines in enumerate(self.laid):
            left = BOX_PAD + index * column_width
            for row, line in enumerate(lines):
                for x, font, text in line:
                    if font != current:  # a name after a name: the same font, set once
                        canvas.setFont(font, BOX_SIZE)
                        current = font
                    canvas.drawString(left + x, top - row * BOX_LEADING, text)
        if self.sentence:
            rows = max((len(c) for c in self.laid), default=0)
            canvas.setFont(SANS, BOX_SIZE)
            canvas.drawString(BOX_PAD, top - rows * BOX_LEADING, self.sentence)
        canvas.restoreState()


def _not_box(section: OverviewSection, width: float) -> _NotBox:
    """Who may not appear: two columns on landscape (half the height, so a group fits one sheet)."""
    lines = _not_lines(section)
    sentence = ""
    if not lines:
        sentence = "Iedereen in deze groep heeft voor alle doelen toestemming."
    elif len(lines) == 1 and lines[0][0] == "Voor geen enkel doel:":
        sentence = "Alle andere leerlingen hebben voor alle doelen toestemming."
    return _NotBox(lines, sentence, 2 if width > 200 * mm and len(lines) > 2 else 1)


def _with_reason(name: str, state: ConsentState) -> str:
    reason = _REASONS.get(state)
    return f"{name} ({reason})" if reason else name


@dataclass(frozen=True)
class _CellStyles:
    """The few cell styles of a grid, shared by all its cells: ReportLab would otherwise make a
    CellStyle per cell and apply each table-wide style command to every cell (a third of the table's
    cost), and it skips the font and colour checks between cells that share one style."""

    header_name: CellStyle
    header: CellStyle
    name: CellStyle
    mark: CellStyle
    not_mark: CellStyle  # bold: anything but JA

    def row(self, states: tuple[ConsentState, ...]) -> list[CellStyle]:
        return [self.name, *(self.mark if s is ConsentState.GRANTED else self.not_mark for s in states)]


def _cell_style(name: str, font: str, size: float, leading: float, left: float, right: float,
                **extra: Any) -> CellStyle:  # fmt: skip
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, size, leading
    style.leftPadding, style.rightPadding = left, right
    style.topPadding = style.bottomPadding = CELL_PADDING
    style.valign = "MIDDLE"
    for key, value in extra.items():
        setattr(style, key, value)
    return style


def _cell_styles(mark_size: float) -> _CellStyles:
    """New per grid (ReportLab could change a cell style in place; no style leaks into the next)."""
    header = {"color": ACCENT, "alignment": "CENTER"}
    return _CellStyles(
        # ReportLab's default padding (6) beside "Leerling"; narrow columns: room for "Nieuwsbrief".
        _cell_style("header_name", SANS_BOLD, HEADER_SIZE, HEADER_SIZE + 1.2, 6, 6, **header),
        _cell_style("header", SANS_BOLD, HEADER_SIZE, HEADER_SIZE + 1.2, 1.5, 1.5, **header),
        _cell_style("name", SANS, CELL_SIZE, CELL_LEADING, 6, 6),
        # Marks left-aligned behind a fixed indent: centring costs a width measurement per cell, and
        # "JA"/"NEE" read just as well this way. One line per pupil: "? geen antw." does not wrap.
        _cell_style("mark", SANS, CELL_SIZE, CELL_LEADING, 3, 1),
        _cell_style("not_mark", SANS_BOLD, mark_size, mark_size * 1.2, 3, 1),
    )


_GRID_LINES: tuple[tuple[Any, ...], ...] = (
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
    ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, GRID),
)


def _fills(r: int, states: tuple[ConsentState, ...]) -> list[tuple[Any, ...]]:
    """Background commands of one row: a run of neighbouring cells in the same colour is one rectangle."""
    commands: list[tuple[Any, ...]] = []
    run_start, run_fill = 0, None
    for c, state in enumerate((*states, ConsentState.GRANTED), start=1):  # the sentinel ends the last run
        fill = None if state is ConsentState.GRANTED else _FILLS[state]
        if fill is not run_fill:
            if run_fill is not None:
                commands.append(("BACKGROUND", (run_start, r), (c - 1, r), run_fill))
            run_start, run_fill = c, fill
    return commands


def _mark_size(cell_width: float) -> float:
    """The widest mark on one line: a little smaller where the columns are narrow (six on portrait)."""
    return min(CELL_SIZE, CELL_SIZE * (cell_width - 4.5) / _widest_mark())


@cache
def _widest_mark() -> float:
    return max(float(stringWidth(text, SANS_BOLD, CELL_SIZE)) for text in _MARK_TEXT.values())


def _grid(section: OverviewSection, width: float) -> Table:
    columns = len(section.purposes)
    cell_width = (width - NAME_WIDTH) / max(columns, 1)
    cells = _cell_styles(_mark_size(cell_width))
    # Plain strings wrapped here, not Paragraphs: the header repeats on every page and Paragraph
    # wrapping of it costs more than all the marks together.
    header: list[Any] = ["Leerling"] + [
        _wrap(p.split(), cell_width - 3, SANS_BOLD, HEADER_SIZE) for p in section.purposes
    ]
    data: list[list[Any]] = [header]
    styles_: list[list[CellStyle]] = [[cells.header_name] + [cells.header] * columns]
    commands: list[tuple[Any, ...]] = list(_GRID_LINES)
    for r, row in enumerate(section.rows, start=1):
        name = f"{row.name} ({row.note})" if row.note else row.name
        data.append([_fit(name, NAME_WIDTH - 8), *(_MARK_TEXT[state] for state in row.states)])
        styles_.append(cells.row(row.states))
        commands += _fills(r, row.states)
    return Table(
        data,
        colWidths=[NAME_WIDTH] + [cell_width] * columns,
        repeatRows=1,
        style=commands,
        hAlign="LEFT",
        cellStyles=styles_,
    )


def _legend(width: float) -> tuple[tuple[str, bool], ...]:
    """The legend, printed once per page by the page template (not repeated in every group's story)."""
    parts = [f"{mark} = {text}" for mark, _label, text in status_legend()]
    lines = _wrap(["Uitleg:", *[f"{p}{' ·' if i < len(parts) - 1 else '.'}" for i, p in enumerate(parts)]],
                  width, SANS, FOOTNOTE_SIZE).split("\n")  # fmt: skip
    return (*((line, False) for line in lines), (RULE_TEXT, True))


def _heading_markup(group_name: str, facts: str) -> str:
    return (
        f'Groep {escape(group_name)}<font name="{SANS}" size="8.5" color="{MUTED.hexval()}">'
        f"&nbsp;&nbsp;&nbsp;{escape(facts)}</font>"
    )


class _Heading(Paragraph):  # type: ignore[misc]  # ReportLab ships no type hints
    """A group's heading: made from the fragments of one heading parsed per PDF (parsing the markup of
    every group's heading cost as much as drawing it), and wrapped once per width (the page layout
    asks twice)."""

    def __init__(self, text: str, style: ParagraphStyle, frags: list[Any]) -> None:
        super().__init__(text, style, frags=frags)
        self._wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != avail_width:
            self._wrapped = (avail_width, super().wrap(avail_width, avail_height))
        return self._wrapped[1]


class _Headings:
    """Group headings ("Groep 5   Schooljaar ... · stand van ..."), all from one parsed heading."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style
        self.model = Paragraph(_heading_markup("X", "F"), style).frags  # bold name, 3 spaces, facts

    def make(self, group_name: str, facts: str) -> Paragraph:
        name = f"Groep {group_name}"
        plain = all(escape(t) == t and " ".join(t.split()) == t for t in (name, facts))
        if not plain or len(self.model) != 5:  # markup characters or odd spacing: parse this one
            return Paragraph(_heading_markup(group_name, facts), self.style)
        frags = [f.clone() for f in self.model]
        frags[0].text, frags[-1].text = name, facts
        return _Heading(_heading_markup(group_name, facts), self.style, frags)


def _section(
    overview: ConsentOverview, section: OverviewSection, width: float, sheet: dict[str, ParagraphStyle],
    headings: _Headings,
) -> list[Flowable]:  # fmt: skip
    facts = (
        f"Schooljaar {overview.school_year} · formulier versie {overview.form_number} · "
        f"{len(section.rows)} leerlingen · stand van {overview.status_date}"
    )
    story: list[Flowable] = [
        headings.make(section.group_name, facts),
        _not_box(section, width),
        Spacer(1, 2.5 * mm),
    ]
    if section.rows:
        story.append(_grid(section, width))
    else:
        story.append(Paragraph("Er staan geen leerlingen in deze groep.", sheet["body"]))
    return story


def render_consent_overview(overview: ConsentOverview) -> bytes:
    """All sections in one PDF, each group starting on a new page."""
    register_fonts()
    columns = max((len(s.purposes) for s in overview.sections), default=0)
    wide = columns > LANDSCAPE_FROM
    page_width = landscape(A4)[0] if wide else A4[0]
    width = page_width - 2 * MARGIN_X
    info = DocumentInfo(
        TITLE,
        overview.school_name,
        generated_at=overview.generated_at,
        landscape=wide,
        footnote=_legend(width),
        title_block=False,
    )
    sheet = styles()  # one set of paragraph styles for the whole PDF
    headings = _Headings(sheet["h2"])
    story: list[Flowable] = []
    for index, section in enumerate(overview.sections):
        if index:
            story.append(PageBreak())
        story += _section(overview, section, width, sheet, headings)
    if not overview.sections:
        story.append(Paragraph("Er zijn nog geen groepen met leerlingen.", sheet["body"]))
    return build_pdf(info, story)


__all__ = ["ConsentOverview", "OverviewRow", "OverviewSection", "render_consent_overview"]
