"""Staff exports as the staff administration writes them (LAYOUTS.md: AFAS, Youforce): a title row,
Personeelsnummer, Achternaam, Voorvoegsel, Roepnaam, Functie, Datum in dienst, Datum uit dienst.
Fictitious people."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.importers.layouts import _workbook

HEADER = ["Personeelsnummer", "Achternaam", "Voorvoegsel", "Roepnaam", "Functie", "Datum in dienst",
          "Datum uit dienst", "Afdeling"]  # fmt: skip
STAFF: list[list[Any]] = [
    ["000412", "Yılmaz", None, "Şükrü", "Leerkracht", date(2015, 8, 1), None, "Onderbouw"],
    ["000587", "Wiśniewska", None, "Łucja", "Intern begeleider", date(2019, 8, 1), None, "Zorg"],
    ["000733", "Nguyễn", None, "Văn An", "Conciërge", date(2022, 1, 1), date(2026, 12, 31), "Facilitair"],
    ["000801", "Berg-de Vries", "van der", "Anne-Fleur", "Leerkracht", date(2026, 9, 1), None, "Bovenbouw"],
]


def write_afas_xlsx(path: Path, staff: list[list[Any]] | None = None) -> Path:
    """AFAS "Medewerkers per werkgever" saved as .xlsx: a title row, a blank row, the header, a footer."""
    rows: list[list[Any]] = [
        ["Medewerkers per werkgever - Stichting Primair Onderwijs De Linde", None, None, None],
        [None],
        HEADER,
        *(STAFF if staff is None else staff),
        [None],
        ["Aantal medewerkers: 4"],
    ]
    return _workbook(rows, path, "Medewerkers")


# Youforce export opened in Excel and saved as CSV: Windows-1252, ';', CRLF, d-m-jjjj; the letters that
# Windows-1252 lacks became '?' (so this file is refused with the hint to save as UTF-8 or .xlsx).
YOUFORCE_CSV = (
    "Overzicht personeel OBS De Linde;;;;;;\r\n"
    "Personeelsnummer;Achternaam;Voorvoegsel;Roepnaam;Functie;Datum in dienst;Datum uit dienst\r\n"
    "412;Jansen;;Pieter;Leerkracht;1-8-2015;\r\n"
    "588;Vries;de;Eva;Directeur;1-8-2012;\r\n"
    "733;Dijk;van;Sanne;Onderwijsassistent;1-1-2022;31-7-2026\r\n"
)


def write_youforce_csv(path: Path, text: str = YOUFORCE_CSV) -> Path:
    path.write_bytes(text.encode("cp1252"))
    return path
