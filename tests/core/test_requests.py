"""Deadline rules for data-subject requests (one calendar month, +2 months), agreement and action status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.actions import ActionStatus, due_text
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.processors import ModelVersion, agreement_status, check_dates
from ibp_desktop.core.requests import (
    Level,
    Outcome,
    RequestFilter,
    Right,
    check_answer,
    check_extension,
    count_requests,
    deadline,
    extended_deadline,
    matches,
    request_status,
)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 1, 31), date(2026, 2, 28)),  # no 31 February: the last day of February
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2028, 1, 30), date(2028, 2, 29)),
        (date(2026, 1, 28), date(2026, 2, 28)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 8, 31), date(2026, 9, 30)),
        (date(2028, 2, 29), date(2028, 3, 29)),
        (date(2026, 11, 15), date(2026, 12, 15)),
        (date(2026, 12, 31), date(2027, 1, 31)),  # over the year end
    ],
)
def test_deadline_is_one_calendar_month(received: date, due: date) -> None:
    assert deadline(received) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 1, 31), date(2026, 4, 28)),  # two months on top of 28 February
        (date(2026, 3, 31), date(2026, 6, 30)),
        (date(2027, 11, 30), date(2028, 2, 29)),  # 30 December + 2 months: leap February
        (date(2026, 10, 15), date(2027, 1, 15)),
    ],
)
def test_extended_deadline_adds_two_months_to_the_original(received: date, due: date) -> None:
    assert extended_deadline(received) == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_deadline_is_after_receipt_within_28_to_31_days(received: date) -> None:
    days = (deadline(received) - received).days
    assert 28 <= days <= 31
    assert 59 <= (extended_deadline(received) - deadline(received)).days <= 62


def test_extension_must_be_told_within_the_first_month() -> None:
    received, today = date(2026, 3, 31), date(2026, 5, 10)  # due Thursday 30-04-2026
    check_extension(received, "Veel stukken", date(2026, 4, 30), today)  # the last day still counts
    with pytest.raises(BadInputError, match="uiterlijk op 30-04-2026"):
        check_extension(received, "Veel stukken", date(2026, 5, 1), today)
    with pytest.raises(BadInputError, match="waarom"):
        check_extension(received, "  ", date(2026, 4, 10), today)
    with pytest.raises(BadInputError, match="op welke dag"):
        check_extension(received, "Veel stukken", None, today)
    with pytest.raises(BadInputError, match="pas op 31-03-2026 binnen"):
        check_extension(received, "Veel stukken", date(2026, 3, 30), today)
    with pytest.raises(BadInputError, match="toekomst"):
        check_extension(received, "Veel stukken", date(2026, 4, 20), date(2026, 4, 10))


def test_extension_counts_the_moved_first_month() -> None:
    """Received 31-01-2026: the month ends on Saturday 28-02, so telling on Monday 02-03 is in time."""
    check_extension(date(2026, 1, 31), "Veel stukken", date(2026, 3, 2), date(2026, 3, 10))
    with pytest.raises(BadInputError, match="uiterlijk op 02-03-2026"):
        check_extension(date(2026, 1, 31), "Veel stukken", date(2026, 3, 3), date(2026, 3, 10))


def test_a_refusal_needs_reasons_and_the_answer_a_real_date() -> None:
    received, today = date(2026, 1, 5), date(2026, 2, 1)
    with pytest.raises(BadInputError, match="redenen"):
        check_answer(received, date(2026, 1, 20), Outcome.REFUSED, "", today)
    with pytest.raises(BadInputError, match="redenen"):
        check_answer(received, date(2026, 1, 20), Outcome.PARTLY, " ", today)
    check_answer(received, date(2026, 1, 20), Outcome.GRANTED, "", today)
    with pytest.raises(BadInputError, match="vóór de ontvangst"):
        check_answer(received, date(2026, 1, 4), Outcome.GRANTED, "", today)
    with pytest.raises(BadInputError, match="toekomst"):
        check_answer(received, date(2026, 2, 2), Outcome.GRANTED, "", today)


@pytest.mark.parametrize(
    ("today", "text", "level"),
    [
        (date(2026, 4, 18), "Nog 12 dagen", Level.OK),
        (date(2026, 4, 22), "Nog 8 dagen", Level.OK),
        (date(2026, 4, 23), "Nog 7 dagen", Level.AMBER),
        (date(2026, 4, 29), "Nog 1 dag", Level.AMBER),
        (date(2026, 4, 30), "Vandaag", Level.AMBER),
        (date(2026, 5, 1), "Te laat (1 dag)", Level.RED),
        (date(2026, 5, 3), "Te laat (3 dagen)", Level.RED),
    ],
)
def test_status_in_words(today: date, text: str, level: Level) -> None:
    status = request_status(date(2026, 3, 31), False, None, today)  # due Thursday 30-04-2026
    assert (status.text, status.level, status.deadline) == (text, level, date(2026, 4, 30))


def test_answered_status_and_extension() -> None:
    received = date(2026, 3, 31)
    on_time = request_status(received, False, date(2026, 4, 30), date(2026, 6, 1))
    assert (on_time.text, on_time.level, on_time.on_time) == ("Beantwoord op tijd", Level.OK, True)
    late = request_status(received, False, date(2026, 5, 1), date(2026, 6, 1))
    assert (late.text, late.level, late.on_time) == ("Te laat beantwoord", Level.RED, False)
    extended = request_status(received, True, None, date(2026, 5, 5))
    assert (extended.text, extended.deadline) == ("Nog 56 dagen", date(2026, 6, 30))
    assert request_status(received, True, date(2026, 6, 1), date(2026, 7, 1)).on_time is True


def test_filters_and_counts() -> None:
    today = date(2026, 3, 10)
    overdue = request_status(date(2026, 1, 5), False, None, today)
    running = request_status(date(2026, 3, 1), False, None, today)
    late = request_status(date(2026, 1, 2), False, date(2026, 2, 5), today)
    fine = request_status(date(2026, 1, 2), False, date(2026, 1, 20), today)
    assert [matches(s, RequestFilter.OVERDUE) for s in (overdue, running, late, fine)] == [1, 0, 0, 0]
    assert [matches(s, RequestFilter.LATE) for s in (overdue, running, late, fine)] == [1, 0, 1, 0]
    assert [matches(s, RequestFilter.OPEN) for s in (overdue, running, late, fine)] == [1, 1, 0, 0]
    counts = count_requests(
        [
            (Right.ACCESS, overdue, False, None),
            (Right.ACCESS, running, True, None),
            (Right.ERASURE, late, False, Outcome.REFUSED),
            (Right.OBJECTION, fine, False, Outcome.GRANTED),
        ]
    )
    assert (
        counts.total == 4 and counts.by_right[Right.ACCESS] == 2 and counts.by_right[Right.PORTABILITY] == 0
    )
    assert (counts.answered_on_time, counts.answered_late, counts.open_on_time, counts.open_overdue) == (
        1,
        1,
        1,
        1,
    )
    assert (counts.extended, counts.refused) == (1, 1)


@pytest.mark.parametrize(
    ("has", "signed", "ends", "review", "text", "level"),
    [
        (False, None, None, None, "Geen overeenkomst", Level.RED),
        (True, None, None, None, "Nog niet getekend", Level.RED),
        (True, date(2024, 1, 1), date(2026, 12, 1), None, "Verlopen op 01-12-2026", Level.RED),
        (True, date(2024, 1, 1), date(2026, 12, 10), None, "Verloopt vandaag", Level.RED),
        (True, date(2024, 1, 1), date(2027, 1, 19), None, "Verloopt over 40 dagen", Level.AMBER),
        (True, date(2024, 1, 1), date(2027, 2, 8), None, "Verloopt over 60 dagen", Level.AMBER),
        (True, date(2024, 1, 1), date(2027, 2, 9), None, "In orde", Level.OK),
        (True, date(2024, 1, 1), None, date(2026, 12, 10), "Herbeoordelen", Level.RED),
        (True, date(2024, 1, 1), None, date(2026, 12, 11), "Herbeoordelen over 1 dag", Level.AMBER),
        (True, date(2024, 1, 1), None, date(2027, 6, 1), "In orde", Level.OK),
    ],
)
def test_agreement_status(
    has: bool, signed: date | None, ends: date | None, review: date | None, text: str, level: Level
) -> None:
    status = agreement_status(has, signed, ends, review, date(2026, 12, 10))
    assert (status.text, status.level, status.needs_attention) == (text, level, level is not Level.OK)


def test_agreement_cannot_end_before_it_was_signed() -> None:
    with pytest.raises(BadInputError, match="vóór de datum van ondertekening"):
        check_dates(date(2026, 5, 1), date(2026, 4, 30))


def test_action_due_text() -> None:
    today = date(2026, 3, 10)
    assert due_text(ActionStatus.OPEN, today - timedelta(days=1), today) == (
        "Te laat (sinds 09-03-2026)",
        Level.RED,
    )
    assert due_text(ActionStatus.IN_PROGRESS, date(2026, 3, 24), today) == (
        "Uiterlijk 24-03-2026",
        Level.AMBER,
    )
    assert due_text(ActionStatus.OPEN, date(2026, 3, 25), today)[1] is Level.OK
    assert due_text(ActionStatus.DONE, date(2026, 1, 1), today) == ("Klaar", Level.OK)
    assert due_text(ActionStatus.OPEN, None, today) == ("Geen datum", Level.OK)


@pytest.mark.parametrize(
    ("model", "text", "level"),
    [
        (
            ModelVersion.V3,
            "Model 3.0: vernieuwen naar Model 4.0",
            Level.AMBER,
        ),  # privacyconvenant: 4.0 replaced 3.0
        (ModelVersion.V4, "In orde", Level.OK),
        (ModelVersion.OWN, "In orde", Level.OK),
    ],
)
def test_model_3_agreements_are_flagged_for_renewal(model: ModelVersion, text: str, level: Level) -> None:
    status = agreement_status(True, date(2020, 1, 1), None, None, date(2026, 12, 10), model)
    assert (status.text, status.level, status.needs_attention) == (text, level, level is not Level.OK)
    # An expired agreement says so first, whatever its model.
    assert agreement_status(
        True, date(2020, 1, 1), date(2026, 1, 1), None, date(2026, 12, 10), model
    ).text == ("Verlopen op 01-01-2026")
