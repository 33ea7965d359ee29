"""Finding the header row and the lines that are not data (title rows, footers, total lines).

Report exports (ParnasSys "Overzicht leerlingen per groep", a school's own breach register) put title
rows and a blank row above the header and a line "Aantal leerlingen: 29" below the data. The header is
the row among the first :data:`SEARCH_ROWS` non-blank rows whose cells match the most known captions
(the synonyms of the import's fields); the first such row wins a tie. Without known captions the first
non-blank row is the header, so that ``--map`` still works on an unusual file.

Pure functions on lists of cells, no I/O: :mod:`tabular` calls them, the tests call them directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ibp_desktop.importers.values import Cell, fold

__all__ = ["SEARCH_ROWS", "SkippedRow", "caption_matches", "find_header", "is_footer"]

SEARCH_ROWS = 30
_MIN_PREFIX = 6  # as in mapping._score: "geboortedatum (dd-mm-jjjj)" finds "geboortedatum"
_MIN_MATCHES = 2  # one matching cell could be a title ("Leerlingen groep 3")
_FOOTER = re.compile(
    r"^\s*(aantal|totaal|total|subtotaal|som|afgedrukt|gedrukt|geprint|printdatum|datum afdruk|pagina|page|"
    r"gegenereerd|aangemaakt|bron|einde|end of)\b",
    re.IGNORECASE,
)
_FOOTER_MAX_CELLS = 2
# "Groep 3" alone on a row between the pupils of a report per group: a heading, not a pupil.
_SECTION = re.compile(
    r"^\s*(?:(?:groep|klas|jaargroep|stamgroep|unit|bouw|schooljaar|jaar|periode)\b.{0,40}"
    r"|\d{4}(?:\s*[-/]\s*\d{4})?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not data: ``row`` as the spreadsheet numbers it, ``text`` its filled cells."""

    row: int
    kind: str  # "titel" (above the header) or "totaal" (a footer or total line)
    text: str

    def __str__(self) -> str:
        what = "boven de kopregel" if self.kind == "titel" else "totaal-, tussen- of voetregel"
        return f"Rij {self.row} ({what}): {self.text}"


def _folded_captions(captions: Sequence[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    folded = {fold(c) for c in captions if fold(c)}
    return frozenset(folded), tuple(sorted((c for c in folded if len(c) >= _MIN_PREFIX), key=len))


def caption_matches(row: Sequence[Cell], captions: Sequence[str]) -> int:
    """How many cells of ``row`` are known captions (exact, or starting with a long caption)."""
    exact, long = _folded_captions(captions)
    return _count(row, exact, long)


def _count(row: Sequence[Cell], exact: frozenset[str], long: tuple[str, ...]) -> int:
    count = 0
    for cell in row:
        if not isinstance(cell, str):
            continue
        text = fold(cell)
        if text and (text in exact or any(text.startswith(c) for c in long)):
            count += 1
    return count


def _filled(row: Sequence[Cell]) -> list[Cell]:
    return [c for c in row if c is not None]


def find_header(records: Sequence[Sequence[Cell]], captions: Sequence[str]) -> int | None:
    """Index of the header row in ``records``; None when every row is blank."""
    exact, long = _folded_captions(captions)
    candidates = [i for i, r in enumerate(records) if _filled(r)][:SEARCH_ROWS]
    if not candidates:
        return None
    best, best_count = candidates[0], 0
    for index in candidates:
        count = _count(records[index], exact, long)
        if count > best_count:
            best, best_count = index, count
    return best if best_count >= _MIN_MATCHES else candidates[0]


def _row_text(row: Sequence[Cell]) -> str:
    parts = [c.strftime("%d-%m-%Y") if isinstance(c, date) else str(c) for c in _filled(row)]
    return " ".join(" ".join(parts).split())


def is_footer(row: Sequence[Cell]) -> bool:
    """A total or footer line: at most two filled cells, starting with "Aantal", "Totaal", "Pagina" ...;
    or a heading "Groep 3" alone on its row."""
    filled = _filled(row)
    if not filled or len(filled) > _FOOTER_MAX_CELLS:
        return False
    text = _row_text(row)
    return bool(_FOOTER.match(text)) or (len(filled) == 1 and bool(_SECTION.match(text)))


def title_rows(records: Sequence[Sequence[Cell]], header: int) -> list[SkippedRow]:
    return [SkippedRow(i + 1, "titel", _row_text(r)) for i, r in enumerate(records[:header]) if _filled(r)]


def footer_row(row: Sequence[Cell], number: int) -> SkippedRow:
    return SkippedRow(number, "totaal", _row_text(row))
