"""Dutch name display and sorting.

A Dutch name has a first name, an optional infix (*tussenvoegsel*: "van der", "de", "in 't")
and a last name. Lists are sorted on the last name without the infix:
"Berg-de Vries, Anne-Fleur van der".
"""

from __future__ import annotations

import unicodedata

__all__ = ["collation_key", "display_name", "sort_key"]

# Letters that carry no combining mark in Unicode decomposition, folded for sorting.
_FOLD = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ð": "d",
        "þ": "th",
    }
)


def _clean(part: str) -> str:
    return " ".join(part.split())


def display_name(first_name: str, infix: str, last_name: str) -> str:
    """Full name as written: ``"Anne-Fleur van der Berg-de Vries"``. Empty parts are skipped."""
    return " ".join(p for p in (_clean(first_name), _clean(infix), _clean(last_name)) if p)


def sort_key(first_name: str, infix: str, last_name: str) -> str:
    """Name as listed in Dutch registers: ``"Berg-de Vries, Anne-Fleur van der"``.

    This is the readable form. For ordering a list use :func:`collation_key`, which ignores
    case and diacritics, so that "Şahin" sorts with "Sahin" instead of after "Zwart".
    """
    last = _clean(last_name)
    rest = " ".join(p for p in (_clean(first_name), _clean(infix)) if p)
    if not last:
        return rest
    return f"{last}, {rest}" if rest else last


def _fold(text: str) -> str:
    if text.isascii():  # most names: nothing to decompose or fold (sorting 500 pupils of a school)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_FOLD)


def collation_key(first_name: str, infix: str, last_name: str) -> tuple[str, str, str, str]:
    """Sort key: last name, first name, infix, ignoring case and diacritics.

    The exact spelling is the final tie-breaker, so the order is total and stable.
    """
    return (
        _fold(_clean(last_name)),
        _fold(_clean(first_name)),
        _fold(_clean(infix)),
        sort_key(first_name, infix, last_name),
    )
