"""Realistic pupil exports, written the way the pupil administrations write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

# ParnasSys-style: semicolon, Windows-1252, Dutch dates, separate tussenvoegsel (Dutch/French names only:
# Windows-1252 has é, ë, ï but no ş or ł).
PARNASSYS_ROWS = [
    (
        "Leerlingnummer",
        "Roepnaam",
        "Tussenvoegsel",
        "Achternaam",
        "Geboortedatum",
        "Groep",
        "Datum inschrijving",
    ),
    ("1001", "Anne-Fleur", "van der", "Berg-de Vries", "03-05-2018", "groep 1/2a", "04-05-2022"),
    ("1002", "Noë", "", "Janssen", "1-2-2017", "3", "01-02-2021"),
    ("1003", "Chloë", "de", "Groot", "17/11/2016", "4", "17-11-2020"),
    ("1004", "Loïs", "van 't", "Hof", "28-02-2014", "6", "28-02-2018"),
    ("1005", "René", "", "Dubois", "09-09-2012", "8B", "09-09-2016"),
    ("1006", "Eloïse", "", "Lefèvre", "30-06-2015", "5a", "30-06-2019"),
]

# ESIS-style: comma, UTF-8 with BOM, ISO dates, one name column "Achternaam, Roepnaam tussenvoegsel".
ESIS_ROWS = [
    ("Leerling nr", "Naam", "Geb. datum", "Jaargroep"),
    ("2001", "Yılmaz, Şükrü", "2016-04-12", "5"),
    ("2002", "Wiśniewska, Łucja", "2015-10-01", "6"),
    ("2003", "Nguyễn, Văn An", "2017-01-30", "4"),
    ("2004", "Berg-de Vries, Anne-Fleur van der", "2018-05-03", "1-2"),
    ("2005", "El Amrani, Fatima-Zahra", "2013-08-15", "8"),
]


def write_parnassys(path: Path, rows: list[tuple[str, ...]] | None = None) -> Path:
    text = "\r\n".join(";".join(row) for row in (rows or PARNASSYS_ROWS)) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def _csv_quote(cell: str) -> str:
    return f'"{cell}"' if "," in cell or '"' in cell else cell


def write_esis(path: Path, rows: list[tuple[str, ...]] | None = None) -> Path:
    text = "\n".join(",".join(_csv_quote(c) for c in row) for row in (rows or ESIS_ROWS)) + "\n"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


MAGISTER_HEADER = (
    "Stamnr",
    "Roepnaam",
    "Tussenv",
    "Achternaam",
    "Geboortedatum",
    "Klas",
    "Datum uitschrijving",
)
MAGISTER_ROWS: list[tuple[object, ...]] = [
    (3001, "Şükrü", "", "Yılmaz", date(2016, 4, 12), "5A", None),
    (3002, "Łucja", "", "Wiśniewska", date(2015, 10, 1), "6", None),
    (3003, "An", "", "Nguyễn Văn", date(2017, 1, 30), "4", None),
    (3004, "Anne-Fleur", "van der", "Berg-de Vries", date(2018, 5, 3), "1/2", None),
    (3005, "Daan", "de", "Jong", date(2012, 3, 3), "8", date(2026, 7, 17)),
]


def write_magister(path: Path, rows: list[tuple[object, ...]] | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Leerlingen"
    sheet.append(MAGISTER_HEADER)
    for row in rows if rows is not None else MAGISTER_ROWS:
        sheet.append(list(row))
    for cell in sheet["E"][1:] + sheet["G"][1:]:
        cell.number_format = "DD-MM-YYYY"
    sheet.append([])  # trailing empty rows, as Excel often leaves them
    sheet.append([None, None, None])
    workbook.save(path)
    return path
