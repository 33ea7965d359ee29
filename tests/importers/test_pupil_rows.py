"""Checking the rows of a pupil file: every problem with row, column and value; nothing half-read."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.pupils import PUPIL_FIELDS, read_pupils
from ibp_desktop.importers.tabular import table_from_bytes

TODAY = date(2026, 9, 1)


def _read(text: str) -> list[object]:
    table = table_from_bytes(text.encode("utf-8"), "leerlingen.csv")
    return list(read_pupils(table, guess_mapping(table.headers, PUPIL_FIELDS), TODAY))


def _problems(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        _read(text)
    return [str(p) for p in caught.value.problems]


def test_three_errors_give_three_problems() -> None:
    text = (
        "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep\n"
        "1;Anne;;Jansen;03-05-2018;1/2a\n"
        "2;Bram;;;04-05-2018;1/2a\n"
        "3;Chloë;de;Groot;31-02-2016;4\n"
        "4;Daan;;Bakker;12-12-2014;groep 6\n"
        "5;Eva;;Visser;12-12-2030;3\n"
    )
    assert _problems(text) == [
        "Rij 3, kolom 'Achternaam': De naam ontbreekt. Vul de achternaam in.",
        "Rij 4, kolom 'Geboortedatum': 31-02-2016 bestaat niet.",
        "Rij 6, kolom 'Geboortedatum': 12-12-2030 ligt niet in het verleden.",
    ]


def test_duplicates_in_the_file() -> None:
    text = (
        "Leerlingnummer,Naam,Geboortedatum,Groep\n"
        "10,Şükrü Yılmaz,12-04-2016,5\n"
        "11,Łucja Wiśniewska,01-10-2015,6\n"
        "10,Nguyễn Văn An,30-01-2017,4\n"
        "12,Sukru Yilmaz,12-04-2016,5\n"
    )
    assert _problems(text) == [
        "Rij 4, kolom 'Leerlingnummer': Leerlingnummer 10 staat ook op rij 2. "
        "Elk leerlingnummer mag maar één keer voorkomen.",
        "Rij 5, kolom 'Naam': Deze leerling (zelfde naam en geboortedatum) staat ook op rij 2.",
    ]


def test_missing_columns_are_named() -> None:
    problems = _problems("Leerlingnummer;Roepnaam\n1;Anne\n")
    assert problems == [
        "Geen kolom gevonden voor 'Geboortedatum'. Geef aan welke kolom de geboortedatum bevat.",
        "Geen kolom gevonden voor 'Groep'. Geef aan welke kolom de groep bevat.",
        "Geen kolom gevonden voor de naam. Geef aan welke kolom de achternaam bevat (met roepnaam en "
        "tussenvoegsel), of welke kolom de hele naam bevat.",
    ]


def test_separate_name_columns_win_over_a_name_column() -> None:
    records = _read("Naam;Roepnaam;Achternaam;Geboortedatum;Groep\nA. Jansen;Anne;Jansen;03-05-2018;3\n")
    assert [(r.first_name, r.last_name, r.name_in_one_column) for r in records] == [("Anne", "Jansen", False)]


def test_empty_cells_and_blank_rows() -> None:
    records = _read("Naam;Geboortedatum;Groep;Datum inschrijving\nAnne Jansen;03-05-2018;;\n;;;\n")
    assert len(records) == 1
    record = records[0]
    assert (record.pupil_number, record.group_name, record.enrolled_on) == (None, None, None)
