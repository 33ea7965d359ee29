"""Figures of the annual report from plain inputs: periods and quarters, percentages, incidents, consent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ibp_desktop.core.annual_figures import (
    PeriodKind,
    ReportPeriod,
    RunInput,
    consent_figures,
    incident_figures,
    percent,
    retention_figures,
    yearly_calendar,
)
from ibp_desktop.core.consent.rules import ConsentState as S
from ibp_desktop.core.incidents.rules import Decision, IncidentType


def test_school_year_and_calendar_year_periods() -> None:
    school = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025)
    assert (school.starts_on, school.ends_on, school.label) == (
        date(2025, 8, 1),
        date(2026, 7, 31),
        "schooljaar 2025-2026",
    )
    assert [q.label for q in school.quarters] == [
        "K1 (aug-okt)",
        "K2 (nov-jan)",
        "K3 (feb-apr)",
        "K4 (mei-jul)",
    ]
    assert school.quarters[1].ends_on == date(2026, 1, 31)
    assert (school.quarter_of(date(2025, 10, 31)), school.quarter_of(date(2026, 7, 31))) == (0, 3)
    calendar = ReportPeriod(PeriodKind.CALENDAR_YEAR, 2024)
    assert (calendar.label, calendar.quarters[0].ends_on) == ("kalenderjaar 2024", date(2024, 3, 31))
    with pytest.raises(ValueError, match="buiten kalenderjaar 2024"):
        calendar.quarter_of(date(2025, 1, 1))
    # The plan for next year lies inside the next period, in date order, ending with its annual report.
    assert [c.when for c in yearly_calendar(school)] == [
        "aug-okt 2026", "nov 2026", "jan 2027", "mei 2027", "jun 2027", "jul 2027",
    ]  # fmt: skip
    assert [c.when for c in yearly_calendar(calendar)] == [
        "jan 2025", "mei 2025", "jun 2025", "aug-okt 2025", "nov 2025", "dec 2025",
    ]  # fmt: skip


def test_percent_rounds_half_up_and_avoids_dividing_by_zero() -> None:
    assert [percent(1, 2), percent(2, 3), percent(1, 3), percent(1, 8), percent(0, 0)] == [
        "50%",
        "67%",
        "33%",
        "13%",
        "-",
    ]


def test_incident_figures_count_quarters_notifications_and_the_72_hours() -> None:
    from ibp_desktop.core.annual_figures import IncidentInput as Input

    period = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025)
    # 31 July 23:30 in Amsterdam is 21:30 UTC: still in the school year; 1 August 00:30 local is not.
    last = datetime(2026, 7, 31, 21, 30, tzinfo=UTC)
    after = datetime(2026, 7, 31, 22, 30, tzinfo=UTC)
    found = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
    figures = incident_figures(
        period,
        [
            Input(IncidentType.PHISHING, found, Decision.NOTIFY_AP, found + timedelta(hours=72), False),
            Input(
                IncidentType.PHISHING,
                found,
                Decision.NOTIFY_AP_AND_SUBJECTS,
                found + timedelta(hours=73),
                True,
            ),
            Input(IncidentType.PAPER_LOST, last, None, None, False),
            Input(IncidentType.MALWARE, after, Decision.NOTIFY_AP, None, False),
        ],
    )
    assert (figures.total, figures.per_quarter) == (3, (2, 0, 0, 1))
    assert figures.by_type == (("Phishing", (2, 0, 0, 0)), ("Papier kwijt of laten liggen", (0, 0, 0, 1)))
    assert (figures.notified, figures.notified_in_time, figures.notified_late, figures.share_in_time) == (
        2,
        1,
        1,
        "50%",
    )
    assert (figures.breaches, figures.not_assessed, figures.subjects_informed) == (2, 1, 1)


def test_consent_response_and_refusal_rates() -> None:
    states = [
        [S.GRANTED, S.REFUSED],
        [S.WITHDRAWN, S.CONFLICT],
        [S.NO_ANSWER, S.ASK_AGAIN],
        [S.GRANTED, S.GRANTED],
    ]
    figures = consent_figures("OBS De Linde", date(2026, 6, 1), ["Website", "Lokale pers"], states)
    website, press = figures.purposes
    assert (website.answered, website.refused, website.response_rate, website.refusal_rate) == (
        3,
        1,
        "75%",
        "33%",
    )
    assert (press.answered, press.refused, press.refusal_rate) == (3, 2, "67%")


def test_retention_figures_tell_final_from_draft_certificates() -> None:
    figures = retention_figures([RunInput(5, 2, 0), RunInput(3, 1, 1)], waiting=1)
    assert (figures.runs_done, figures.program_records, figures.external_done) == (2, 8, 2)
    assert (figures.certificates_final, figures.certificates_draft, figures.runs_waiting) == (1, 1, 1)
