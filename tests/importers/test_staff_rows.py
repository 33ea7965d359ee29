"""The staff export read into records: one name column ("Achternaam, Roepnaam voorvoegsel") as some HR
reports write it, the header below a title row, text dates, and what goes wrong named per row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.staff import STAFF_CAPTIONS, STAFF_FIELDS, read_staff
from ibp_desktop.importers.tabular import Table, read_table
from tests.importers.layouts import _workbook

TODAY = date(2026, 11, 28)


def _table(tmp_path: Path, rows: list[list[object]]) -> Table:
    path = _workbook([["Personeelsoverzicht per 28-11-2026"], [None], *rows], tmp_path / "personeel.xlsx")
    return read_table(path, STAFF_CAPTIONS)


def test_one_name_column_and_text_dates(tmp_path: Path) -> None:
    table = _table(
        tmp_path,
        [
            ["Medewerker", "Functie", "In dienst per", "Uit dienst per", "E-mailadres"],
            [
                "Berg-de Vries, Anne-Fleur van der",
                "Leerkracht groep 3",
                "1-8-2019",
                None,
                "a.berg@school.example",
            ],
            ["Yılmaz, Şükrü", "Conciërge", date(2021, 1, 4), date(2026, 12, 31), None],
        ],
    )
    mapping = guess_mapping(table.headers, STAFF_FIELDS)
    assert set(mapping) == {"full_name", "function", "started_on", "left_on", "email"}
    records = read_staff(table, mapping, TODAY)
    assert [(r.row, r.name, r.started_on, r.left_on) for r in records] == [
        (4, "Anne-Fleur van der Berg-de Vries", date(2019, 8, 1), None),
        (5, "Şükrü Yılmaz", date(2021, 1, 4), date(2026, 12, 31)),
    ]
    assert records[0].email == "a.berg@school.example"


def test_every_problem_named_with_row_and_column(tmp_path: Path) -> None:
    table = _table(
        tmp_path,
        [
            ["Personeelsnummer", "Achternaam", "Roepnaam", "Datum in dienst", "E-mail"],
            ["12", None, "Piet", "1-8-2019", None],
            ["13", "Jansen", "Eva", "32-1-2020", "eva@"],
        ],
    )
    with pytest.raises(ImportRejected) as raised:
        read_staff(table, guess_mapping(table.headers, STAFF_FIELDS), TODAY)
    text = str(raised.value)
    assert "Rij 4" in text and "De naam ontbreekt" in text
    assert "Rij 5" in text and "32-1-2020" in text and "geen geldig e-mailadres" in text


def test_without_a_name_column_nothing_is_read(tmp_path: Path) -> None:
    table = _table(tmp_path, [["Personeelsnummer", "Functie"], ["12", "Leerkracht"]])
    with pytest.raises(ImportRejected, match="Achternaam' of 'Naam'"):
        read_staff(table, guess_mapping(table.headers, STAFF_FIELDS), TODAY)
