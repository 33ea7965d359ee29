"""A staff export of the staff administration (AFAS, Youforce: LAYOUTS.md), read into checked records.

Same rules as the pupil and incident imports: the header is found by its captions below any title rows,
footers and totals are skipped and listed, every problem is collected with its row and column, and the
file is refused whole when anything is wrong. The name is built as the school writes it:
"Roepnaam Voorvoegsel Achternaam" ("Anne-Fleur van der Berg-de Vries"); a single "Naam" column works too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, MappedRow, mapped_rows
from ibp_desktop.importers.problems import ImportProblem, ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import (
    LOSSY_HINT,
    Cell,
    check_name_text,
    is_lossy,
    number_key,
    parse_date,
    split_full_name,
)

__all__ = ["STAFF_CAPTIONS", "STAFF_FIELDS", "StaffRecord", "read_staff"]


def _spec(key: str, label: str, *synonyms: str) -> FieldSpec:
    return FieldSpec(key, label, False, synonyms)


STAFF_FIELDS: tuple[FieldSpec, ...] = (
    _spec("staff_number", "Personeelsnummer", "personeelsnr", "medewerkernummer", "medewerker nr",
          "werknemersnummer", "personeels nr", "persnr", "nummer"),
    _spec("last_name", "Achternaam", "geslachtsnaam", "achternaam medewerker"),
    _spec("prefix", "Voorvoegsel", "tussenvoegsel", "tussenvoegsels", "tussenv", "voorv"),
    _spec("first_name", "Roepnaam", "voornaam", "roepnaam medewerker"),
    _spec("full_name", "Naam", "volledige naam", "medewerker", "naam medewerker"),
    _spec("function", "Functie", "functienaam", "functieomschrijving", "rol"),
    _spec("started_on", "Datum in dienst", "in dienst", "datum indienst", "begindatum", "startdatum",
          "in dienst per", "ingangsdatum"),
    _spec("left_on", "Datum uit dienst", "uit dienst", "datum uitdienst", "einddatum", "uit dienst per",
          "einde dienstverband"),
    _spec("email", "E-mail", "e-mailadres", "emailadres", "email", "e-mail werk", "zakelijk e-mailadres"),
)  # fmt: skip
STAFF_CAPTIONS = tuple(c for spec in STAFF_FIELDS for c in (spec.label_nl, *spec.synonyms))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class StaffRecord:
    row: int
    staff_number: str
    name: str
    function: str
    started_on: date | None
    left_on: date | None
    email: str

    @property
    def key(self) -> str:
        return number_key(self.staff_number) if self.staff_number else ""


def check_mapping(mapping: ColumnMapping) -> list[ImportProblem]:
    if "last_name" in mapping or "full_name" in mapping:
        return []
    return [
        ImportProblem(
            None,
            None,
            None,
            "Geen kolom gevonden voor 'Achternaam' of 'Naam'. Geef aan welke kolom de naam bevat.",
        )
    ]


def read_staff(table: Table, mapping: ColumnMapping, today: date) -> list[StaffRecord]:
    """Every row checked; ImportRejected with all problems (nothing is written then)."""
    problems = ProblemList(table.source_name)
    problems.items.extend(check_mapping(mapping))
    problems.raise_if_any()
    records: list[StaffRecord] = []
    numbers: dict[str, int] = {}
    for row in mapped_rows(table, mapping):
        record = _record(row, today, problems)
        if record is None:
            continue
        if record.key and record.key in numbers:
            column = row.columns.get("staff_number")
            problems.add(
                row.number, column, record.staff_number, f"Dit nummer staat ook in rij {numbers[record.key]}."
            )
        numbers.setdefault(record.key, row.number)
        records.append(record)
    if not records and not problems:
        problems.add(None, None, None, "Het bestand bevat geen medewerkers.")
    problems.raise_if_any()
    return records


def _name(row: MappedRow, problems: ProblemList) -> str:
    parts = [row.text(k).strip() for k in ("first_name", "prefix", "last_name")]
    name = " ".join(" ".join(p for p in parts if p).split()) if row.text("last_name").strip() else ""
    if not name and "," in row.text("full_name"):  # "Berg-de Vries, Anne-Fleur van der"
        name = " ".join(p for p in split_full_name(row.raw("full_name")) if p)
    name = name or " ".join(row.text("full_name").split())
    column = row.columns.get("last_name") or row.columns.get("full_name")
    if not name:
        problems.add(row.number, column, "", "De naam ontbreekt.")
    elif is_lossy(name):
        problems.add(row.number, column, name, f"In de naam is een letter verloren gegaan. {LOSSY_HINT}")
    else:
        return (
            row.value(
                "last_name" if row.has("last_name") else "full_name",
                lambda _c: check_name_text(name),
                problems,
            )
            or ""
        )
    return ""


def _date(row: MappedRow, key: str, problems: ProblemList) -> date | None:
    if not row.has(key) or row.raw(key) is None or not row.text(key).strip():
        return None
    return row.value(key, _parse_date, problems)


def _parse_date(cell: Cell) -> date:
    return parse_date(cell)


def _record(row: MappedRow, today: date, problems: ProblemList) -> StaffRecord | None:
    before = len(problems.items)
    name = _name(row, problems)
    started, left = _date(row, "started_on", problems), _date(row, "left_on", problems)
    if started and left and left < started:
        problems.add(
            row.number,
            row.columns["left_on"],
            row.text("left_on"),
            "De datum uit dienst ligt vóór de datum in dienst.",
        )
    if started and started.year > today.year + 1:
        problems.add(
            row.number,
            row.columns["started_on"],
            row.text("started_on"),
            "Deze datum ligt ver in de toekomst.",
        )
    email = row.text("email").strip()
    if email and not _EMAIL.match(email):
        problems.add(row.number, row.columns["email"], email, "Dit is geen geldig e-mailadres.")
    if len(problems.items) > before or not name:
        return None
    return StaffRecord(
        row=row.number,
        staff_number=row.text("staff_number").strip()[:40],
        name=name[:200],
        function=" ".join(row.text("function").split())[:150],
        started_on=started,
        left_on=left,
        email=email,
    )
