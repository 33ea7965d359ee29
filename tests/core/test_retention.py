"""Due-date arithmetic: month ends, leap years, end of the school year, end of the financial year,
permanent keeping and legal holds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.retention.rules import (
    Action,
    Event,
    Term,
    TermUnit,
    anchor,
    assess,
    due_date,
    latest,
    next_run_number,
    parse_term,
)

DESTROY = Action.DESTROY


def years(n: int) -> Term:
    return Term(n, TermUnit.YEARS)


@pytest.mark.parametrize(
    ("term", "event_date", "expected"),
    [
        (years(1), date(2024, 2, 29), date(2025, 2, 28)),  # leap day + 1 year: last day of February
        (years(4), date(2024, 2, 29), date(2028, 2, 29)),  # ... unless the target year is a leap year
        (years(5), date(2026, 7, 15), date(2031, 7, 15)),
        (Term(1, TermUnit.MONTHS), date(2026, 1, 31), date(2026, 2, 28)),  # month end stays in February
        (Term(1, TermUnit.MONTHS), date(2028, 1, 31), date(2028, 2, 29)),
        (Term(3, TermUnit.MONTHS), date(2026, 11, 30), date(2027, 2, 28)),
        (Term(4, TermUnit.WEEKS), date(2026, 3, 1), date(2026, 3, 29)),
        (Term(4, TermUnit.WEEKS), date(2026, 12, 20), date(2027, 1, 17)),
        (Term(30, TermUnit.DAYS), date(2028, 2, 15), date(2028, 3, 16)),
        (Term(0, TermUnit.DAYS), date(2026, 6, 1), date(2026, 6, 1)),
    ],
)
def test_term_counted_from_the_event_date(term: Term, event_date: date, expected: date) -> None:
    assert due_date(term, Event.DEREGISTRATION, DESTROY, event_date) == expected


def test_end_of_school_year_is_31_july_of_that_school_year() -> None:
    assert anchor(Event.END_OF_SCHOOL_YEAR, date(2026, 7, 31)) == date(2026, 7, 31)
    assert anchor(Event.END_OF_SCHOOL_YEAR, date(2026, 8, 1)) == date(2027, 7, 31)  # a new school year
    assert anchor(Event.END_OF_SCHOOL_YEAR, date(2027, 1, 10)) == date(2027, 7, 31)
    # Left in the middle of school year 2025-2026: 2 years from 31-07-2026.
    assert due_date(years(2), Event.END_OF_SCHOOL_YEAR, DESTROY, date(2026, 3, 2)) == date(2028, 7, 31)


def test_end_of_financial_and_calendar_year_is_31_december() -> None:
    assert due_date(years(7), Event.END_OF_FINANCIAL_YEAR, DESTROY, date(2019, 3, 5)) == date(2026, 12, 31)
    assert due_date(years(5), Event.END_OF_CALENDAR_YEAR, DESTROY, date(2020, 12, 31)) == date(2025, 12, 31)
    assert anchor(Event.CLOSING, date(2026, 5, 5)) == date(2026, 5, 5)


def test_keep_permanently_never_falls_due() -> None:
    assert due_date(years(0), Event.RECORDING, Action.KEEP_PERMANENTLY, date(1990, 1, 1)) is None
    state = assess(None, date(2999, 1, 1))
    assert not state.due and "Archiefwet" in state.reason
    assert latest([date(2030, 1, 1), None]) is None  # a pupil with a permanent record is never due
    assert latest([date(2030, 1, 1), date(2028, 5, 1)]) == date(2030, 1, 1)


def test_a_legal_hold_stops_the_record_and_says_why() -> None:
    until = date(2026, 9, 1)
    assert assess(date(2026, 8, 1), until).due
    held = assess(date(2026, 8, 1), until, ("geschil met ouders", "incident 2026-003 is nog niet afgesloten"))
    assert not held.due
    assert held.reason == "Vernietiging gestopt: geschil met ouders; incident 2026-003 is nog niet afgesloten"
    later = assess(date(2027, 1, 1), until)
    assert not later.due and later.reason == "Bewaartermijn loopt tot 01-01-2027."
    assert assess(until, until).due  # due on the day itself


def test_terms_read_and_written_in_dutch() -> None:
    assert parse_term("5 jaar") == years(5)
    assert parse_term(" 4 Weken ") == Term(4, TermUnit.WEEKS)
    assert parse_term("18 maanden").text == "18 maanden"
    assert Term(1, TermUnit.MONTHS).text == "1 maand" and Term(1, TermUnit.WEEKS).text == "1 week"
    with pytest.raises(ValueError, match="bijvoorbeeld '5 jaar'"):
        parse_term("vijf jaar")
    with pytest.raises(ValueError, match="negatief"):
        Term(-1, TermUnit.DAYS)
    with pytest.raises(ValueError, match="te lang"):
        Term(500, TermUnit.YEARS)


def test_run_numbers_per_year() -> None:
    assert next_run_number(2026, []) == "2026-01"
    assert next_run_number(2026, ["2025-03", "2026-01", "2026-02"]) == "2026-03"
    assert next_run_number(2027, ["2026-09"]) == "2027-01"


@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    amount=st.integers(min_value=0, max_value=120),
    unit=st.sampled_from(list(TermUnit)),
)
def test_term_arithmetic_matches_relativedelta(start: date, amount: int, unit: TermUnit) -> None:
    """The plain arithmetic gives the same day as dateutil's relativedelta for every unit and date."""
    from dateutil.relativedelta import relativedelta

    if unit in (TermUnit.WEEKS, TermUnit.DAYS) and amount > 100:
        amount = amount // 2
    assert Term(amount, unit).after(start) == start + relativedelta(**{unit.value: amount})  # type: ignore[arg-type]
