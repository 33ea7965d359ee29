"""Each real pupil-export layout is recognised without --map; every unused column is reported."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.pupils import PUPIL_FIELDS, check_mapping, read_pupils
from ibp_desktop.importers.tabular import MAX_ROWS, read_table, table_from_bytes
from ibp_desktop.services.pupils.importing import pupil_captions, unused_columns
from tests.importers.layouts import (
    write_esis_xlsx,
    write_magister_csv,
    write_parnassys_excel_csv,
    write_parnassys_report,
    write_social_schools_pupils,
)

TODAY = date(2026, 9, 1)


def _read(path: Path) -> tuple[list[str], dict[str, str], list[str], list[str]]:
    table = read_table(path, pupil_captions())
    used, problems = check_mapping(guess_mapping(table.headers, PUPIL_FIELDS), table.headers)
    assert not problems
    records = read_pupils(table, used, TODAY)
    mapped = {key: table.headers[column] for key, column in used.items()}
    unused = [c.header for c in unused_columns(table.headers, used)]
    return [f"{r.label} {r.group_name}" for r in records], mapped, unused, [str(s) for s in table.skipped]


def test_parnassys_report_with_title_rows_combined_names_and_a_footer(tmp_path: Path) -> None:
    labels, mapped, unused, skipped = _read(write_parnassys_report(tmp_path / "overzicht.xlsx"))
    assert labels == [
        "4101 Emma van der Berg (14-02-2019) 3",
        "4102 Hiba el Idrissi (02-11-2018) 3",
        "4103 Bảo Trần (30-05-2019) 3",
        "4104 Şükrü Yılmaz (01-06-2020) 1/2a",
        "4105 Łucja Wiśniewska (09-09-2017) 4/5",
        "4106 Anne-Fleur van der Berg-de Vries (03-05-2014) 8",
    ]
    assert mapped["full_name"] == "Leerling" and mapped["enrolled_on"] == "Datum inschrijving"
    assert unused == ["Geslacht"]
    assert skipped == [
        "Rij 1 (boven de kopregel): Overzicht leerlingen per groep",
        "Rij 2 (boven de kopregel): Basisschool De Regenboog Afgedrukt op 02-09-2026",
        "Rij 12 (totaal-, tussen- of voetregel): Aantal leerlingen: 6",
    ]


def test_esis_dates_in_and_out_are_used_and_the_pgn_is_never_read(tmp_path: Path) -> None:
    labels, mapped, unused, _skipped = _read(write_esis_xlsx(tmp_path / "esis.xlsx"))
    assert mapped["enrolled_on"] == "Datum in" and mapped["deregistered_on"] == "Datum uit"
    assert "PGN" not in mapped.values() and unused == ["PGN"]
    assert labels[0] == "5001 Nguyễn Văn An (30-01-2017) 4"
    table = read_table(tmp_path / "esis.xlsx", pupil_captions())
    _used, problems = check_mapping(
        {"pupil_number": 1, "last_name": 4, "date_of_birth": 5, "group": 6}, table.headers
    )
    assert [p.column for p in problems] == ["PGN"]  # --map leerlingnummer=PGN is refused


def test_magister_bom_csv_with_stamnr_leading_zeros(tmp_path: Path) -> None:
    labels, mapped, unused, _skipped = _read(write_magister_csv(tmp_path / "magister.csv"))
    assert mapped["pupil_number"] == "Stamnr" and mapped["date_of_birth"] == "Geb.datum"
    assert mapped["infix"] == "Tussenv" and mapped["group"] == "Klas"
    assert (mapped["enrolled_on"], mapped["deregistered_on"]) == ("Begindatum", "Einddatum")
    assert unused == ["Studie"]
    assert labels == [
        "001001 Łucja Wiśniewska (01-10-2015) 6",
        "001002 Şükrü Yılmaz (12-04-2016) 5",
        "001003 Anne-Fleur van der Berg-de Vries (03-05-2018) 1/2",
    ]


def test_social_schools_klasnaam(tmp_path: Path) -> None:
    labels, mapped, unused, _skipped = _read(write_social_schools_pupils(tmp_path / "ss.xlsx"))
    assert mapped["group"] == "Klasnaam" and unused == ["Leerjaar"]
    assert labels[0] == "Hiba el Idrissi (02-11-2018) 3"


def test_excel_csv_with_lost_letters_is_refused_with_how_to_save(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as caught:
        _read(write_parnassys_excel_csv(tmp_path / "parnassys.csv"))
    lines = [str(p) for p in caught.value.problems]
    assert "CSV UTF-8" in lines[0] and ".xlsx" in lines[0]
    assert (
        lines[1] == "Rij 2, kolom 'Achternaam': In de naam 'Ay?e Y?lmaz' staat een '?' "
        "waar een letter hoort (zie boven)."
    )
    assert len(lines) == 3  # Noë Jansen (é is in Windows-1252) is fine


@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u2066", "\u200b", "\ufeff"])
def test_invisible_characters_in_names_are_refused_with_row_and_column(tmp_path: Path, char: str) -> None:
    path = tmp_path / "namen.csv"
    path.write_text(f"Roepnaam;Achternaam;Geboortedatum;Groep\nEmma;Jan{char}sen;01-02-2017;3\n", "utf-8")
    if char == "\x00":
        with pytest.raises(ImportRejected, match="Rij 2 bevat een NUL-teken"):
            _read(path)  # the csv module cannot carry it into a cell: the row is named
        return
    with pytest.raises(ImportRejected) as caught:
        _read(path)
    assert str(caught.value.problems[0]).startswith(
        "Rij 2, kolom 'Achternaam': De naam bevat een onzichtbaar"
    )
    assert f"U+{ord(char):04X}" in str(caught.value)


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "Roepnaam\tAchternaam\tGeboortedatum\tGroep\nŁucja\tWiśniewska\t01-10-2015\t6\n".encode("utf-16-le")
    )
    labels, *_rest = _read(path)
    assert labels == ["Łucja Wiśniewska (01-10-2015) 6"]


def test_too_many_rows_is_refused_quickly() -> None:
    data = (
        "Roepnaam;Achternaam;Geboortedatum;Groep\n" + "Emma;Jansen;01-02-2017;3\n" * (MAX_ROWS + 5)
    ).encode()
    with pytest.raises(ImportRejected, match=r"meer dan 20\.000 regels"):
        table_from_bytes(data, "groot.csv")


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"<c>" + b" " * (1024 * 1024) + b"</c>"
            for _ in range(300):  # 300 MB of spaces, a few hundred kB packed
                sheet.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportRejected, match="pakt uit tot 300 MB"):
        read_table(path)


def test_an_xlsx_with_too_many_rows_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Roepnaam", "Achternaam", "Geboortedatum", "Groep"])
    for _ in range(MAX_ROWS + 1):
        sheet.append(["Emma", "Jansen", "01-02-2017", "3"])
    workbook.save(tmp_path / "veel.xlsx")
    with pytest.raises(ImportRejected, match=r"meer dan 20\.000 regels"):
        read_table(tmp_path / "veel.xlsx")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Geslacht", "Leerjaar", "Nationaliteit", "BSN", "Opmerking", "Voornamen"]),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_an_unused_column_is_always_reported(extra: list[str]) -> None:
    header = ["Roepnaam", "Achternaam", "Geboortedatum", "Groep", *extra]
    row = ["Emma", "Jansen", "01-02-2017", "3", *("x" for _ in extra)]
    table = table_from_bytes(f"{';'.join(header)}\n{';'.join(row)}\n".encode(), "l.csv", pupil_captions())
    used, _problems = check_mapping(guess_mapping(table.headers, PUPIL_FIELDS), table.headers)
    reported = {c.header for c in unused_columns(table.headers, used)}
    assert reported | {table.headers[i] for i in used.values()} == set(header)
    assert set(extra) <= reported


def test_excel_empty_formatted_rows_do_not_count_as_rows() -> None:
    data = "Roepnaam;Achternaam;Geboortedatum;Groep\r\nEmma;Jansen;01-02-2017;3\r\n" + ";;;\r\n" * 30_000
    table = table_from_bytes(data.encode("cp1252"), "excel.csv", pupil_captions())
    assert len(table.rows) == 1


def test_an_xlsx_with_too_many_cells_is_refused_before_openpyxl_reads_it(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Roepnaam", "Achternaam", "Geboortedatum", "Groep"])
    for _ in range(2_100):
        sheet.append([1] * 200)  # 420,000 filled cells in 2,101 rows
    workbook.save(tmp_path / "breed.xlsx")
    with pytest.raises(ImportRejected, match="gevulde cellen"):
        read_table(tmp_path / "breed.xlsx")
