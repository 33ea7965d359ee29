from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.consent.school_year import (
    SchoolYear,
    age_on,
    nth_birthday,
    school_year_of,
    sixteenth_birthday,
)

dates = st.dates(min_value=date(1900, 8, 1), max_value=date(9998, 7, 31))


def test_label_and_bounds() -> None:
    year = SchoolYear(2026)
    assert year.label == "2026-2027"
    assert str(year) == "2026-2027"
    assert year.starts_on == date(2026, 8, 1)
    assert year.ends_on == date(2027, 7, 31)


def test_edges_31_july_and_1_august() -> None:
    year = SchoolYear(2026)
    assert not year.contains(date(2026, 7, 31))
    assert year.contains(date(2026, 8, 1))
    assert year.contains(date(2027, 7, 31))
    assert not year.contains(date(2027, 8, 1))
    assert school_year_of(date(2026, 7, 31)) == SchoolYear(2025)
    assert school_year_of(date(2026, 8, 1)) == SchoolYear(2026)
    assert school_year_of(date(2027, 1, 1)) == SchoolYear(2026)


def test_next_previous_and_order() -> None:
    year = SchoolYear(2026)
    assert year.next() == SchoolYear(2027)
    assert year.previous() == SchoolYear(2025)
    assert year.previous() < year < year.next()
    assert year.next().starts_on == year.ends_on + timedelta(days=1)


@pytest.mark.parametrize("label", ["2026-2027", "2026/2027", " 2026-2027 ", "2026 / 2027"])
def test_from_label_accepts(label: str) -> None:
    assert SchoolYear.from_label(label) == SchoolYear(2026)


@pytest.mark.parametrize(
    "label",
    ["2026-2028", "2026-2025", "2026", "26-27", "2026-27", "2026_2027", "", "schooljaar", "0000-0001"],
)
def test_from_label_rejects(label: str) -> None:
    with pytest.raises(ValueError, match="bestaat niet"):
        SchoolYear.from_label(label)


def test_from_label_message_is_dutch() -> None:
    with pytest.raises(ValueError) as info:
        SchoolYear.from_label("2026-2028")
    assert str(info.value) == "Schooljaar '2026-2028' bestaat niet. Gebruik de vorm 2026-2027."


def test_out_of_range_year_is_rejected() -> None:
    with pytest.raises(ValueError):
        SchoolYear(9999)
    with pytest.raises(ValueError):
        SchoolYear(0)


@given(dates)
def test_every_date_lies_in_exactly_one_school_year(d: date) -> None:
    year = school_year_of(d)
    assert year.contains(d)
    assert not year.previous().contains(d)
    assert not year.next().contains(d)
    assert year.starts_on <= d <= year.ends_on


@given(st.integers(min_value=1, max_value=9998))
def test_label_round_trip(start_year: int) -> None:
    year = SchoolYear(start_year)
    assert SchoolYear.from_label(year.label) == year
    assert SchoolYear.from_label(year.label.replace("-", "/")) == year
    assert school_year_of(year.starts_on) == year
    assert school_year_of(year.ends_on) == year


def test_age_on_ordinary_birthday() -> None:
    born = date(2018, 10, 1)
    assert age_on(born, date(2024, 9, 30)) == 5
    assert age_on(born, date(2024, 10, 1)) == 6
    assert age_on(born, born) == 0


def test_age_on_29_february() -> None:
    born = date(2016, 2, 29)
    assert age_on(born, date(2025, 2, 28)) == 8
    assert age_on(born, date(2025, 3, 1)) == 9
    assert age_on(born, date(2028, 2, 28)) == 11
    assert age_on(born, date(2028, 2, 29)) == 12


def test_age_before_birth_is_an_error() -> None:
    with pytest.raises(ValueError):
        age_on(date(2020, 5, 5), date(2020, 5, 4))


def test_nth_birthday_29_february() -> None:
    born = date(2016, 2, 29)
    assert nth_birthday(born, 4) == date(2020, 2, 29)
    assert nth_birthday(born, 5) == date(2021, 3, 1)
    with pytest.raises(ValueError):
        nth_birthday(born, -1)


def test_sixteenth_birthday() -> None:
    assert sixteenth_birthday(date(2012, 6, 15)) == date(2028, 6, 15)
    # 29 Feb + 16 years is a leap day, except across a century that is not a leap year.
    assert sixteenth_birthday(date(2012, 2, 29)) == date(2028, 2, 29)
    assert sixteenth_birthday(date(2084, 2, 29)) == date(2100, 3, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)))
def test_sixteenth_birthday_matches_age(born: date) -> None:
    turns_16 = sixteenth_birthday(born)
    assert age_on(born, turns_16) == 16
    assert age_on(born, turns_16 - timedelta(days=1)) == 15


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)), st.integers(0, 900))
def test_age_matches_nth_birthday(born: date, years: int) -> None:
    birthday = nth_birthday(born, years)
    assert age_on(born, birthday) == years
    if years > 0:
        assert age_on(born, birthday - timedelta(days=1)) == years - 1
