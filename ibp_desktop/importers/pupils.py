"""The pupil list from ParnasSys, ESIS or Magister: fields, and rows checked into :class:`PupilRecord`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, MappedRow, mapped_rows, missing_fields
from ibp_desktop.importers.problems import ImportProblem, ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import (
    LOSSY_HINT,
    Cell,
    CellError,
    check_name_text,
    fold,
    format_date,
    is_lossy,
    normalise_group,
    number_key,
    parse_date,
    split_full_name,
)

__all__ = [
    "NEVER_IMPORTED",
    "PUPIL_FIELDS",
    "LossyHint",
    "PupilRecord",
    "check_mapping",
    "name_key",
    "never_imported",
    "read_pupils",
]

# Columns the program never reads, whatever the mapping says: a BSN (or ESIS's PGN, which holds one) is
# not needed for privacy administration and may not be stored without a legal ground (AVG art. 87, UAVG).
NEVER_IMPORTED = ("bsn", "pgn", "burgerservicenummer", "sofinummer", "sofi nummer", "persoonsgebonden nummer")
# Given (pupil number, date of birth, group) of a row with a lost letter: the existing pupil it probably is.
LossyHint = Callable[[str | None, date | None, str | None], str | None]


def never_imported(header: str) -> bool:
    folded = fold(header)
    return any(folded.startswith(fold(c)) for c in NEVER_IMPORTED)


PUPIL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "pupil_number",
        "Leerlingnummer",
        False,
        (
            "leerlingnummer",
            "llnr",
            "leerling nr",
            "leerlingnr",
            "lln nr",
            "leerlingid",
            "leerling id",
            "stamnummer",
            "stamnr",
            "nummer",
            "nr",
            "id",
        ),
    ),
    FieldSpec(
        "first_name", "Roepnaam", False, ("roepnaam", "voornaam", "roep naam", "voornamen", "first name")
    ),
    FieldSpec(
        "infix",
        "Tussenvoegsel",
        False,
        (
            "tussenvoegsel",
            "tussenvoegsels",
            "voorvoegsel",
            "voorvoegsels",
            "tussenv",
            "voorv",
            "tv",
            "prefix",
        ),
    ),
    FieldSpec(
        "last_name",
        "Achternaam",
        False,
        (
            "achternaam",
            "geslachtsnaam",
            "familienaam",
            "achternaam zonder tussenvoegsel",
            "last name",
            "surname",
        ),
    ),
    FieldSpec(
        "full_name",
        "Naam",
        False,
        ("naam", "volledige naam", "naam leerling", "leerlingnaam", "leerling", "name", "volledigenaam"),
    ),
    FieldSpec(
        "date_of_birth",
        "Geboortedatum",
        True,
        (
            "geboortedatum",
            "geb datum",
            "gebdatum",
            "geboren",
            "geboren op",
            "datum geboorte",
            "gebdat",
            "date of birth",
            "birthdate",
        ),
    ),
    FieldSpec(
        "group",
        "Groep",
        True,
        (
            "groep",
            "stamgroep",
            "klas",
            "groepsnaam",
            "klasnaam",
            "klas naam",
            "groep naam",
            "huidige groep",
            "basisgroep",
            "jaargroep",
            "class",
        ),
    ),
    FieldSpec(
        "enrolled_on",
        "Datum inschrijving",
        False,
        (
            "datum inschrijving",
            "inschrijfdatum",
            "inschrijvingsdatum",
            "ingeschreven op",
            "datum in school",
            "datum in",
            "instroomdatum",
            "datum instroom",
            "begindatum",
            "startdatum",
        ),
    ),
    FieldSpec(
        "deregistered_on",
        "Datum uitschrijving",
        False,
        (
            "datum uitschrijving",
            "uitschrijfdatum",
            "uitschrijvingsdatum",
            "uitgeschreven op",
            "datum uit school",
            "datum uit",
            "uitstroomdatum",
            "datum uitstroom",
            "einddatum",
        ),
    ),
)
_LIMITS = {"pupil_number": 20, "first_name": 100, "infix": 30, "last_name": 150}
_OLDEST_PUPIL_YEARS = 25  # special (basis)onderwijs has pupils up to about 20


@dataclass(frozen=True)
class PupilRecord:
    """One checked row of the file. ``None`` means "not in the file" (the database keeps its value),
    except for ``deregistered_on``, where None means "enrolled"."""

    row: int
    pupil_number: str | None
    first_name: str
    infix: str
    last_name: str
    date_of_birth: date
    group_name: str | None
    enrolled_on: date | None
    deregistered_on: date | None
    name_in_one_column: bool = False  # split from "Naam": compare the whole name, not the parts

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.infix, self.last_name)

    @property
    def label(self) -> str:
        """ "1234 Anne-Fleur van der Berg-de Vries (03-05-2018)" for lists."""
        number = f"{self.pupil_number} " if self.pupil_number else ""
        return f"{number}{self.display_name} ({format_date(self.date_of_birth)})"


def name_key(first_name: str, infix: str, last_name: str, born: date) -> tuple[str, date]:
    """Matching key: the full name without case, accents, spaces or hyphens, plus the birth date."""
    return (fold(display_name(first_name, infix, last_name)), born)


def check_mapping(
    mapping: ColumnMapping, headers: Sequence[str] = ()
) -> tuple[ColumnMapping, list[ImportProblem]]:
    """Use separate name columns when present, else the one name column; report what is missing."""
    used = dict(mapping)
    problems_bsn = [
        ImportProblem(
            None,
            headers[column],
            None,
            "Deze kolom bevat een BSN of PGN. Dat nummer neemt het programma nooit over; kies een andere "
            "kolom (het leerlingnummer).",
        )
        for column in used.values()
        if column < len(headers) and never_imported(headers[column])
    ]
    if "last_name" in used:
        used.pop("full_name", None)
    problems = problems_bsn + missing_fields(used, PUPIL_FIELDS)
    if "last_name" not in used and "full_name" not in used:
        problems.append(
            ImportProblem(
                None,
                None,
                None,
                "Geen kolom gevonden voor de naam. Geef aan welke kolom de achternaam bevat (met roepnaam en "
                "tussenvoegsel), of welke kolom de hele naam bevat.",
            )
        )
    return used, problems


def read_pupils(
    table: Table, mapping: ColumnMapping, today: date, hint: LossyHint | None = None
) -> list[PupilRecord]:
    """Check every row; ImportRejected lists every problem of the file (nothing half-read).

    ``hint`` names the existing pupil a row with a lost letter ("Ay?e") probably is.
    """
    used, mapping_problems = check_mapping(mapping, table.headers)
    problems = ProblemList(table.source_name)
    problems.items.extend(mapping_problems)
    problems.raise_if_any()
    rows = list(mapped_rows(table, used))
    records = [r for row in rows if (r := _record(row, today, problems, hint)) is not None]
    _check_numbers(rows, problems)  # on every row, also those with other problems
    _check_names(records, used, table, problems)
    if any(_LOSSY_MARK in p.message for p in problems.items):
        problems.add(None, None, None, LOSSY_HINT)  # the explanation once, above the rows
    problems.items.sort(key=lambda p: p.row or 0)  # stable: per row in the order found
    problems.raise_if_any()
    return records


def _names(row: MappedRow, problems: ProblemList, hint: LossyHint | None) -> tuple[str, str, str] | None:
    if row.has("full_name"):
        first, infix, last = split_full_name(row.raw("full_name"))
        column = "full_name"
    else:
        first, infix, last = (" ".join(row.text(k).split()) for k in ("first_name", "infix", "last_name"))
        column = "last_name"
    if not last:
        problems.add(row.number, row.columns[column], "", "De naam ontbreekt. Vul de achternaam in.")
        return None
    whole = display_name(first, infix, last)
    if is_lossy(whole):
        problems.add(row.number, row.columns[column], whole, _lossy_message(row, whole, hint))
        return None
    ok = True
    for key, value in (("first_name", first), ("infix", infix), ("last_name", last)):
        where = row.columns.get(key, row.columns[column])
        try:
            check_name_text(value)
        except CellError as error:
            problems.add(row.number, where, value.encode("unicode_escape").decode("ascii"), str(error))
            ok = False
        else:
            if len(value) > _LIMITS[key]:
                problems.add(row.number, where, value, "Deze naam is te lang.")
                ok = False
    return (first, infix, last) if ok else None


_LOSSY_MARK = "waar een letter hoort"


def _lossy_message(row: MappedRow, name: str, hint: LossyHint | None) -> str:
    message = f"In de naam '{name}' staat een '?' {_LOSSY_MARK} (zie boven)."
    if hint is None:
        return message
    try:
        born: date | None = parse_date(row.raw("date_of_birth"))
    except CellError:
        born = None
    try:
        group = normalise_group(row.raw("group"))
    except CellError:
        group = None
    match = hint(row.text("pupil_number") or None, born, group)
    return f"{message} Deze rij hoort waarschijnlijk bij {match}." if match else message


def _birth_date(today: date) -> Callable[[Cell], date]:
    def parse(cell: Cell) -> date:
        born = parse_date(cell)
        if born >= today:
            raise CellError(f"{format_date(born)} ligt niet in het verleden.")
        if today.year - born.year > _OLDEST_PUPIL_YEARS:
            raise CellError(f"{format_date(born)} kan niet kloppen voor een leerling van een basisschool.")
        return born

    return parse


def _optional_date(cell: Cell) -> date | None:
    return None if cell is None else parse_date(cell)


def _pupil_number(cell: Cell) -> str | None:
    text = "" if cell is None else " ".join(str(cell).split())
    if len(text) > _LIMITS["pupil_number"]:
        raise CellError(f"Leerlingnummer '{text}' is te lang (hoogstens {_LIMITS['pupil_number']} tekens).")
    return text or None


def _record(row: MappedRow, today: date, problems: ProblemList, hint: LossyHint | None) -> PupilRecord | None:
    before = len(problems.items)
    names = _names(row, problems, hint)
    born = row.value("date_of_birth", _birth_date(today), problems)
    number = row.value("pupil_number", _pupil_number, problems) if row.has("pupil_number") else None
    group = row.value("group", normalise_group, problems)
    enrolled = row.value("enrolled_on", _optional_date, problems) if row.has("enrolled_on") else None
    left = row.value("deregistered_on", _optional_date, problems) if row.has("deregistered_on") else None
    if names is None or born is None or len(problems.items) > before:
        return None
    return PupilRecord(row.number, number, *names, born, group, enrolled, left, row.has("full_name"))


def _check_numbers(rows: Sequence[MappedRow], problems: ProblemList) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        number = " ".join(row.text("pupil_number").split())
        if not number:
            continue
        first = first_row.setdefault(number_key(number), row.number)
        if first != row.number:
            problems.add(
                row.number,
                row.columns["pupil_number"],
                number,
                f"Leerlingnummer {number} staat ook op rij {first}. "
                "Elk leerlingnummer mag maar één keer voorkomen.",
            )


def _check_names(
    records: Sequence[PupilRecord], mapping: ColumnMapping, table: Table, problems: ProblemList
) -> None:
    by_name: dict[tuple[str, date], PupilRecord] = {}
    name_column = table.headers[mapping.get("last_name", mapping.get("full_name", 0))]
    for record in records:
        key = name_key(record.first_name, record.infix, record.last_name, record.date_of_birth)
        twin = by_name.setdefault(key, record)
        if twin is not record:
            problems.add(
                record.row,
                name_column,
                record.display_name,
                f"Deze leerling (zelfde naam en geboortedatum) staat ook op rij {twin.row}.",
            )
