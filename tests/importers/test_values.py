"""Dutch dates, groups, names and yes/no as school exports write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ibp_desktop.importers.problems import ImportProblem, ImportRejected
from ibp_desktop.importers.values import (
    CellError,
    normalise_group,
    parse_date,
    parse_yes_no,
    split_full_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-05-2018", date(2018, 5, 3)),
        ("3-5-2018", date(2018, 5, 3)),
        ("03/05/2018", date(2018, 5, 3)),
        ("3.5.2018", date(2018, 5, 3)),
        ("2018-05-03", date(2018, 5, 3)),
        ("2018-05-03 00:00:00", date(2018, 5, 3)),
        ("20180503", date(2018, 5, 3)),
        ("42736", date(2017, 1, 1)),  # an Excel date cell that lost its format
        (" 29-02-2016 ", date(2016, 2, 29)),
        (datetime(2018, 5, 3, 0, 0), date(2018, 5, 3)),
        (date(2018, 5, 3), date(2018, 5, 3)),
    ],
)
def test_dates_in_every_usual_form(text: str | date, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2016", "31-02-2016 bestaat niet."),
        ("29-02-2015", "29-02-2015 bestaat niet."),
        ("2016-13-01", "2016-13-01 bestaat niet."),
        ("03-05-18", "03-05-18 heeft een jaartal van twee cijfers. Schrijf het jaar voluit: 28-11-2016."),
        ("morgen", "'morgen' is geen datum. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 28-11-2016."),
    ],
)
def test_impossible_dates_are_named(text: str, message: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_the_message_names_row_column_and_value() -> None:
    problem = ImportProblem(8, "Geboortedatum", "31-02-2016", "31-02-2016 bestaat niet.")
    assert str(problem) == "Rij 8, kolom 'Geboortedatum': 31-02-2016 bestaat niet."
    rejected = ImportRejected([problem, ImportProblem(None, None, None, "Het bestand is leeg.")], "ll.csv")
    assert str(rejected).splitlines() == [
        "Het bestand ll.csv heeft 2 problemen:",
        "- Rij 8, kolom 'Geboortedatum': 31-02-2016 bestaat niet.",
        "- Het bestand is leeg.",
        "Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw.",
    ]
    assert rejected.exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2", "1/2"),
        ("1-2", "1/2"),
        ("1 / 2", "1/2"),
        ("1-2a", "1/2a"),
        ("groep 5a", "5a"),
        ("Groep 1/2b", "1/2b"),
        ("gr. 7", "7"),
        ("8B", "8B"),
        ("  6  ", "6"),
        ("Instroom", "Instroom"),
        ("", None),
        (None, None),
    ],
)
def test_groups(text: str | None, expected: str | None) -> None:
    assert normalise_group(text) == expected


def test_a_group_name_too_long_for_the_register() -> None:
    with pytest.raises(CellError, match="te lang"):
        normalise_group("Groep van juf Annemiek en meester Pieter")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berg-de Vries, Anne-Fleur van der", ("Anne-Fleur", "van der", "Berg-de Vries")),
        ("Anne-Fleur van der Berg-de Vries", ("Anne-Fleur", "van der", "Berg-de Vries")),
        ("van der Berg-de Vries, Anne-Fleur", ("Anne-Fleur", "van der", "Berg-de Vries")),
        ("Yılmaz, Şükrü", ("Şükrü", "", "Yılmaz")),
        ("Şükrü Yılmaz", ("Şükrü", "", "Yılmaz")),
        ("Łucja Wiśniewska", ("Łucja", "", "Wiśniewska")),
        ("Loïs van 't Hof", ("Loïs", "van 't", "Hof")),
        ("Fatima-Zahra El Amrani", ("Fatima-Zahra", "", "El Amrani")),
        ("Anne Sophie de Jong", ("Anne Sophie", "de", "Jong")),
        ("Jef Van Damme", ("Jef", "", "Van Damme")),  # Flemish: the capital V is part of the name
        ("Sukarno", ("", "", "Sukarno")),  # one name only, as the civil registry records it
    ],
)
def test_one_name_column_is_split_with_the_dutch_infixes(text: str, expected: tuple[str, str, str]) -> None:
    assert split_full_name(text) == expected


def test_yes_no() -> None:
    assert [parse_yes_no(v) for v in ("Ja", "nee", "X", "0", "", None)] == [
        True,
        False,
        True,
        False,
        None,
        None,
    ]
    with pytest.raises(CellError, match="'misschien' is geen ja of nee"):
        parse_yes_no("misschien")
