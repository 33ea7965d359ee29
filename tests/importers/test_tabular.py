"""Reading exports as the pupil administrations write them: delimiters, encodings, Excel."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.tabular import read_table, table_from_bytes
from tests.importers.files import write_esis, write_magister, write_parnassys


def test_parnassys_semicolon_windows_1252(tmp_path: Path) -> None:
    table = read_table(write_parnassys(tmp_path / "ParnasSys export.csv"))
    assert (table.delimiter, table.encoding, table.kind) == (";", "cp1252", "csv")
    assert table.describe() == "CSV, puntkomma, Windows-1252"
    assert table.headers[:4] == ["Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam"]
    assert table.rows[1][1] == "Noë" and table.rows[5][3] == "Lefèvre"
    assert table.rows[1][2] is None  # empty tussenvoegsel
    assert table.row_number(0) == 2


def test_esis_comma_utf8_with_bom_and_quoted_names(tmp_path: Path) -> None:
    table = read_table(write_esis(tmp_path / "esis.csv"))
    assert (table.delimiter, table.encoding) == (",", "utf-8-sig")
    assert table.headers[0] == "Leerling nr"  # no BOM glued to the first header
    assert [r[1] for r in table.rows[:3]] == ["Yılmaz, Şükrü", "Wiśniewska, Łucja", "Nguyễn, Văn An"]


def test_magister_xlsx_with_dates_numbers_and_trailing_rows(tmp_path: Path) -> None:
    table = read_table(write_magister(tmp_path / "magister.xlsx"))
    assert table.kind == "xlsx" and table.describe() == "Excel (.xlsx)"
    assert len(table.rows) == 5  # the empty rows Excel left at the end are gone
    assert table.rows[0][:5] == ["3001", "Şükrü", None, "Yılmaz", date(2016, 4, 12)]
    assert table.rows[4][6] == date(2026, 7, 17)


def test_tab_separated_utf16_from_excel_unicode_text() -> None:
    text = "Leerlingnummer\tNaam\tGeboortedatum\tGroep\r\n1\tŞükrü Yılmaz\t12-04-2016\t5\r\n"
    table = table_from_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "lijst.txt")
    assert table.delimiter == "\t" and table.rows == [["1", "Şükrü Yılmaz", "12-04-2016", "5"]]


def test_utf8_without_bom_and_blank_rows_keep_their_row_numbers() -> None:
    text = "\n\nNaam;Geboortedatum;Groep\nŁucja Wiśniewska;01-10-2015;6\n;;\nAn Nguyễn;30-01-2017;4\n\n\n"
    table = table_from_bytes(text.encode("utf-8"), "lijst.csv")
    assert table.encoding == "utf-8" and table.header_row == 3
    assert [table.row_number(i) for i in range(len(table.rows))] == [4, 5, 6]
    assert table.rows[1] == [None, None, None]


def test_leading_zeros_kept_with_the_excel_text_trick() -> None:
    table = table_from_bytes(b'Leerlingnummer,Naam\n="00123",Jan\n', "x.csv")
    assert table.rows == [["00123", "Jan"]]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"\n ; ;\n", "leeg.csv", "Het bestand is leeg."),
        (b"Naam;Groep\n", "kop.csv", "alleen een kopregel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "oud.xls", "oud Excel-bestand (.xls)"),
        (b"PK\x03\x04 kapot", "kapot.xlsx", "Het Excel-bestand kan niet worden gelezen"),
        (b"\x00\x01\x02binary", "foto.csv", "Dit is geen CSV- of Excel-bestand"),
    ],
)
def test_unreadable_files_are_refused_in_dutch(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        table_from_bytes(data, name)
    assert message in str(caught.value)
    assert "Er is niets geïmporteerd" in str(caught.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="kan niet worden gelezen"):
        read_table(tmp_path / "bestaat-niet.csv")
