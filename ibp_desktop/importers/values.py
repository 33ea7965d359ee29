"""Parsing the values found in school exports: Dutch dates, groups, names, yes/no.

Each parser takes a cell (``str``, ``date`` or ``None``, as :mod:`tabular` delivers it) and returns
the clean value or raises :class:`CellError` with a Dutch sentence about the value, e.g.
"31-02-2016 bestaat niet." The caller adds the row and column (see ``MappedRow`` in
:mod:`mapping`), which gives the full message "Rij 8, kolom 'Geboortedatum': 31-02-2016 bestaat niet."
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from ibp_desktop.importers.problems import ImportProblem, ImportRejected

__all__ = [
    "Cell",
    "CellError",
    "ImportProblem",
    "ImportRejected",
    "cell_text",
    "fold",
    "format_date",
    "group_order",
    "normalise_group",
    "parse_date",
    "parse_yes_no",
    "split_full_name",
]

Cell = str | date | None

_DATE_EXAMPLE = "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 28-11-2016."
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_DMY_SHORT_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2}")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1-1-1900, counting Excel's phantom 29-2-1900


class CellError(ValueError):
    """A value that cannot be used; the message is Dutch and names the value."""


def format_date(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def cell_text(value: Cell) -> str:
    """A cell as the user would read it: dates as 28-11-2016, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return value


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"{shown} bestaat niet.") from None


def parse_date(value: Cell) -> date:
    """dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj, dd.mm.jjjj, jjjj-mm-dd, jjjjmmdd, Excel dates and serials."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    if not text:
        raise CellError(f"De datum ontbreekt. {_DATE_EXAMPLE}")
    if match := _DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return _make_date(year, month, day, text)
    if match := _YMD.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, text)
    if match := _COMPACT.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, text)
    if _EXCEL_SERIAL.fullmatch(text):
        # A date cell that lost its format shows as a day number, e.g. 42736 = 01-01-2017.
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    if _DMY_SHORT_YEAR.fullmatch(text):
        raise CellError(f"{text} heeft een jaartal van twee cijfers. Schrijf het jaar voluit: 28-11-2016.")
    raise CellError(f"'{text}' is geen datum. {_DATE_EXAMPLE}")


_GROUP_PREFIX = re.compile(r"^(?:jaargroep|groep|gr\.?|klas)\s*(?=\d)", re.IGNORECASE)
_COMBINED = re.compile(r"^(\d)\s*[-/+&]\s*(\d)(.*)$")
MAX_GROUP_LENGTH = 20


def normalise_group(value: Cell) -> str | None:
    """ "groep 5a" -> "5a", "1-2" and "1 / 2" -> "1/2", "8B" stays "8B"; empty -> None.

    Names that are not numbers ("Instroom", "Zonnebloem") are kept as written.
    """
    if value is None:
        return None
    text = " ".join(cell_text(value).split())
    if not text:
        return None
    text = _GROUP_PREFIX.sub("", text)
    if match := _COMBINED.match(text):
        text = f"{match.group(1)}/{match.group(2)}{match.group(3).strip()}"
    if len(text) > MAX_GROUP_LENGTH:
        raise CellError(f"De groepsnaam '{text}' is te lang (hoogstens {MAX_GROUP_LENGTH} tekens).")
    return text


def group_order(name: str) -> tuple[int, str]:
    """Sorts groups as a school does: 1/2a, 1/2b, 3, 4, ... 8, then named groups."""
    digits = re.match(r"\d+", name)
    return (int(digits.group()) if digits else 99, name.casefold())


# Dutch infixes (tussenvoegsels) plus the common French, German and Portuguese ones of the
# Dutch civil registry. Only lower-case words count: "Van Damme" (Flemish) keeps "Van" in the name.
_INFIX_TEXT = (
    "van de der den het 't ter ten te in op onder aan bij uit voor over 'n "
    "d' l' la le du des di da del della dos das do von vom zu zur am"
)
_INFIX_WORDS = frozenset(_INFIX_TEXT.split())


def _infix_run(tokens: list[str], start: int) -> int:
    """Index after the run of infix words that starts at ``start``."""
    end = start
    while end < len(tokens) and tokens[end] in _INFIX_WORDS:
        end += 1
    return end


def split_full_name(value: Cell) -> tuple[str, str, str]:
    """Split one name column into (first name, infix, last name).

    "Berg-de Vries, Anne-Fleur van der" and "Anne-Fleur van der Berg-de Vries" both give
    ("Anne-Fleur", "van der", "Berg-de Vries"). Without a comma the first word is the first name.
    """
    text = " ".join(cell_text(value).split())
    if "," in text:
        last_part, _, first_part = (p.strip() for p in text.partition(","))
        last_tokens, first_tokens = last_part.split(), first_part.split()
        lead = _infix_run(last_tokens, 0)  # "van der Berg, Anne"
        if lead and lead < len(last_tokens):
            return first_part, " ".join(last_tokens[:lead]), " ".join(last_tokens[lead:])
        cut = len(first_tokens)
        while cut > 1 and first_tokens[cut - 1] in _INFIX_WORDS:
            cut -= 1
        return " ".join(first_tokens[:cut]), " ".join(first_tokens[cut:]), last_part
    tokens = text.split()
    if len(tokens) < 2:
        return "", "", text
    for start in range(1, len(tokens) - 1):
        end = _infix_run(tokens, start)
        if end > start and end < len(tokens):
            return " ".join(tokens[:start]), " ".join(tokens[start:end]), " ".join(tokens[end:])
    return tokens[0], "", " ".join(tokens[1:])


_YES = frozenset({"ja", "j", "yes", "y", "1", "x", "true", "waar", "akkoord", "toestemming", "wel", "✓", "✔"})
_NO = frozenset({"nee", "n", "no", "0", "false", "onwaar", "geen toestemming", "niet", "geen", "-"})


def parse_yes_no(value: Cell) -> bool | None:
    """ "ja"/"nee" and their usual spellings; empty -> None (no answer)."""
    text = " ".join(cell_text(value).casefold().split())
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"'{cell_text(value)}' is geen ja of nee. Vul ja, nee of niets in.")


def fold(text: str) -> str:
    """Text for matching: lower case, no accents, no spaces or punctuation ("Anne-Fleur" = "anne fleur")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


# Letters that have no combining mark in Unicode decomposition.
_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ß": "ss"}
)
