"""Problems found in an import file, and the error that refuses the whole file.

An import is all or nothing: every problem is collected first (row, column, value, what is wrong),
then the file is refused with one message that lists them all, so the user can fix the file in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ibp_desktop.core.errors import BadInputError

NOTHING_IMPORTED = "Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw."


@dataclass(frozen=True)
class ImportProblem:
    """One problem. ``row`` is the row number as the spreadsheet shows it (header = row 1);
    ``row`` and ``column`` are None for problems of the whole file or of the column mapping."""

    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Rij {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(BadInputError):
    """The file is refused as a whole; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[ImportProblem], source_name: str | None = None) -> None:
        self.problems: tuple[ImportProblem, ...] = tuple(problems)
        self.source_name = source_name
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        noun = "probleem" if count == 1 else "problemen"
        head = f"Het bestand {self.source_name}" if self.source_name else "Het bestand"
        lines = [f"{head} heeft {count} {noun}:"]
        lines.extend(f"- {problem}" for problem in self.problems)
        lines.append(NOTHING_IMPORTED)
        return "\n".join(lines)


def file_problem(message: str, source_name: str | None = None) -> ImportRejected:
    """A problem with the file as a whole (unreadable, empty, wrong kind)."""
    return ImportRejected([ImportProblem(None, None, None, message)], source_name)


class ProblemList:
    """Collects problems while rows are checked; ``raise_if_any`` refuses the file at the end."""

    def __init__(self, source_name: str | None = None) -> None:
        self.source_name = source_name
        self.items: list[ImportProblem] = []

    def add(self, row: int | None, column: str | None, value: object, message: str) -> None:
        self.items.append(ImportProblem(row, column, None if value is None else str(value), message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(self.items, self.source_name)
