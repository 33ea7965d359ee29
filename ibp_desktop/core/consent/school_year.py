"""Dutch school years (1 August - 31 July) and age calculations.

Pure domain logic: no I/O, no clock. Callers pass the dates they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "SchoolYear",
    "age_on",
    "nth_birthday",
    "school_year_of",
    "sixteenth_birthday",
]

_FIRST_MONTH = 8  # a school year starts on 1 August ...
_LAST_MONTH = 7  # ... and ends on 31 July of the next calendar year
_LABEL_RE = re.compile(r"(\d{4})\s*[-/]\s*(\d{4})")
_LABEL_EXAMPLE = "2026-2027"


def _bad_label(label: str) -> ValueError:
    return ValueError(f"Schooljaar '{label}' bestaat niet. Gebruik de vorm {_LABEL_EXAMPLE}.")


@dataclass(frozen=True, order=True, slots=True)
class SchoolYear:
    """A school year, identified by the calendar year in which it starts (1 August)."""

    start_year: int

    def __post_init__(self) -> None:
        # ``date`` supports years 1-9999; the school year also needs the next calendar year.
        if not 1 <= self.start_year <= 9998:
            raise ValueError(f"Schooljaar {self.start_year} ligt buiten het geldige bereik (1-9998).")

    @property
    def label(self) -> str:
        """The Dutch notation, e.g. ``"2026-2027"``."""
        return f"{self.start_year:04d}-{self.start_year + 1:04d}"

    @property
    def starts_on(self) -> date:
        """First day: 1 August of ``start_year``."""
        return date(self.start_year, _FIRST_MONTH, 1)

    @property
    def ends_on(self) -> date:
        """Last day: 31 July of the following calendar year."""
        return date(self.start_year + 1, _LAST_MONTH, 31)

    def contains(self, d: date) -> bool:
        """Whether ``d`` lies in this school year (both ends inclusive)."""
        return self.starts_on <= d <= self.ends_on

    def next(self) -> SchoolYear:
        return SchoolYear(self.start_year + 1)

    def previous(self) -> SchoolYear:
        return SchoolYear(self.start_year - 1)

    @classmethod
    def from_label(cls, label: str) -> SchoolYear:
        """Parse ``"2026-2027"`` or ``"2026/2027"`` (surrounding spaces allowed).

        Raises ``ValueError`` with a Dutch message for anything else, including two years
        that do not follow each other ("2026-2028").
        """
        match = _LABEL_RE.fullmatch(label.strip())
        if match is None:
            raise _bad_label(label)
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1 or not 1 <= first <= 9998:
            raise _bad_label(label)
        return cls(first)

    def __str__(self) -> str:
        return self.label


def school_year_of(d: date) -> SchoolYear:
    """The school year that contains ``d``."""
    return SchoolYear(d.year if d.month >= _FIRST_MONTH else d.year - 1)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on``.

    Someone born on 29 February turns a year older on 1 March in a non-leap year
    (consistent with :func:`nth_birthday`).
    """
    if on < date_of_birth:
        raise ValueError(f"Datum {on.isoformat()} ligt vóór de geboortedatum {date_of_birth.isoformat()}.")
    not_yet = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(not_yet)


def nth_birthday(date_of_birth: date, years: int) -> date:
    """The date on which someone born on ``date_of_birth`` turns ``years`` old.

    A 29 February birthday falls on 1 March in a non-leap year.
    """
    if years < 0:
        raise ValueError("Het aantal jaren mag niet negatief zijn.")
    year = date_of_birth.year + years
    try:
        return date_of_birth.replace(year=year)
    except ValueError:  # 29 February in a non-leap year
        return date(year, 3, 1)


def sixteenth_birthday(date_of_birth: date) -> date:
    """The day the pupil turns 16 and decides on image consent themselves."""
    return nth_birthday(date_of_birth, 16)
