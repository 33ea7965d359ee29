"""A request deadline on a weekend or Dutch public holiday moves to the next working day: a table, each
row with its source (Regulation 1182/71 art. 3(4); Algemene termijnenwet art. 1 and 3)."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core import requests as rules
from ibp_desktop.core.working_days import next_working_day, public_holidays, why_not_working

REG = "Reg. 1182/71 art. 3(4)"
ATW = "Algemene termijnenwet art. 3"
CASES = [
    # (received, computed deadline, moved deadline, reason, source)
    (date(2026, 9, 14), date(2026, 10, 14), date(2026, 10, 14), None, "a Wednesday: nothing moves"),
    (date(2026, 9, 10), date(2026, 10, 10), date(2026, 10, 12), "zaterdag", REG),
    (date(2026, 10, 11), date(2026, 11, 11), date(2026, 11, 11), None, "a Wednesday"),
    (date(2026, 10, 8), date(2026, 11, 8), date(2026, 11, 9), "zondag", REG),
    (
        date(2026, 11, 25),
        date(2026, 12, 25),
        date(2026, 12, 28),
        "Eerste Kerstdag",
        f"{ATW}; then Boxing Day, weekend",
    ),
    (date(2026, 12, 1), date(2027, 1, 1), date(2027, 1, 4), "Nieuwjaarsdag", f"{ATW}; then the weekend"),
    (
        date(2027, 2, 29 - 1),
        date(2027, 3, 28),
        date(2027, 3, 30),
        "zondag",
        f"{REG}; Easter Monday 29-03-2027 ({ATW})",
    ),
    (date(2027, 3, 27), date(2027, 4, 27), date(2027, 4, 28), "Koningsdag", ATW),
    (
        date(2025, 3, 26),
        date(2025, 4, 26),
        date(2025, 4, 28),
        "Koningsdag",
        f"{ATW}: 26 April when the 27th is a Sunday",
    ),
    (date(2026, 4, 5), date(2026, 5, 5), date(2026, 5, 6), "Bevrijdingsdag", ATW),
    (date(2026, 4, 14), date(2026, 5, 14), date(2026, 5, 15), "Hemelvaartsdag", f"{ATW}: Easter + 39 days"),
    (
        date(2026, 4, 25),
        date(2026, 5, 25),
        date(2026, 5, 26),
        "Tweede Pinksterdag",
        f"{ATW}: Easter + 50 days",
    ),
    (
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 2),
        "zaterdag",
        f"{REG}; one month ends on the 28th",
    ),
]


@pytest.mark.parametrize(
    ("received", "computed", "moved", "why", "source"), CASES, ids=[f"{c[0]:%d-%m-%Y}" for c in CASES]
)
def test_deadline_moves_to_the_next_working_day(
    received: date, computed: date, moved: date, why: str | None, source: str
) -> None:
    assert rules.deadline(received) == computed, source
    assert rules.moved_deadline(computed) == moved, source
    assert why_not_working(computed) == why, source
    note = rules.deadline_note(computed)
    assert (note == "") is (why is None)
    if why:
        assert f"verschoven van {computed:%d-%m-%Y}: {why}" == note


def test_late_counts_from_the_moved_deadline() -> None:
    """Received 10-09-2026, due Saturday 10-10; answered Monday 12-10 is on time, Tuesday 13-10 late."""
    received = date(2026, 9, 10)
    assert rules.request_status(received, False, date(2026, 10, 12), date(2026, 10, 20)).on_time is True
    assert rules.request_status(received, False, date(2026, 10, 13), date(2026, 10, 20)).on_time is False
    open_on_sunday = rules.request_status(received, False, None, date(2026, 10, 11))
    assert not open_on_sunday.overdue and open_on_sunday.text == "Nog 1 dag"


def test_holidays_of_a_year() -> None:
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 24)


AUTHORITY = [
    # (about a pupil, relation, checked, refused, source)
    (True, rules.Relation.GUARDIAN, False, True, "AVG art. 8 and 12(6); BW 1:245: check parental authority"),
    (True, rules.Relation.GUARDIAN, True, False, "authority checked and recorded"),
    (
        True,
        rules.Relation.OTHER,
        False,
        True,
        "a grandparent or guardian ad litem: authority must be checked",
    ),
    (True, rules.Relation.PUPIL_16, False, False, "from 16 the pupil acts alone (UAVG art. 5)"),
    (False, rules.Relation.STAFF, False, False, "a staff member about themselves"),
    (False, rules.Relation.GUARDIAN, False, False, "no pupil concerned (e.g. about the parent's own data)"),
]


@pytest.mark.parametrize(("pupil", "relation", "checked", "refused", "source"), AUTHORITY)
def test_parental_authority_is_recorded_for_requests_about_a_pupil(
    pupil: bool, relation: rules.Relation, checked: bool, refused: bool, source: str
) -> None:
    problem = rules.authority_problem(pupil, relation, checked)
    assert (problem is not None) is refused, source
    if problem:
        assert "Gezag nagegaan" in problem
