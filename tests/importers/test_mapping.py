"""Guessing which column is which from the usual Dutch headers, and the user's corrections."""

from __future__ import annotations

import pytest

from ibp_desktop.importers.mapping import apply_overrides, guess_mapping
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.pupils import PUPIL_FIELDS


def _named(headers: list[str]) -> dict[str, str]:
    return {key: headers[i] for key, i in guess_mapping(headers, PUPIL_FIELDS).items()}


def test_parnassys_headers() -> None:
    headers = [
        "Leerlingnummer",
        "Voornamen",
        "Roepnaam",
        "Tussenvoegsel",
        "Achternaam",
        "Geslacht",
        "Geboortedatum",
        "Jaargroep",
        "Groep",
        "Datum inschrijving",
        "Datum uitschrijving",
    ]
    assert _named(headers) == {
        "pupil_number": "Leerlingnummer",
        "first_name": "Roepnaam",  # the call name wins over the official first names
        "infix": "Tussenvoegsel",
        "last_name": "Achternaam",
        "date_of_birth": "Geboortedatum",
        "group": "Groep",  # "5a" rather than the year group 5
        "enrolled_on": "Datum inschrijving",
        "deregistered_on": "Datum uitschrijving",
    }


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("LLNR", "pupil_number"),
        ("Leerling nr.", "pupil_number"),
        ("leerling_nummer", "pupil_number"),
        ("Voorvoegsels", "infix"),
        ("TUSSENVOEGSEL(S)", "infix"),
        ("Geb. datum", "date_of_birth"),
        ("Geboortedatum (dd-mm-jjjj)", "date_of_birth"),
        ("Klas", "group"),
        ("Inschrijfdatum", "enrolled_on"),
        ("Naam leerling", "full_name"),
    ],
)
def test_spellings(header: str, key: str) -> None:
    assert guess_mapping([header, "Iets anders"], PUPIL_FIELDS) == {key: 0}


def test_unrelated_columns_stay_unmapped() -> None:
    assert guess_mapping(["Naam ouder", "E-mailadres", "BSN"], PUPIL_FIELDS) == {}


def test_the_user_corrects_the_guess() -> None:
    headers = ["Nr", "Naam", "Geboren", "Klas", "Stamgroep"]
    guessed = guess_mapping(headers, PUPIL_FIELDS)
    assert headers[guessed["group"]] == "Stamgroep"
    fixed = apply_overrides(headers, PUPIL_FIELDS, guessed, {"groep": "klas", "Leerlingnummer": None})
    assert fixed == {"full_name": 1, "date_of_birth": 2, "group": 3}
    # A column the user gives to another field is taken from the guessed one.
    moved = apply_overrides(headers, PUPIL_FIELDS, guessed, {"pupil_number": "Stamgroep"})
    assert moved["pupil_number"] == 4 and "group" not in moved
    assert apply_overrides(headers, PUPIL_FIELDS, {}, {"date_of_birth": "3"}) == {"date_of_birth": 2}


def test_unknown_names_in_a_correction() -> None:
    with pytest.raises(ImportRejected) as caught:
        apply_overrides(["Naam"], PUPIL_FIELDS, {}, {"schoenmaat": "Naam", "groep": "Klas"})
    text = str(caught.value)
    assert "Onbekend veld 'schoenmaat'" in text and "Kolom 'Klas' staat niet in het bestand" in text
