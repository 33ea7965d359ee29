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
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
_LONG = re.compile(_WEEKDAY + r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)
_TIME_TAIL = re.compile(r"(.*?\d{4})[ T,]+(?:om\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*uur)?")


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
    """dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj, dd.mm.jjjj, jjjj-mm-dd, jjjjmmdd, "12 maart 2024",
    Excel dates and serials; a time after the date is ignored here."""
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
    if (match := _LONG.fullmatch(text)) and match.group(2).casefold() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).casefold()], int(match.group(3))
        return _make_date(year, month, day, text)
    if match := _TIME_TAIL.fullmatch(text):  # "27-03-2026 10:00": the date part (time: parse_time)
        return parse_date(match.group(1))
    if _EXCEL_SERIAL.fullmatch(text):
        # A date cell that lost its format shows as a day number, e.g. 42736 = 01-01-2017.
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    if _DMY_SHORT_YEAR.fullmatch(text):
        raise CellError(f"{text} heeft een jaartal van twee cijfers. Schrijf het jaar voluit: 28-11-2016.")
    raise CellError(f"'{text}' is geen datum. {_DATE_EXAMPLE}")


_GROUP_PREFIX = re.compile(r"^(?:jaargroep|groep|gr\.?|g\.?|klas)\s*(?=\d)", re.IGNORECASE)
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


_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


def check_name_text(text: str) -> str:
    """Refuse control, bidirectional and zero-width characters: they make a name look like another
    (U+202E turns "Emma" around on screen) and cannot be typed back when searching."""
    for char in text:
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            code = f"U+{ord(char):04X}"
            raise CellError(
                f"De naam bevat een onzichtbaar teken of stuurteken ({code}). Typ de naam opnieuw in "
                "het bronbestand, zonder te kopiëren en plakken."
            )
    return text


LOSSY_HINT = (
    "Het bestand is opgeslagen in een tekenset zonder deze letter (Excel: 'CSV (gescheiden door "
    "lijstscheidingsteken)'), waardoor letters als ş, ı, ł en ễ een '?' zijn geworden. Sla het bestand "
    "in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als Excel-werkmap (.xlsx) en lees het "
    "opnieuw in."
)


def is_lossy(text: str) -> bool:
    """A '?' or U+FFFD inside a word: a letter lost by saving in a code page without it."""
    return "\ufffd" in text or bool(re.search(r"\w\?|\?\w", text))


def number_key(number: str) -> str:
    """Pupil numbers compared as a school means them: "001001" (Magister keeps leading zeros) = "1001"."""
    text = "".join(number.split())
    return (text.lstrip("0") or "0") if text.isdigit() else text.casefold()
