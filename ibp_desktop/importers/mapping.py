"""Which column holds which field: guessing from the usual Dutch headers, the user's corrections,
and reading rows through the mapping.

A mapping is ``dict[field key, column index]`` (0-based); a field that is not in the dict is not
in the file. Headers are compared case-, space-, punctuation- and accent-insensitively, so
"Leerling nr", "leerlingnr." and "LEERLINGNUMMER" all find the pupil number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ibp_desktop.importers.problems import ImportProblem, ImportRejected, ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import Cell, CellError, cell_text, fold

__all__ = [
    "ColumnMapping",
    "FieldSpec",
    "MappedRow",
    "apply_overrides",
    "guess_mapping",
    "mapped_rows",
    "missing_fields",
]

ColumnMapping = dict[str, int]
T = TypeVar("T")

_MIN_PREFIX = 6  # "geboortedatum (dd-mm-jjjj)" finds "geboortedatum"; "naam ouder" does not find "naam"


@dataclass(frozen=True)
class FieldSpec:
    """One field an import understands. ``synonyms`` are header spellings, best first."""

    key: str
    label_nl: str
    required: bool
    synonyms: tuple[str, ...]


def _score(header: str, synonyms: Sequence[str]) -> int:
    """100 - position for an exact match, 50 - position when the header starts with a long synonym."""
    folded = fold(header)
    best = 0
    for position, synonym in enumerate(fold(s) for s in synonyms):
        if folded == synonym:
            best = max(best, 100 - position)
        elif len(synonym) >= _MIN_PREFIX and folded.startswith(synonym):
            best = max(best, 50 - position)
    return best


def guess_mapping(headers: Sequence[str], specs: Sequence[FieldSpec]) -> ColumnMapping:
    """Best guess, each column used once: the strongest (field, column) matches are taken first."""
    candidates = sorted(
        (
            (score, -column, spec.key, column)
            for spec in specs
            for column, header in enumerate(headers)
            if (score := _score(header, (spec.label_nl, *spec.synonyms))) > 0
        ),
        reverse=True,
    )
    mapping: ColumnMapping = {}
    used: set[int] = set()
    for _score_value, _order, key, column in candidates:
        if key not in mapping and column not in used:
            mapping[key] = column
            used.add(column)
    return mapping


def _find_spec(name: str, specs: Sequence[FieldSpec]) -> FieldSpec | None:
    wanted = fold(name)
    return next((s for s in specs if wanted in (fold(s.key), fold(s.label_nl))), None)


def _find_column(value: int | str, headers: Sequence[str]) -> int | None:
    if isinstance(value, int):
        return value if 0 <= value < len(headers) else None
    wanted = fold(value)
    exact = next((i for i, h in enumerate(headers) if fold(h) == wanted), None)
    if exact is None and value.strip().isdigit() and 1 <= int(value) <= len(headers):
        return int(value) - 1  # a 1-based column number
    return exact


def apply_overrides(
    headers: Sequence[str],
    specs: Sequence[FieldSpec],
    mapping: Mapping[str, int],
    overrides: Mapping[str, int | str | None],
) -> ColumnMapping:
    """The user's corrections on top of a mapping.

    Keys are field keys or Dutch labels; values a column index (int), a header text or 1-based
    column number (str), or None / "" for "not in this file". A column chosen by the user is taken
    away from any guessed field that had it. Unknown names raise ImportRejected.
    """
    result = dict(mapping)
    problems: list[ImportProblem] = []
    for name, value in overrides.items():
        spec = _find_spec(name, specs)
        if spec is None:
            known = ", ".join(s.key for s in specs)
            problems.append(ImportProblem(None, None, name, f"Onbekend veld '{name}'. Kies uit: {known}."))
            continue
        if value is None or value == "":
            result.pop(spec.key, None)
            continue
        column = _find_column(value, headers)
        if column is None:
            shown = ", ".join(f"'{h}'" for h in headers)
            problems.append(
                ImportProblem(
                    None, None, str(value), f"Kolom '{value}' staat niet in het bestand. Kolommen: {shown}."
                )
            )
            continue
        for key in [k for k, c in result.items() if c == column and k != spec.key]:
            del result[key]
        result[spec.key] = column
    if problems:
        raise ImportRejected(problems)
    return result


def unused_headers(headers: Sequence[str], mapping: Mapping[str, int]) -> tuple[str, ...]:
    """The headers no field reads, in the file's order (a preview shows them so the user can map them)."""
    used = set(mapping.values())
    return tuple(header for column, header in enumerate(headers) if column not in used)


def mapping_lines(
    specs: Sequence[FieldSpec], headers: Sequence[str], mapping: Mapping[str, int]
) -> list[str]:
    """Which column each field is read from, one line a field: "Ontdekt op <- kolom 'Datum ontdekking'"."""
    labels = {spec.key: spec.label_nl for spec in specs}
    return [f"{labels[key]} <- kolom '{headers[column]}'" for key, column in mapping.items()]


def missing_fields(mapping: Mapping[str, int], specs: Sequence[FieldSpec]) -> list[ImportProblem]:
    return [
        ImportProblem(
            None,
            None,
            None,
            f"Geen kolom gevonden voor '{spec.label_nl}'. "
            f"Geef aan welke kolom de {spec.label_nl.lower()} bevat.",
        )
        for spec in specs
        if spec.required and spec.key not in mapping
    ]


@dataclass(frozen=True)
class MappedRow:
    """One data row seen through the mapping; messages name the column as the file does."""

    number: int
    cells: dict[str, Cell]
    columns: dict[str, str]

    def raw(self, key: str) -> Cell:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return cell_text(self.cells.get(key))

    def has(self, key: str) -> bool:
        return key in self.columns

    def value(self, key: str, parse: Callable[[Cell], T], problems: ProblemList) -> T | None:
        """``parse`` the cell; on CellError record the problem (row, column, value) and return None."""
        try:
            return parse(self.cells.get(key))
        except CellError as error:
            problems.add(self.number, self.columns.get(key, key), cell_text(self.cells.get(key)), str(error))
            return None


def mapped_rows(table: Table, mapping: Mapping[str, int]) -> Iterator[MappedRow]:
    """Every non-blank data row with its spreadsheet row number."""
    columns = {key: table.headers[index] for key, index in mapping.items()}
    for index, row in enumerate(table.rows):
        if all(c is None for c in row):
            continue
        yield MappedRow(table.row_number(index), {key: row[i] for key, i in mapping.items()}, columns)
