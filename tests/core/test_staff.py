"""The pure rules of staff awareness: status of one employee, one calendar month, and the figures."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.staff.rules import (
    TOPIC_LABELS,
    StaffFacts,
    StaffStatus,
    Topic,
    add_month,
    parse_choice,
    share,
    staff_figures,
    staff_status,
)

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        (StaffFacts(date(2026, 9, 1), None, None, None), StaffStatus.NOT_INFORMED),
        (StaffFacts(date(2026, 9, 1), None, None, None, (date(2026, 9, 20),)), StaffStatus.INFORMED),
        # A session before the start date does not count for a newcomer.
        (StaffFacts(date(2026, 9, 1), None, None, None, (date(2026, 4, 2),)), StaffStatus.NOT_INFORMED),
        (StaffFacts(date(2020, 8, 1), None, None, date(2021, 9, 1)), StaffStatus.NEW_VERSION),
        (StaffFacts(date(2020, 8, 1), None, date(2026, 10, 1), date(2021, 9, 1)), StaffStatus.INFORMED),
        (StaffFacts(date(2020, 8, 1), date(2026, 7, 31), None, None), StaffStatus.LEFT),
        (StaffFacts(date(2020, 8, 1), date(2026, 12, 31), None, None), StaffStatus.NOT_INFORMED),  # not yet
    ],
)
def test_status(facts: StaffFacts, status: StaffStatus) -> None:
    assert staff_status(facts, TODAY) is status


def test_one_calendar_month() -> None:
    assert add_month(date(2026, 1, 31)) == date(2026, 2, 28)
    assert add_month(date(2024, 1, 31)) == date(2024, 2, 29)
    assert add_month(date(2026, 12, 15)) == date(2027, 1, 15)


def test_figures_count_the_current_version_and_newcomers_in_their_first_month() -> None:
    facts = [
        StaffFacts(date(2015, 8, 1), None, date(2026, 10, 1), date(2020, 1, 1)),
        StaffFacts(date(2015, 8, 1), None, None, date(2020, 1, 1)),
        StaffFacts(date(2026, 9, 1), None, None, None, (date(2026, 10, 1),)),  # 01-10 is within the month
        StaffFacts(date(2026, 9, 1), None, None, None, (date(2026, 10, 2),)),  # one day late
        StaffFacts(date(2010, 8, 1), date(2026, 7, 31), date(2026, 7, 1), None),  # left: not counted
    ]
    topics = [Topic.PHISHING, Topic.PHISHING, Topic.EMAIL_BCC]
    figures = staff_figures(facts, topics, 3, (date(2026, 8, 1), date(2027, 7, 31)), TODAY)
    assert (figures.active, figures.acknowledged_current, figures.acknowledged_share) == (
        4,
        1,
        "1 van 4 (25%)",
    )
    assert (figures.new_version_pending, figures.not_informed) == (1, 0)
    assert (figures.new_staff, figures.new_staff_informed_in_month) == (2, 1)
    assert figures.sessions_by_topic == {"Phishing": 2, "E-mail en BCC": 1} and figures.sessions == 3
    assert share(0, 0) == "geen medewerkers"


def test_choices_by_code_or_dutch_label() -> None:
    assert parse_choice("Phishing", TOPIC_LABELS, "onderwerp") is Topic.PHISHING
    assert parse_choice("clean_desk", TOPIC_LABELS, "onderwerp") is Topic.CLEAN_DESK
    with pytest.raises(ValueError, match="Kies uit: Phishing"):
        parse_choice("koffie", TOPIC_LABELS, "onderwerp")
