"""Domain rules that used to live in widgets: the form defaults, the due-soon window and hold reasons."""

from __future__ import annotations

from datetime import date

from ibp_desktop.core.actions import default_due_on
from ibp_desktop.core.processors import ModelVersion, default_ends_on, default_model, default_review_on
from ibp_desktop.core.retention.rules import DUE_SOON_DAYS, assess, due_soon, hold_reasons_of


def test_agreement_defaults_count_calendar_years() -> None:
    assert default_review_on(date(2026, 2, 28)) == date(2027, 2, 28)
    assert default_review_on(date(2028, 2, 29)) == date(2029, 2, 28)  # no 29 February next year
    assert default_ends_on(date(2026, 8, 1)) == date(2029, 8, 1)
    assert default_model(True) is ModelVersion.V4 and default_model(False) is ModelVersion.OWN


def test_action_due_date_is_three_calendar_months_on() -> None:
    assert default_due_on(date(2026, 11, 30)) == date(2027, 2, 28)
    assert default_due_on(date(2026, 1, 15)) == date(2026, 4, 15)


def test_due_soon_is_the_next_thirty_days_only() -> None:
    today = date(2026, 12, 6)
    assert DUE_SOON_DAYS == 30
    assert not due_soon(today, today)  # already over: that is "te laat", not "binnenkort"
    assert due_soon(date(2026, 12, 7), today) and due_soon(date(2027, 1, 5), today)
    assert not due_soon(date(2027, 1, 6), today)


def test_hold_reasons_stay_data() -> None:
    state = assess(date(2026, 1, 1), date(2026, 12, 6), ("Klacht van de ouders loopt", "Incident 2026-003"))
    assert not state.due and state.holds == ("Klacht van de ouders loopt", "Incident 2026-003")
    assert state.reason == "Vernietiging gestopt: Klacht van de ouders loopt; Incident 2026-003"
    assert hold_reasons_of(state.reason) == "Klacht van de ouders loopt; Incident 2026-003"
    assert assess(date(2026, 1, 1), date(2026, 12, 6)).holds == ()


def test_a_staff_change_is_proposed_for_the_end_of_the_month() -> None:
    from ibp_desktop.core.policy.access_records import default_change_on

    assert default_change_on(date(2026, 2, 3)) == date(2026, 2, 28)
    assert default_change_on(date(2028, 2, 29)) == date(2028, 2, 29)
    assert default_change_on(date(2026, 12, 31)) == date(2026, 12, 31)
