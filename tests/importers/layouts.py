"""Pupil exports in the layouts Dutch schools really have (../shared/LAYOUTS.md), fictitious pupils.

Each writer produces the file as the source system (or Excel) writes it: title rows and footers where the
report has them, real date cells via openpyxl, Windows-1252 with '?' for letters it lacks, UTF-8 with BOM.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any


def _workbook(rows: list[list[Any]], path: Path, title: str = "Blad1") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "DD-MM-YYYY"
    workbook.save(path)
    return path


# ParnasSys "Overzicht leerlingen per groep" saved as .xlsx: two title rows, a blank row, one name column
# "Achternaam, Roepnaam voorvoegsel", real date cells, and a footer with the count.
PARNASSYS_REPORT_PUPILS: list[list[Any]] = [
    ["Groep 3", "Berg, Emma van der", date(2019, 2, 14), "V", "4101", date(2023, 2, 14)],
    ["Groep 3", "Idrissi, Hiba el", date(2018, 11, 2), "V", "4102", date(2022, 11, 2)],
    ["Groep 3", "Trần, Bảo", date(2019, 5, 30), "M", "4103", date(2023, 5, 30)],
    ["1/2a", "Yılmaz, Şükrü", date(2020, 6, 1), "M", "4104", date(2024, 6, 1)],
    ["4/5", "Wiśniewska, Łucja", date(2017, 9, 9), "V", "4105", date(2021, 9, 9)],
    ["G8", "Berg-de Vries, Anne-Fleur van der", date(2014, 5, 3), "V", "4106", date(2018, 5, 3)],
]


def write_parnassys_report(path: Path, pupils: list[list[Any]] | None = None) -> Path:
    pupils = PARNASSYS_REPORT_PUPILS if pupils is None else pupils
    rows: list[list[Any]] = [
        ["Overzicht leerlingen per groep"],
        ["Basisschool De Regenboog", None, None, None, "Afgedrukt op 02-09-2026"],
        [],
        ["Groep", "Leerling", "Geboortedatum", "Geslacht", "Leerlingnummer", "Datum inschrijving"],
        *pupils,
        [],
        [f"Aantal leerlingen: {len(pupils)}"],
    ]
    return _workbook(rows, path, "Overzicht")


# ESIS (Rovict): Leerlingnummer, PGN (holds a BSN-like number), Datum in / Datum uit as date cells.
ESIS_HEADER = [
    "Leerlingnummer",
    "PGN",
    "Roepnaam",
    "Tussenvoegsels",
    "Achternaam",
    "Geboortedatum",
    "Groep",
    "Datum in",
    "Datum uit",
]
ESIS_PUPILS: list[list[Any]] = [
    ["5001", "123456782", "Nguyễn", "", "Văn An", date(2017, 1, 30), "Groep 4", date(2021, 1, 30), None],
    [
        "5002",
        "234567891",
        "Daan",
        "de",
        "Jong",
        date(2013, 3, 3),
        "Groep 8",
        date(2017, 8, 20),
        date(2025, 7, 31),
    ],
    [
        "5003",
        "345678912",
        "Fatima-Zahra",
        "el",
        "Amrani",
        date(2016, 8, 15),
        "Groep 1/2a",
        date(2020, 8, 17),
        None,
    ],
]


def write_esis_xlsx(path: Path, pupils: list[list[Any]] | None = None) -> Path:
    return _workbook([ESIS_HEADER, *(ESIS_PUPILS if pupils is None else pupils)], path, "Leerlingen")


# Magister: UTF-8 with BOM, comma, Stamnr with leading zeros, "Klas" as G3, Begindatum/Einddatum.
MAGISTER_CSV = (
    "Stamnr,Roepnaam,Tussenv,Achternaam,Geb.datum,Klas,Studie,Begindatum,Einddatum\r\n"
    "001001,Łucja,,Wiśniewska,01-10-2015,G6,PO6,01-08-2019,\r\n"
    "001002,Şükrü,,Yılmaz,12-04-2016,G5,PO5,01-08-2020,\r\n"
    "001003,Anne-Fleur,van der,Berg-de Vries,03-05-2018,1/2,PO2,04-05-2022,\r\n"
)


def write_magister_csv(path: Path, text: str = MAGISTER_CSV) -> Path:
    path.write_bytes(text.encode("utf-8-sig"))
    return path


# Social Schools pupil sheet: dates as text, "Klasnaam", "Leerjaar".
SOCIAL_SCHOOLS_PUPILS: list[list[Any]] = [
    ["Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Klasnaam", "Leerjaar"],
    ["Hiba", "el", "Idrissi", "02-11-2018", "Groep 3", "3"],
    ["Nguyễn", "", "Văn An", "30-01-2017", "Groep 4", "4"],
    ["Sem", "", "Bakker", "17-07-2015", "Groep 6", "6"],
]


def write_social_schools_pupils(path: Path) -> Path:
    return _workbook(SOCIAL_SCHOOLS_PUPILS, path, "Leerlingen")


# ParnasSys "leerlingoverzicht" opened in Excel and saved as "CSV (gescheiden door lijstscheidingsteken)":
# Windows-1252, ';', CRLF; ş ı ł ễ became '?'.
PARNASSYS_EXCEL_CSV = (
    "Achternaam;Voorvoegsel;Roepnaam;Voornamen;Geslacht;Geboortedatum;Groep;Leerjaar;Datum inschrijving;"
    "Uitschrijfdatum\r\n"
    "Y?lmaz;;Ay?e;Ay?e Nur;V;12-4-2016;Groep 5;5;1-8-2020;\r\n"
    "Wi?niewska;;?ucja;?ucja Maria;V;1-10-2015;Groep 6;6;1-8-2019;\r\n"
    "Jansen;;Noë;Noë Johanna;V;1-2-2017;Groep 4;4;1-2-2021;\r\n"
)


def write_parnassys_excel_csv(path: Path, text: str = PARNASSYS_EXCEL_CSV) -> Path:
    path.write_bytes(text.encode("cp1252"))
    return path
